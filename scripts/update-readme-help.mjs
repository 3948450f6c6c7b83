#!/usr/bin/env node
// Copies `exposure-screener screen --help` into README.md between the screen-help markers.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const help = execFileSync(process.execPath, [`${root}bin/exposure-screener.js`, 'screen', '--help'], { env: { PATH: process.env.PATH, NO_COLOR: '1', COLUMNS: '100' }, encoding: 'utf8' });
const readme = readFileSync(`${root}README.md`, 'utf8');
const next = readme.replace(/(<!-- screen-help:start -->\n)[\s\S]*?(<!-- screen-help:end -->)/, `$1\`\`\`text\n${help}\`\`\`\n$2`);
writeFileSync(`${root}README.md`, next);
console.log(next === readme ? 'README.md already up to date' : 'README.md updated');
