#!/usr/bin/env node
// Prints, per TypeScript file under the folders given, each function's length in lines and the deepest nesting of
// blocks inside it, longest first, so that the shape of a module (issue 14 item 6) is measured rather than guessed.
// Usage: node scripts/function-shape.mjs src/lists [src/dataset ...] [--min-lines N]

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const args = process.argv.slice(2);
const minIndex = args.indexOf('--min-lines');
const minLines = minIndex >= 0 ? Number(args[minIndex + 1]) : 0;
const folders = args.filter((arg, i) => i !== minIndex && i !== minIndex + 1);
if (folders.length === 0) folders.push('src/lists');

function filesUnder(path) {
  if (statSync(path).isFile()) return path.endsWith('.ts') ? [path] : [];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

function isFunction(node) {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/** Statements that open a level in the sense of ESLint's max-depth. */
function opensLevel(node) {
  return (
    ts.isIfStatement(node) ||
    ts.isForStatement(node) ||
    ts.isForOfStatement(node) ||
    ts.isForInStatement(node) ||
    ts.isWhileStatement(node) ||
    ts.isDoStatement(node) ||
    ts.isSwitchStatement(node) ||
    ts.isTryStatement(node) ||
    ts.isWithStatement(node)
  );
}

function nameOf(node, source) {
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText(source);
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText(source);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  return '(anonymous)';
}

/** The deepest nesting inside one function body, not counting functions nested in it (they are measured apart). */
function maxDepth(body) {
  let deepest = 0;
  const walk = (node, depth) => {
    if (isFunction(node)) return;
    // `else if` continues the same level, as in max-depth.
    const isElseIf = ts.isIfStatement(node) && node.parent && ts.isIfStatement(node.parent) && node.parent.elseStatement === node;
    const here = opensLevel(node) && !isElseIf ? depth + 1 : depth;
    deepest = Math.max(deepest, here);
    ts.forEachChild(node, (child) => walk(child, here));
  };
  ts.forEachChild(body, (child) => walk(child, 0));
  return deepest;
}

for (const folder of folders) {
  for (const file of filesUnder(folder)) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const rows = [];
    const visit = (node) => {
      if (isFunction(node) && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
        rows.push({ name: nameOf(node, source), start, lines: end - start + 1, depth: maxDepth(node.body) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    const shown = rows.filter((row) => row.lines >= minLines).sort((a, b) => b.lines - a.lines || a.start - b.start);
    if (shown.length === 0) continue;
    console.log(relative(process.cwd(), file));
    for (const row of shown) {
      console.log(`  ${String(row.lines).padStart(4)} lines  depth ${row.depth}  ${row.name} (line ${row.start})`);
    }
  }
}
