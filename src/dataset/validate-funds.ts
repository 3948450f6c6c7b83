// Fund data: schema, then rules across records and across files (entities named must exist).

import { isValidCusip, isValidIsin } from '../normalize/identifiers.js';
import { resolveIndices } from './construction.js';
import { FundsFileSchema, SnapshotsFileSchema, type FundsFile, type SnapshotsFile } from './funds-schema.js';
import type { DatasetFile } from './schema.js';

export type FundValidation =
  | { readonly ok: true; readonly funds: FundsFile; readonly snapshots: SnapshotsFile }
  | { readonly ok: false; readonly errors: readonly string[] };

/** Validates data/funds.json and data/fund-snapshots.json against each other and the entity list. Pure. */
export function validateFundData(fundsJson: unknown, snapshotsJson: unknown, dataset: DatasetFile): FundValidation {
  const funds = FundsFileSchema.safeParse(fundsJson);
  const snapshots = SnapshotsFileSchema.safeParse(snapshotsJson);
  const errors: string[] = [];
  if (!funds.success) errors.push(...funds.error.issues.map((i) => `funds: ${i.path.join('.')}: ${i.message}`));
  if (!snapshots.success) errors.push(...snapshots.error.issues.map((i) => `snapshots: ${i.path.join('.')}: ${i.message}`));
  if (!funds.success || !snapshots.success) return { ok: false, errors };

  const f = funds.data;
  const entityIds = new Set(dataset.entities.map((e) => e.id));
  const indexIds = new Set(f.indices.map((i) => i.id));
  const fundIds = new Set<string>();
  const tickers = new Set<string>();
  const sources = new Set(Object.keys(f.sources));
  const cite = (path: string, ids: readonly string[]): void => {
    for (const id of ids) if (!sources.has(id)) errors.push(`${path}: unknown source "${id}"`);
  };
  f.indices.forEach((index, i) => {
    cite(`indices[${i}]`, index.sources);
    index.memberships.forEach((m, j) => {
      const path = `indices[${i}].memberships[${j}]`;
      if (!entityIds.has(m.entity)) errors.push(`${path}: unknown entity "${m.entity}"`);
      if (m.to !== null && m.to <= m.from) errors.push(`${path}: ends (${m.to}) before it starts (${m.from})`);
      cite(path, m.sources);
    });
    index.contains.forEach((part, j) => cite(`indices[${i}].contains[${j}]`, part.sources));
  });
  errors.push(...resolveIndices(f.indices).errors);
  f.funds.forEach((fund, i) => {
    const path = `funds[${i}]`;
    if (fundIds.has(fund.id)) errors.push(`${path}: duplicate id "${fund.id}"`);
    fundIds.add(fund.id);
    const ticker = fund.ticker.toUpperCase();
    if (tickers.has(ticker)) errors.push(`${path}: duplicate ticker "${fund.ticker}"`);
    tickers.add(ticker);
    if (fund.cusip !== undefined && !isValidCusip(fund.cusip)) errors.push(`${path}.cusip: ${fund.cusip} fails its check digit`);
    if (fund.isin !== undefined && !isValidIsin(fund.isin)) errors.push(`${path}.isin: ${fund.isin} fails its check digit`);
    fund.tracks.forEach((t, j) => {
      if (!indexIds.has(t.index)) errors.push(`${path}.tracks[${j}]: unknown index "${t.index}"`);
      cite(`${path}.tracks[${j}]`, t.sources);
    });
    (fund.restrictions ?? []).forEach((r, j) => {
      if (!entityIds.has(r.entity)) errors.push(`${path}.restrictions[${j}]: unknown entity "${r.entity}"`);
      cite(`${path}.restrictions[${j}]`, r.sources);
    });
    cite(path, fund.sources);
  });
  f.funds.forEach((fund, i) => {
    if (fund.shareClassOf !== undefined && !fundIds.has(fund.shareClassOf))
      errors.push(`funds[${i}].shareClassOf: unknown fund "${fund.shareClassOf}"`);
    fund.holdsFunds.forEach((h, j) => {
      if (!fundIds.has(h.fund)) errors.push(`funds[${i}].holdsFunds[${j}]: unknown fund "${h.fund}"`);
      cite(`funds[${i}].holdsFunds[${j}]`, h.sources);
    });
  });
  snapshots.data.snapshots.forEach((s, i) => {
    if (!fundIds.has(s.fund)) errors.push(`snapshots[${i}]: unknown fund "${s.fund}"`);
    s.holdings.forEach((h, j) => {
      if (!entityIds.has(h.entity)) errors.push(`snapshots[${i}].holdings[${j}]: unknown entity "${h.entity}"`);
    });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, funds: f, snapshots: snapshots.data };
}
