import { describe, expect, it } from 'vitest';
import { aliasConflicts, groupRowsByName, identifierConflicts } from '../../src/lists/user-csv.js';

const row = (line: number, name: string, aliases: string[] = [], security: { isin: string } | null = null) => ({
  line,
  name,
  aliases,
  security,
});

describe('groupRowsByName', () => {
  it('makes rows whose names normalise alike one entity, in the order first met', () => {
    const groups = groupRowsByName([row(2, 'Alpha Co., Ltd.'), row(3, 'Beta'), row(4, 'ALPHA CO LTD')]);
    expect([...groups.values()].map((g) => g.map((r) => r.line))).toEqual([[2, 4], [3]]);
  });
});

describe('aliasConflicts', () => {
  it('lets an entity repeat its own name as an alias', () => {
    expect(aliasConflicts(groupRowsByName([row(2, 'Alpha', ['ALPHA', 'AC']), row(3, 'Alpha', ['alpha'])]))).toEqual([]);
  });

  it('lets rows of one entity give the same alias, which is no conflict with itself', () => {
    const groups = groupRowsByName([row(2, 'Alpha', ['AC Group']), row(3, 'Beta'), row(4, 'ALPHA', ['ac group'])]);
    expect(aliasConflicts(groups)).toEqual([]);
  });

  it("says where an alias is another entity's name or alias, at the row that gives it", () => {
    const conflicts = aliasConflicts(groupRowsByName([row(2, 'Alpha', ['AC']), row(3, 'Beta', ['Alpha']), row(4, 'Gamma', ['ac'])]));
    expect(conflicts).toEqual([
      {
        line: 3,
        message: 'alias "Alpha" is also the name or an alias of "Alpha" (line 2); a name may belong to one entity only',
      },
      { line: 4, message: 'alias "ac" is also the name or an alias of "Alpha" (line 2); a name may belong to one entity only' },
    ]);
  });
});

describe('identifierConflicts', () => {
  it('lets rows of one entity repeat an identifier but not two entities share one', () => {
    const isin = { isin: 'CNE100000PM8' };
    expect(identifierConflicts([row(2, 'Alpha', [], isin), row(3, 'ALPHA', [], isin)])).toEqual([]);
    expect(identifierConflicts([row(2, 'Alpha', [], isin), row(3, 'Beta', [], isin)])).toEqual([
      { line: 3, message: 'CNE100000PM8 is also given for "Alpha" (line 2)' },
    ]);
  });

  it('names a trading line as "exchange code"', () => {
    const line = { exchange: 'XSHE' as const, code: '002415' };
    const rows = [
      { line: 2, name: 'Alpha', security: line },
      { line: 5, name: 'Beta', security: line },
    ];
    expect(identifierConflicts(rows)).toEqual([{ line: 5, message: 'XSHE 002415 is also given for "Alpha" (line 2)' }]);
  });
});
