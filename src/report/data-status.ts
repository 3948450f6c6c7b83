// The `data` command: what list a screen uses, how old it is, and where its facts come from.

import type { DatasetFile } from '../dataset/schema.js';

export interface DataStatusContext {
  readonly path: string;
  readonly ageDays: number;
  readonly warnAfterDays: number;
  readonly json: boolean;
  /** The fund and index data shipped beside the list. */
  readonly funds?: { readonly version: string; readonly reviewedAt: string; readonly funds: number; readonly indices: number };
}

/** Counts and provenance of a dataset, as text or JSON. */
export function renderDataStatus(dataset: DatasetFile, ctx: DataStatusContext): string {
  const entities = dataset.entities;
  const counts = {
    entities: entities.length,
    companies: entities.filter((e) => e.kind === 'company').length,
    government: entities.filter((e) => e.kind === 'government').length,
    names: entities.reduce((n, e) => n + e.names.length, 0),
    securities: entities.reduce((n, e) => n + e.securities.length, 0),
    related: entities.reduce((n, e) => n + e.related.length, 0),
    lookAlikes: entities.reduce((n, e) => n + e.lookAlikes.length, 0),
    sources: Object.keys(dataset.sources).length,
  };
  const stale = ctx.ageDays > ctx.warnAfterDays;
  if (ctx.json) {
    return `${JSON.stringify(
      {
        path: ctx.path,
        version: dataset.version,
        reviewedAt: dataset.reviewedAt,
        ageDays: ctx.ageDays,
        stale,
        counts,
        funds: ctx.funds ?? null,
        sources: Object.entries(dataset.sources).map(([id, s]) => ({
          id,
          title: s.title,
          url: s.url ?? null,
          repository: s.repository ?? null,
          date: s.date ?? null,
        })),
      },
      null,
      2,
    )}\n`;
  }
  const lines = [
    `List:        ${ctx.path}`,
    `Version:     ${dataset.version}`,
    `Reviewed:    ${dataset.reviewedAt} (${ctx.ageDays} days ago${stale ? `; older than ${ctx.warnAfterDays} days, screens warn` : ''})`,
    `Entities:    ${counts.entities} (${counts.companies} companies, ${counts.government} government bodies)`,
    `Facts:       ${counts.names} names, ${counts.securities} securities, ${counts.related} related companies, ${counts.lookAlikes} look-alikes`,
    `Sources:     ${counts.sources} (every fact cites one; --json lists them)`,
    ...(ctx.funds === undefined
      ? []
      : [
          `Funds:       ${ctx.funds.funds} funds and ${ctx.funds.indices} indices, version ${ctx.funds.version}, reviewed ${ctx.funds.reviewedAt}`,
        ]),
    'Offline:     the list ships with the package; nothing is downloaded.',
  ];
  return `${lines.join('\n')}\n`;
}
