// The module boundaries of the README's architecture section, checked on the source: a pure core with I/O at
// the edges, reporters that only render, and one module that writes to the terminal. A change that
// crosses a boundary fails here with the file and the import that crossed it.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/run-cli.js';

const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

interface Import {
  /** Path under src/ of the importing file: "report/table.ts". */
  readonly from: string;
  /** What it imports: "node:fs", "chalk", or a path under src/ ("model.ts", "ingest/read.ts"). */
  readonly target: string;
  /** `import type` / `export type`: gone at run time. */
  readonly typeOnly: boolean;
  /** `import('…')`: loaded when the code runs there, not when the importing module is. */
  readonly dynamic: boolean;
}

// Static imports and re-exports, and dynamic import('…'). The sources are ours and formatted, so a
// pattern over the text is enough; a missed form would show as a boundary not enforced, not a false alarm.
const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'([^']+)'|import\('([^']+)'\)/gm;

function importsOf(path: string): Import[] {
  const from = relative(SRC, path).replaceAll('\\', '/');
  const text = readFileSync(path, 'utf8');
  const found: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const specifier = m[3] ?? m[4];
    if (specifier === undefined) continue;
    const target = specifier.startsWith('.')
      ? relative(SRC, join(path, '..', specifier))
          .replaceAll('\\', '/')
          .replace(/\.js$/, '.ts')
      : specifier;
    found.push({ from, target, typeOnly: m[2] !== undefined, dynamic: m[4] !== undefined });
  }
  return found;
}

const FILES = sourceFiles(SRC);
const IMPORTS = FILES.flatMap(importsOf);
const inFolder = (path: string, ...folders: string[]): boolean => folders.some((f) => path === f || path.startsWith(`${f}/`));
const show = (list: readonly Import[]): string[] => list.map((i) => `${i.from} → ${i.target}${i.typeOnly ? ' (type)' : ''}`);

