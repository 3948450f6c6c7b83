// The per-cell fast paths of the segmenter and the header matcher decide without a regex for most cells;
// each must never disagree with the regex it stands before (issue 18: the VWO file's rows, run cold).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isNumericCell, mayBeNumericCell } from '../../src/ingest/columns.js';
import { hasEdgeSpace, hasPlainEdges } from '../../src/ingest/tables.js';

/** Every CSV file under fixtures/, by path. */
function csvFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...csvFiles(path));
    else if (/\.(?:csv|txt|tsv)$/i.test(name)) found.push(path);
  }
  return found;
}

/** The cells of the real exports, split naively on their delimiters and quotes (edges kept as they are). */
function realCells(): string[] {
  const cells = new Set<string>();
  for (const file of csvFiles('fixtures')) {
    for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
      for (const cell of line.split(/[,;\t|]/)) {
        cells.add(cell);
        cells.add(cell.replace(/^"|"$/g, ''));
      }
    }
  }
  return [...cells];
}

/** Generated cells: every pair of edge characters that matter around a few middles. */
function generatedCells(): string[] {
  const edges = [
    '',
    ' ',
    '\t',
    '\u00a0',
    '\ufeff',
    '\u2003',
    '\u3000',
    'A',
    'z',
    'é',
    '0',
    '9',
    '.',
    ',',
    '%',
    ')',
    '(',
    '$',
    '£',
    '€',
    '¥',
    '+',
    '-',
    '−',
    '"',
    "'",
    '*',
    '#',
    '~',
    '\u007f',
    '\u0085',
  ];
  const middles = ['', '1', '1,234.50', 'Acme Corp', ' 12 ', '\u00a0'];
  const cells: string[] = [];
  for (const first of edges) for (const middle of middles) for (const last of edges) cells.push(`${first}${middle}${last}`);
  return cells;
}

const cells = [...realCells(), ...generatedCells()];

describe('the per-cell fast paths agree with their regexes', () => {
  it('reads enough cells to mean something', () => {
    expect(cells.length).toBeGreaterThan(10_000);
  });

  it('a cell mayBeNumericCell rules out is never numeric', () => {
    const wrong = cells.filter((cell) => !mayBeNumericCell(cell) && isNumericCell(cell));
    expect(wrong).toEqual([]);
    // It rules out most cells, or it would be no fast path.
    expect(cells.filter((cell) => !mayBeNumericCell(cell)).length).toBeGreaterThan(cells.length / 5);
  });

  it('a cell hasPlainEdges passes has no edge space', () => {
    const wrong = cells.filter((cell) => hasPlainEdges(cell) && hasEdgeSpace(cell));
    expect(wrong).toEqual([]);
    expect(cells.filter((cell) => hasPlainEdges(cell)).length).toBeGreaterThan(cells.length / 3);
    // And it passes no cell with a space at an edge (generated ones have them).
    expect(cells.some((cell) => hasEdgeSpace(cell))).toBe(true);
  });
});
