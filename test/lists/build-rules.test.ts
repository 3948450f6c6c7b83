import { describe, expect, it } from 'vitest';
import { isAcronymAlias, oneEntityPerListName, type EntityDraft } from '../../src/lists/build.js';
import type { ListIssue } from '../../src/lists/types.js';
import { entityDraft } from '../support/entity-draft.js';

function draft(id: string, listName: string, line: number): EntityDraft {
  return entityDraft({ id, listName, origin: { file: 'list.csv', line } });
}

function run(drafts: EntityDraft[]) {
  const warnings: ListIssue[] = [];
  const said: string[] = [];
  const kept = oneEntityPerListName(drafts, warnings, (d, message) => said.push(`${d.id}: ${message}`));
  return { kept, warnings, said };
}

describe('oneEntityPerListName (rule 1)', () => {
  it('joins a later record with the same list name into the earlier one, with a note and a warning', () => {
    const { kept, said } = run([draft('a', 'Gunther Migeotte', 2), draft('b', 'GUNTHER MIGEOTTE', 5)]);
    expect(kept.map((d) => d.id)).toEqual(['a']);
    expect(kept[0]?.names).toEqual([{ name: 'GUNTHER MIGEOTTE', type: 'list', sources: ['s'] }]);
    expect(kept[0]?.listings).toHaveLength(2);
    expect(kept[0]?.notes).toEqual(['Same list name as the record at list.csv:5 (b), merged here']);
    expect(said).toEqual(['a: record b has the same list name and was merged into this entity']);
  });

  it('leaves out a record whose list name is empty once normalised, with a warning at its line', () => {
    const { kept, warnings } = run([draft('a', '!!!', 2), draft('b', 'Megvii', 3)]);
    expect(kept.map((d) => d.id)).toEqual(['b']);
    expect(warnings).toEqual([{ file: 'list.csv', line: 2, message: '"!!!" is empty once normalised; record not imported' }]);
  });

  it('gives two entities with one id distinct ids', () => {
    expect(run([draft('x', 'Alpha', 2), draft('x', 'Beta', 3), draft('x', 'Gamma', 4)]).kept.map((d) => d.id)).toEqual(['x', 'x-2', 'x-3']);
  });
});

describe('isAcronymAlias (rule 5)', () => {
  it('takes a one-word alias of five letters or fewer for an acronym, not a list name or a Chinese name', () => {
    expect(isAcronymAlias('other-list', 'CETC')).toBe(true);
    expect(isAcronymAlias('former', 'SMIC')).toBe(true);
    expect(isAcronymAlias('list', 'CETC')).toBe(false);
    expect(isAcronymAlias('other-list', '海康威视')).toBe(false);
    expect(isAcronymAlias('other-list', 'Hikvision')).toBe(false);
    expect(isAcronymAlias('other-list', 'China Telecom')).toBe(false);
  });
});
