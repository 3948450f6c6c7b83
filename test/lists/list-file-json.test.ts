import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

describe('a list file that is not valid JSON is one line naming the file, the line and what is wrong', () => {
  const dir = makeTempDir('list-json');

  it.for([
    { label: 'an unquoted key', text: '{\n  "version": "x",\n  bad: 1\n}\n', line: 3, says: /a property name is not in double quotes/ },
    { label: 'a file cut short', text: '{\n  "version": "x",\n  "entities": [\n', line: null, says: /ends before the JSON value does/ },
  ])('$label', ({ label, text, line, says }) => {
    const file = join(dir, `${label.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, text);
    for (const args of [
      ['lists', 'check', file],
      ['screen', '--list', file, join(dir, 'none.csv')],
    ]) {
      const run = runCli(args);
      expect(run.exitCode).toBe(2);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(line === null ? `${file}: not valid JSON` : `${file}:${line}: not valid JSON`);
      expect(lines[0]).toMatch(says);
      expect(lines[0]).not.toMatch(/position \d+/); // V8's offset, not our words
    }
  });
});
