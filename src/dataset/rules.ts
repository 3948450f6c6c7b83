// Cross-record rules the schema cannot express. Each rule reads the parsed file and reports problems
// with a path, so one run lists everything wrong.

import { isValidIsin, isValidSedol, isValidCusip } from '../normalize/identifiers.js';
import { normalizeName } from '../normalize/names.js';
import type { DatasetFile } from './schema.js';

export interface RuleContext {
  readonly file: DatasetFile;
  error(path: string, message: string): void;
  warn(path: string, message: string): void;
}

export type Rule = (ctx: RuleContext) => void;

interface SecurityLike {
  readonly isin?: string | undefined;
  readonly sedols: readonly string[];
  readonly cusip?: string | undefined;
}

function checkSecurity(ctx: RuleContext, path: string, security: SecurityLike): void {
  if (security.isin !== undefined && !isValidIsin(security.isin)) ctx.error(`${path}.isin`, `ISIN ${security.isin} fails its check digit`);
  security.sedols.forEach((sedol, i) => {
    if (!isValidSedol(sedol)) ctx.error(`${path}.sedols[${i}]`, `SEDOL ${sedol} fails its check digit`);
  });
  if (security.cusip !== undefined && !isValidCusip(security.cusip))
    ctx.error(`${path}.cusip`, `CUSIP ${security.cusip} fails its check digit`);
}

/** Entity ids are unique. */
const uniqueIds: Rule = (ctx) => {
  const seen = new Set<string>();
  ctx.file.entities.forEach((entity, i) => {
    if (seen.has(entity.id)) ctx.error(`entities[${i}].id`, `duplicate id "${entity.id}"`);
    seen.add(entity.id);
  });
};

/** Every ISIN, SEDOL and CUSIP passes its check digit. */
const checkDigits: Rule = (ctx) => {
  ctx.file.entities.forEach((entity, i) => {
    entity.securities.forEach((s, j) => checkSecurity(ctx, `entities[${i}].securities[${j}]`, s));
    entity.related.forEach((r, j) =>
      r.securities.forEach((s, k) => checkSecurity(ctx, `entities[${i}].related[${j}].securities[${k}]`, s)),
    );
    entity.lookAlikes.forEach((l, j) =>
      l.securities.forEach((s, k) => checkSecurity(ctx, `entities[${i}].lookAlikes[${j}].securities[${k}]`, s)),
    );
  });
};

/** Every fact cites a source that the file defines; every defined source is cited. */
const sourcesExist: Rule = (ctx) => {
  const defined = new Set(Object.keys(ctx.file.sources));
  const used = new Set<string>();
  const check = (path: string, ids: readonly string[]): void => {
    ids.forEach((id, k) => {
      used.add(id);
      if (!defined.has(id)) ctx.error(`${path}.sources[${k}]`, `unknown source "${id}"`);
    });
  };
  ctx.file.entities.forEach((entity, i) => {
    const base = `entities[${i}]`;
    entity.names.forEach((n, j) => check(`${base}.names[${j}]`, n.sources));
    entity.listings.forEach((l, j) => check(`${base}.listings[${j}]`, l.sources));
    entity.securities.forEach((s, j) => check(`${base}.securities[${j}]`, s.sources));
    entity.related.forEach((r, j) => {
      check(`${base}.related[${j}]`, r.sources);
      r.names.forEach((n, k) => check(`${base}.related[${j}].names[${k}]`, n.sources));
      r.securities.forEach((s, k) => check(`${base}.related[${j}].securities[${k}]`, s.sources));
      r.listings.forEach((l, k) => check(`${base}.related[${j}].listings[${k}]`, l.sources));
    });
    entity.lookAlikes.forEach((l, j) => check(`${base}.lookAlikes[${j}]`, l.sources));
  });
  for (const id of defined) if (!used.has(id)) ctx.warn(`sources.${id}`, 'source is never cited');
};

/** Every entity carries the listing the product screens for. */
const primaryListing: Rule = (ctx) => {
  ctx.file.entities.forEach((entity, i) => {
    if (!entity.listings.some((l) => l.primary)) ctx.error(`entities[${i}].listings`, `"${entity.id}" has no primary listing`);
  });
};

/**
 * No name means two things: a normalised name belongs to one entity (or one related company), and
 * never to both an entity and a look-alike.
 */
const uniqueNames: Rule = (ctx) => {
  const owners = new Map<string, string>();
  const claim = (path: string, owner: string, name: string): void => {
    const key = normalizeName(name).compact;
    if (key === '') {
      ctx.error(path, `name "${name}" is empty once normalised`);
      return;
    }
    const previous = owners.get(key);
    if (previous !== undefined && previous !== owner) ctx.error(path, `name "${name}" also belongs to ${previous}`);
    owners.set(key, owner);
  };
  ctx.file.entities.forEach((entity, i) => {
    entity.names.forEach((n, j) => claim(`entities[${i}].names[${j}]`, `entity ${entity.id}`, n.name));
    claim(`entities[${i}].listName`, `entity ${entity.id}`, entity.listName);
    entity.related.forEach((r, j) =>
      r.names.forEach((n, k) =>
        claim(`entities[${i}].related[${j}].names[${k}]`, `related company of ${entity.id} (${r.names[0]?.name ?? ''})`, n.name),
      ),
    );
  });
  ctx.file.entities.forEach((entity, i) => {
    entity.lookAlikes.forEach((l, j) =>
      l.names.forEach((name, k) => {
        const owner = owners.get(normalizeName(name).compact);
        if (owner !== undefined)
          ctx.error(`entities[${i}].lookAlikes[${j}].names[${k}]`, `look-alike "${name}" is also a name of ${owner}`);
      }),
    );
  });
};

/** Identifiers point at one security: no ISIN or SEDOL is both listed and a look-alike's. */
const uniqueIdentifiers: Rule = (ctx) => {
  const owners = new Map<string, string>();
  const claim = (path: string, owner: string, id: string): void => {
    const previous = owners.get(id);
    if (previous !== undefined && previous !== owner) ctx.error(path, `identifier ${id} also belongs to ${previous}`);
    owners.set(id, owner);
  };
  ctx.file.entities.forEach((entity, i) => {
    const all = [
      ...entity.securities.map((s, j) => ({ s, path: `entities[${i}].securities[${j}]`, owner: `entity ${entity.id}` })),
      ...entity.related.flatMap((r, j) =>
        r.securities.map((s, k) => ({
          s,
          path: `entities[${i}].related[${j}].securities[${k}]`,
          owner: `related company of ${entity.id}`,
        })),
      ),
      ...entity.lookAlikes.flatMap((l, j) =>
        l.securities.map((s, k) => ({
          s,
          path: `entities[${i}].lookAlikes[${j}].securities[${k}]`,
          owner: `look-alike ${l.names[0] ?? ''}`,
        })),
      ),
    ];
    for (const { s, path, owner } of all) {
      if (s.isin !== undefined) claim(`${path}.isin`, owner, s.isin);
      s.sedols.forEach((sedol, k) => claim(`${path}.sedols[${k}]`, owner, sedol));
      if (s.exchange !== undefined && s.code !== undefined) claim(`${path}.code`, owner, `${s.exchange}:${s.code}`);
    }
  });
};

/** The rules every dataset must pass, in the order their problems are listed. */
export const RULES: readonly Rule[] = [uniqueIds, primaryListing, sourcesExist, checkDigits, uniqueNames, uniqueIdentifiers];
