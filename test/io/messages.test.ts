import { describe, expect, it } from 'vitest';
import { csvProblemText, messageLines, messageShape, oneLine, MAX_MESSAGE_LENGTH } from '../../src/io/messages.js';
import { parseJsonText, repeatedKey } from '../../src/io/json.js';
import { parseColumnsOption, parseScreenOptions } from '../../src/cli/options.js';
import { unusedRuleText, expiredRuleText } from '../../src/report/finding-text.js';

describe('messageLines: every warning list printed on stderr', () => {
  const unused = (i: number, entity: string): string =>
    `note: /p/.exposure-ignore.json: ${unusedRuleText({ index: i, entity, reason: 'r', expires: '2099-01-01', owner: null })}`;

  it('gathers 10,000 repeats of one shape into the first two and "… and 9,998 more like this"', () => {
    const messages = Array.from({ length: 10_000 }, (_, i) => unused(i, i % 2 === 0 ? 'megvii' : 'dahua'));
    expect(messageLines(messages)).toEqual([unused(0, 'megvii'), unused(1, 'dahua'), 'note: … and 9,998 more like this']);
  });

  it('keeps the order, and gathers each shape on its own', () => {
    const expired = (i: number): string =>
      `warning: /p/i.json: ${expiredRuleText({ index: i, entity: 'dahua', reason: `why ${i}`, expires: '2020-01-01', owner: null })}`;
    const messages = [
      expired(0),
      unused(0, 'megvii'),
      expired(1),
      'warning: the list was last reviewed on 2025-01-01 (300 days ago)',
      expired(2),
      unused(1, 'x'),
      unused(2, 'y'),
    ];
    expect(messageLines(messages)).toEqual([
      expired(0),
      unused(0, 'megvii'),
      expired(1),
      'warning: … and 1 more like this',
      'warning: the list was last reviewed on 2025-01-01 (300 days ago)',
      unused(1, 'x'),
      'note: … and 1 more like this',
    ]);
  });

  it('leaves two of a kind alone, and different sentences are different shapes', () => {
    expect(messageLines(['a "x"', 'a "y"'])).toEqual(['a "x"', 'a "y"']);
    expect(messageShape('--funds VWO=a.csv: no position')).not.toBe(messageShape('--list a.csv: no position'));
  });
});

describe('oneLine', () => {
  it('makes one line of any text and cuts it to an excerpt', () => {
    expect(oneLine('a\nb\r\nc\u2028d\u001b[31m')).toBe('a b c d [31m');
    const long = oneLine('x'.repeat(10_000));
    expect(Array.from(long)).toHaveLength(MAX_MESSAGE_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe("csv-parse's errors in our words", () => {
  it('names what is wrong in the file, never csv-parse options', () => {
    for (const code of [
      'CSV_QUOTE_NOT_CLOSED',
      'CSV_INVALID_CLOSING_QUOTE',
      'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE',
      'CSV_MAX_RECORD_SIZE',
      'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH',
      'CSV_SOMETHING_NEW',
    ]) {
      expect(csvProblemText(code)).not.toMatch(/relax|trimable|option|record_delimiter/i);
    }
    expect(csvProblemText('CSV_QUOTE_NOT_CLOSED')).toBe('a quoted field opens here and is never closed');
  });
});

describe('parseJsonText', () => {
  it('says what is wrong and where, quoting nothing of the text', () => {
    expect(parseJsonText('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonText('{\n"a": 1,\n}')).toMatchObject({ ok: false, line: 3 });
    const passwd = parseJsonText('root:x:0:0:root:/root:/bin/bash\n');
    expect(passwd.ok).toBe(false);
    expect(JSON.stringify(passwd)).not.toContain('root');
    expect(parseJsonText('{"a":')).toMatchObject({ ok: false, what: 'it ends before the JSON value does (cut short?)' });
  });
});

describe('repeatable and map-like options: a repeated key is a usage error', () => {
  it('--columns, --list and --funds', () => {
    expect(() => parseColumnsOption('name=A,value=V,name=B')).toThrow('--columns: name is named twice ("A" and "B")');
    expect(parseColumnsOption('name=A,ticker=A')).toEqual({ name: 'A', ticker: 'A' });
    expect(() => parseScreenOptions({ list: ['x.csv', './x.csv'] })).toThrow('--list ./x.csv: already given (--list x.csv)');
    expect(() => parseScreenOptions({ funds: ['dir', './dir'] })).toThrow('--funds ./dir: already given (--funds dir)');
    expect(parseScreenOptions({ funds: ['VWO=a.csv', 'EEM=a.csv'] }).funds).toEqual(['VWO=a.csv', 'EEM=a.csv']);
  });
});

describe('repeatedKey', () => {
  it('finds a key written twice in one object, with its line, and nothing else', () => {
    expect(repeatedKey('{"ignore": [\n {"entity": "a", "reason": "r",\n  "entity": "b"}]}')).toEqual({ key: 'entity', line: 3 });
    expect(repeatedKey('{"a": {"k": 1}, "b": {"k": 2}, "c": ["k", "k"], "d": "k:"}')).toBeNull();
    expect(repeatedKey('{"a\\"b": 1, "a\\"b": 2}')).toEqual({ key: 'a"b', line: 1 });
  });
});