describe('module boundaries (README, Architecture)', () => {
  it('reads every source file and finds their imports', () => {
    expect(FILES.length).toBeGreaterThan(50);
    expect(IMPORTS.some((i) => i.from === 'cli/main.ts' && i.target === 'cli/run-screen.ts' && i.dynamic)).toBe(true);
    expect(IMPORTS.some((i) => i.from === 'report/inspect.ts' && i.target === 'model.ts' && i.typeOnly)).toBe(true);
  });

  it('start-up loads only what a command needs: no zod before a file asks for it, no reporter before its format', () => {
    /** Every module loaded, at run time, when `start` is: static imports only, followed through. */
    const loadedWith = (start: string): Set<string> => {
      const seen = new Set<string>([start]);
      const queue = [start];
      for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
        for (const i of IMPORTS) {
          if (i.from !== next || i.typeOnly || i.dynamic || seen.has(i.target)) continue;
          seen.add(i.target);
          queue.push(i.target);
        }
      }
      return seen;
    };
    const main = loadedWith('cli/main.ts');
    // --version alone is answered before commander loads; every other command loads it then.
    expect([...main].filter((m) => !m.startsWith('node:') && m.endsWith('.ts') === false)).toEqual([]);
    expect(IMPORTS.some((i) => i.from === 'cli/main.ts' && i.target === 'commander' && i.dynamic)).toBe(true);
    // The bundled data comes pre-validated (dataset/bundled.ts); zod is loaded for a --data, --list,
    // config or ignore file, when one is given.
    for (const command of ['cli/run-screen.ts', 'cli/run-info.ts', 'cli/run-funds.ts', 'cli/screen-library.ts']) {
      const loaded = loadedWith(command);
      expect([command, loaded.has('zod')]).toEqual([command, false]);
      expect([
        command,
        [...loaded].filter((m) => /^report\/(?:table|json|csv|markdown|junit|sarif|html|html-charts)\.ts$/.test(m)),
      ]).toEqual([command, []]);
    }
  });

  it('model.ts holds types only', () => {
    expect(show(IMPORTS.filter((i) => i.from === 'model.ts' && !i.typeOnly))).toEqual([]);
    expect(readFileSync(join(SRC, 'model.ts'), 'utf8')).not.toMatch(/^\s*(?:export\s+)?(?:const|let|function|class)\s/m);
  });

  it('nothing outside cli/ imports cli/', () => {
    expect(show(IMPORTS.filter((i) => !inFolder(i.from, 'cli') && inFolder(i.target, 'cli')))).toEqual([]);
  });

  it('only cli/ and the package entry import the reporters', () => {
    expect(show(IMPORTS.filter((i) => !inFolder(i.from, 'cli', 'report', 'index.ts') && inFolder(i.target, 'report')))).toEqual([]);
  });

  it('reporters render: at run time they use only report/ itself and rendering libraries', () => {
    // And the pure decisions a report's headline states (exposure/policy.ts: flagged, review or clean), the cents they sum in
    // (exposure/aggregate.ts) and the one order of text every sorted list uses (order.ts: code units, no ICU collator).
    const allowed = new Set(['chalk', 'cli-table3', 'zod', 'node:crypto', 'exposure/policy.ts', 'exposure/aggregate.ts', 'order.ts']);
    const crossing = IMPORTS.filter(
      (i) => inFolder(i.from, 'report') && !i.typeOnly && !inFolder(i.target, 'report') && !allowed.has(i.target),
    );
    expect(show(crossing)).toEqual([]);
  });

  it('the file system is touched only by the loaders, the readers and the command line', () => {
    const readers = ['cli', 'io', 'dataset/load.ts', 'dataset/bundled.ts', 'ingest/read.ts', 'ingest/stream.ts', 'lists/read.ts'];
    const io = IMPORTS.filter(
      (i) => /^node:(?:fs|fs\/promises|child_process|net|http|https)$/.test(i.target) && !inFolder(i.from, ...readers),
    );
    expect(show(io)).toEqual([]);
  });

  it('no network module is imported anywhere: the tool works offline', () => {
    expect(
      show(
        IMPORTS.filter((i) => /^node:(?:net|http|https|http2|dgram|tls)$/.test(i.target) || /^(?:undici|axios|node-fetch)$/.test(i.target)),
      ),
    ).toEqual([]);
    const fetching = FILES.filter((f) => /\bfetch\(/.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
    expect(fetching).toEqual([]);
  });

  it('only cli/main.ts writes to the terminal or sets the exit code', () => {
    const writers = FILES.filter(
      (f) =>
        !f.endsWith(join('cli', 'main.ts')) && /\bconsole\.|process\.(?:stdout|stderr)\.write|process\.exit/.test(readFileSync(f, 'utf8')),
    );
    expect(writers.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('the core does not reach the command line, the reporters, or the process', () => {
    const core = ['screen.ts', 'normalize', 'match', 'look-through', 'exposure', 'memo.ts'];
    const crossing = IMPORTS.filter(
      (i) =>
        inFolder(i.from, ...core) &&
        (inFolder(i.target, 'cli', 'report') || /^node:/.test(i.target) || i.target === 'chalk' || i.target === 'commander'),
    );
    expect(show(crossing)).toEqual([]);
    const processUse = FILES.filter((f) => inFolder(relative(SRC, f), ...core) && /\bprocess\./.test(readFileSync(f, 'utf8'))).map((f) =>
      relative(SRC, f),
    );
    expect(processUse).toEqual([]);
  });
});

describe('types say what values are (no `any`, no `as`)', () => {
  /** `as T` (but `as const`), `<T>x` and `any`, found by the TypeScript parser, each with its line. */
  function escapes(name: string, text: string): string[] {
    const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
    const found: string[] = [];
    const at = (node: ts.Node): string =>
      `${name}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().slice(0, 60)}`;
    const visit = (node: ts.Node): void => {
      if (ts.isAsExpression(node) && !(ts.isTypeReferenceNode(node.type) && node.type.typeName.getText() === 'const')) found.push(at(node));
      if (ts.isTypeAssertionExpression(node)) found.push(at(node));
      if (node.kind === ts.SyntaxKind.AnyKeyword) found.push(at(node));
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  }

  it('holds for every source file', () => {
    expect(FILES.flatMap((path) => escapes(relative(SRC, path), readFileSync(path, 'utf8')))).toEqual([]);
  });

  it('would find each kind, and let `as const` pass', () => {
    const text = 'const a = JSON.parse("1") as number;\nconst b: any = 1;\nconst c = [1] as const;\nconst d = <string>a;';
    expect(escapes('probe.ts', text)).toEqual(['probe.ts:1: JSON.parse("1") as number', 'probe.ts:2: any', 'probe.ts:4: <string>a']);
  });
});
