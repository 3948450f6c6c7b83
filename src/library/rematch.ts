// Matching a whole library again, when the list in use is not the one its matches were made with.
// Its own module: only then does a funds query load the matcher.

import type { DatasetFile } from '../dataset/schema.js';
import { createLibraryMatcher, type StoredHolding, STORED_HOLDING_COLUMNS } from './rows.js';
import { setMeta, type Db } from './store.js';

/**
 * Matches kept for funds holders were made with one version of the list; when the list in use is
 * another, every holding is screened again (one transaction).
 */
export function rematch(db: Db, dataset: DatasetFile): void {
  db.transaction(() => {
    db.exec('DELETE FROM match');
    const matcher = createLibraryMatcher(dataset);
    const filings = db.prepare<[], { id: number }>('SELECT id FROM filing ORDER BY id').all();
    const rows = db.prepare<[number], StoredHolding>(`SELECT ${STORED_HOLDING_COLUMNS} FROM holding WHERE filing_id = ? ORDER BY line`);
    for (const f of filings) for (const h of rows.all(f.id)) matcher.add(f.id, h);
    const insert = db.prepare(
      'INSERT INTO match(filing_id, line, entity_id, entity_name, relation, related_name, status, match_on, score, matched) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    for (const m of matcher.finish())
      insert.run(m.filingId, m.line, m.entityId, m.entityName, m.relation, m.relatedName, m.status, m.on, m.score, m.matched);
    setMeta(db, 'matched_with', dataset.version);
  })();
}
