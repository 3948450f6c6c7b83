// The `entities` listing: what the curated list holds, as a table or JSON.

import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { DatasetFile, Entity } from '../dataset/schema.js';

function securityText(s: {
  readonly exchange?: string | undefined;
  readonly code?: string | undefined;
  readonly isin?: string | undefined;
}): string {
  return [s.exchange, s.code, s.isin].filter((p) => p !== undefined).join(' ');
}

function entityJson(e: Entity): Record<string, unknown> {
  return {
    id: e.id,
    listName: e.listName,
    kind: e.kind,
    listings: e.listings.map((l) => ({
      list: l.list,
      date: l.date,
      effective: l.effective ?? null,
      citation: l.citation ?? null,
      primary: l.primary,
    })),
    securities: e.securities.map((s) => ({
      exchange: s.exchange ?? null,
      code: s.code ?? null,
      isin: s.isin ?? null,
      sedols: s.sedols,
      listedFrom: s.listedFrom ?? null,
    })),
    names: e.names.map((n) => ({ name: n.name, type: n.type, lang: n.lang, confidence: n.confidence })),
    related: e.related.map((r) => ({ relation: r.relation, name: r.names[0]?.name ?? null, securities: r.securities.map(securityText) })),
    lookAlikes: e.lookAlikes.map((l) => ({
      name: l.names[0] ?? null,
      securities: l.securities.map((s) => `${s.exchange} ${s.code}`),
      reason: l.reason,
    })),
  };
}

/** Renders the dataset's entities. */
export function renderEntities(dataset: DatasetFile, options: { json: boolean; color: boolean }): string {
  if (options.json) {
    return `${JSON.stringify({ version: dataset.version, reviewedAt: dataset.reviewedAt, entities: dataset.entities.map(entityJson) }, null, 2)}\n`;
  }
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const table = new Table({
    head: ['Id', 'Listed as', 'Kind', 'Securities', 'Names', 'Related', 'Look-alikes'],
    style: { head: options.color ? ['bold'] : [], border: options.color ? ['grey'] : [] },
  });
  for (const e of dataset.entities) {
    table.push([
      e.id,
      e.listName,
      e.kind,
      e.securities.map((s) => [s.exchange, s.code, s.isin].filter((p) => p !== undefined).join(' ')).join('\n') || '—',
      String(e.names.length),
      String(e.related.length),
      String(e.lookAlikes.length),
    ]);
  }
  const primary = dataset.entities[0]?.listings.find((l) => l.primary);
  const footer = chalk.dim(
    `${dataset.entities.length} entities · ${primary?.citation ?? ''} (${primary?.date ?? ''}) · list ${dataset.version}, reviewed ${dataset.reviewedAt}`,
  );
  return `${table.toString()}\n${footer}\n`;
}
