import type { EntityTotal, Finding, ScreenSummary, Status } from '../model.js';

const STATUS_ORDER: Readonly<Record<Status, number>> = { flagged: 0, review: 1, ignored: 2 };

/** Report order: flagged, review, ignored; then entity, file and line. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    a.match.target.entityId.localeCompare(b.match.target.entityId) ||
    a.holding.file.localeCompare(b.holding.file) ||
    a.holding.line - b.holding.line
  );
}

/** Sums findings per entity and for the portfolio. Values are summed in cents to avoid float drift. */
export function summarize(findings: readonly Finding[], portfolioValue: number | null): ScreenSummary {
  const cents = (v: number | null): number => (v === null ? 0 : Math.round(v * 100));
  const counts: Record<Status, number> = { flagged: 0, review: 0, ignored: 0 };
  let flaggedCents = 0;
  let reviewCents = 0;
  const byEntity = new Map<string, { name: string; cents: number; findings: number }>();
  for (const f of findings) {
    counts[f.status]++;
    if (f.status === 'flagged') flaggedCents += cents(f.exposure.value);
    if (f.status === 'review') reviewCents += cents(f.exposure.value);
    if (f.status !== 'flagged') continue;
    const entry = byEntity.get(f.match.target.entityId) ?? { name: f.match.target.entityName, cents: 0, findings: 0 };
    entry.cents += cents(f.exposure.value);
    entry.findings++;
    byEntity.set(f.match.target.entityId, entry);
  }
  const totals: EntityTotal[] = [...byEntity.entries()]
    .map(([id, e]) => ({ id, name: e.name, value: e.cents / 100, findings: e.findings }))
    .sort((a, b) => b.value - a.value || a.id.localeCompare(b.id));
  const flaggedValue = flaggedCents / 100;
  return {
    portfolioValue,
    flaggedValue,
    flaggedWeight: portfolioValue === null || portfolioValue === 0 ? null : flaggedValue / portfolioValue,
    reviewValue: reviewCents / 100,
    counts,
    byEntity: totals,
  };
}
