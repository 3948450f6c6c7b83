import type { EntityDraft } from '../../src/lists/build.js';

/** A company draft as a user list's row would make it, with one sourced listing; the rest as given. */
export function entityDraft(fields: Pick<EntityDraft, 'id' | 'listName'> & Partial<EntityDraft>): EntityDraft {
  return {
    listNameSources: ['s'],
    kind: 'company',
    names: [],
    listings: [{ list: 'us-entity-list', date: '2019-10-09', sources: ['s'] }],
    securities: [],
    notes: [],
    origin: { file: 'list.csv', line: 2 },
    ...fields,
  };
}
