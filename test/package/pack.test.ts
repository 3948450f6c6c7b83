// The package installs like any npm CLI: packed from the sources alone (prepack builds), installed from the
// tarball into an empty folder with its runtime dependencies only, and run through npx from there.

import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

/** npm in a child, without the npm_* variables of the `npm test` that may be running us. */
function npm(args: readonly string[], cwd: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const r = spawnSync('npm', [...args], { cwd, env: { ...env, NO_COLOR: '1' }, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status };
}
function npx(args: readonly string[], cwd: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const r = spawnSync('npx', [...args], { cwd, env: { ...env, NO_COLOR: '1' }, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status };
}

const pkg: unknown = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? String(pkg.version) : '';

describe('the packed tarball', () => {
  it('packs from the sources alone, installs into an empty folder and runs with npx', { timeout: 60_000 }, () => {
    const tmp = makeTempDir('pack');
    // A checkout without dist/ (and without the tests' own build, which other test files are using).
    const tree = join(tmp, 'checkout');
    mkdirSync(tree);
    for (const entry of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'README.md',
      'LICENSE',
      'bin',
      'src',
      'scripts',
      'data',
      'examples',
    ]) {
      cpSync(join(ROOT, entry), join(tree, entry), { recursive: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'), 'dir');
    const packed = npm(['pack', '--json', '--pack-destination', tmp], tree);
    expect(packed.exitCode, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    const files = (info?.files ?? []).map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'bin/exposure-screener.js',
        'dist/cli/main.js',
        'dist/index.d.ts',
        'data/entities.json',
        'examples/sample-holdings.csv',
      ]),
    );
    expect(files.filter((f) => /^(src|test|fixtures|scripts|node_modules)\/|\.map$|\.tgz$/.test(f))).toEqual([]);

    const app = join(tmp, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
    // Without the optional dependency (better-sqlite3, native, for the fund library): the CLI must work
    // without it, and building it from source would take the test a minute and a half.
    const installed = npm(
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--omit=optional', join(tmp, info?.filename ?? '')],
      app,
    );
    expect(installed.exitCode, installed.stderr).toBe(0);

    const shown = npx(['exposure-screener', '--version'], app);
    expect(shown.exitCode, shown.stderr).toBe(0);
    expect(shown.stdout.split('\n')[0]).toBe(version);
    expect(shown.stdout).toMatch(/^list \d{4}\.\d{2}\.\d{2}-\d+, reviewed \d{4}-\d{2}-\d{2}$/m);

    const screened = npx(
      ['exposure-screener', 'screen', 'node_modules/exposure-screener/examples/sample-holdings.csv', '--format', 'json'],
      app,
    );
    expect(screened.exitCode, screened.stderr).toBe(1);
    const report: { findings: { status: string; entity: { id: string } }[] } = JSON.parse(screened.stdout);
    expect(
      report.findings
        .filter((f) => f.status === 'flagged')
        .map((f) => f.entity.id)
        .sort(),
    ).toEqual(['dahua', 'hikvision', 'iflytek']);
  });
});
