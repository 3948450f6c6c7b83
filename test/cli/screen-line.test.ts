// The plain screen line (src/cli/screen-line.ts) is read as commander reads it, from the same declared
// options (src/cli/screen-flags.ts); whatever it does not read, commander does, errors word for word.

import { CommanderError } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildProgram, type Invocation } from '../../src/cli/program.js';
import { SCREEN_FLAGS } from '../../src/cli/screen-flags.js';
import { plainScreenLine } from '../../src/cli/screen-line.js';
import { runCli } from '../support/run-cli.js';

/** What commander makes of a line: the invocation, or its error message (as main.ts prints it), or help. */
function byCommander(words: readonly string[]): { invocation: Invocation } | { error: string } | { help: true } {
  let invocation: Invocation | null = null;
  const program = buildProgram('0.0.0', (i) => {
    invocation = i;
  });
  try {
    program.parse(['node', 'exposure-screener', ...words]);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return error.code.startsWith('commander.help') ? { help: true } : { error: error.message.replace(/^error: /, '') };
  }
  return invocation === null ? { help: true } : { invocation };
}

function plain(words: readonly string[]): Invocation | null {
  return plainScreenLine(['node', 'exposure-screener', ...words]);
}

// Lines a CI job writes: each is read without commander, to the same invocation.
const READ: readonly (readonly string[])[] = [
  ['screen', 'holdings.csv'],
  ['screen', '-'],
  ['screen', 'a.csv', 'b.tsv', 'c.xlsx'],
  ['screen', 'holdings.csv', '--format', 'sarif', '-o', 'screen.sarif', '--fail-on', 'review'],
  ['screen', '--format=json', 'holdings.csv', '--output=report.json'],
  ['screen', 'holdings.csv', '-f', 'table', '-q', '-v', '--no-color', '--strict', '--progress'],
  ['screen', 'holdings.csv', '--output-format', 'sarif=a.sarif', '--output-format', 'junit=a.xml', '--csv-bom'],
  ['screen', 'holdings.csv', '--no-csv-bom', '--csv-bom', '--no-csv-bom'],
  ['screen', 'holdings.csv', '--list', 'a.json', '--list', 'b.csv', '--only-lists', '--funds', 'VWO=vwo.csv', '--funds', 'dir'],
  ['screen', 'holdings.csv', '--no-look-through', '--no-ignore', '--no-library', '--library', 'lib', '--require-look-through'],
  ['screen', 'holdings.csv', '--no-require-look-through', '--include-before-listing', '--scope', 'direct', '--max-exposure', '0.5%'],
  ['screen', 'holdings.csv', '--as-of', '2020-09-30', '--encoding', 'gb18030', '--columns', 'name=Description,value="Mkt Val"'],
  ['screen', 'holdings.csv', '--data', 'list.json', '--min-score', '0.8', '--max-data-age', '400', '--config', 'c.json'],
  ['screen', 'holdings.csv', '--base-currency', 'USD', '--fx', 'EUR=1.08', '--fx-file', 'fx.csv', '--ignore-file', 'ig.json'],
  ['screen', 'holdings.csv', '--debug', '--format', 'json'],
  ['screen', 'holdings.csv', '--output-format='],
  ['screen', 'holdings.csv', '-o', 'a.txt', '-o', 'b.txt'],
];

// Lines left to commander: help, errors, and what commander reads in ways of its own.
const LEFT: readonly (readonly string[])[] = [
  ['screen'],
  ['screen', '--help'],
  ['screen', 'holdings.csv', '-h'],
  ['screen', 'holdings.csv', '--nope'],
  ['screen', 'holdings.csv', '--format', 'pdf'],
  ['screen', 'holdings.csv', '--format=pdf'],
  ['screen', 'holdings.csv', '--fail-on'],
  ['screen', 'holdings.csv', '-o'],
  ['screen', 'holdings.csv', '-o', '-'],
  ['screen', 'holdings.csv', '--strict=yes'],
  ['screen', 'holdings.csv', '-qv'],
  ['screen', 'holdings.csv', '-fjson'],
  ['screen', '--', '-odd.csv'],
  ['screen', 'holdings.csv', '--encoding', 'latin-1'],
  ['--debug', 'screen', 'holdings.csv'],
  ['inspect', 'holdings.csv'],
  ['entities'],
  [],
];

describe('the plain screen line', () => {
  it.each(READ.map((words) => [words.join(' '), words]))('reads `%s` as commander does', (_, words) => {
    const fast = plain(words);
    expect(fast).not.toBeNull();
    expect({ invocation: fast }).toEqual(byCommander(words));
  });

  it.each(LEFT.map((words) => [words.join(' '), words]))('leaves `%s` to commander', (_, words) => {
    expect(plain(words)).toBeNull();
  });

  it('reads any line it reads as commander does (property over lines made of the declared options)', () => {
    const words = fc.constantFrom(
      ...SCREEN_FLAGS.flatMap((spec) => spec.flags.split(/[ ,]+/).filter((w) => w.startsWith('-'))),
      '--debug',
      '-h',
      '--',
      '-',
      '--nope',
      'a.csv',
      'b.csv',
      'json',
      'sarif=x.sarif',
      'review',
      'utf-8',
      '0.5',
      '',
      '-x',
    );
    const inline = fc
      .tuple(fc.constantFrom(...SCREEN_FLAGS.map((s) => /--[a-z-]+/.exec(s.flags)?.[0] ?? '')), words)
      .map(([f, v]) => `${f}=${v}`);
    fc.assert(
      fc.property(fc.array(fc.oneof(words, inline), { maxLength: 8 }), (line) => {
        const fast = plain(['screen', ...line]);
        if (fast !== null) expect({ invocation: fast }).toEqual(byCommander(['screen', ...line]));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves errors to commander: the bin says what commander says', () => {
    for (const words of [
      ['screen', 'holdings.csv', '--nope'],
      ['screen', 'holdings.csv', '--format', 'pdf'],
      ['screen', 'holdings.csv', '-o'],
      ['screen'],
    ]) {
      const said = byCommander(words);
      expect('error' in said).toBe(true);
      const r = runCli(words);
      expect(r.stderr).toBe(`exposure-screener: ${'error' in said ? said.error : ''} (run with --help for usage)\n`);
      expect(r.exitCode).toBe(2);
    }
  });
});
