// Words for `exposure-screener explain`.

import type { Explanation } from '../match/explain.js';
import type { NameCandidate } from '../match/match-name.js';
import type { IndexedFact } from '../match/build-index.js';
import { sanitize } from './format.js';

function who(fact: IndexedFact): string {
  const t = fact.target;
  return t.relation === 'self'
    ? `${t.entityName} [${t.entityId}]`
    : `${t.relatedName ?? ''} (${t.relation} of ${t.entityName}) [${t.entityId}]`;
}

function candidateLine(c: NameCandidate<IndexedFact>): string {
  const method =
    c.method === 'exact'
      ? 'equal once normalised'
      : c.method === 'truncated'
        ? 'the input is this name cut at 34 characters'
        : c.method === 'contains'
          ? 'one Chinese name contains the other'
          : `words: ${(c.detail?.pairs ?? []).map((p) => `${p.list}${p.holding === p.list ? '' : `~${p.holding}`}×${p.weight}`).join(', ')}; list covered ${((c.detail?.listCoverage ?? 0) * 100).toFixed(0)} %, input covered ${((c.detail?.holdingCoverage ?? 0) * 100).toFixed(0)} %${c.detail?.distinctive === false ? '; no distinctive word, capped' : ''}${c.contested ? `; capped at review: its distinctive words also name a look-alike` : ''}`;
  return `  ${c.score.toFixed(3)}  "${c.entry.text}" → ${who(c.entry.value)}${c.entry.value.unverified ? ' (unverified name)' : ''}\n         ${method}`;
}

/** The explanation as text for a person. */
export function renderExplanationText(e: Explanation): string {
  const out: string[] = [];
  out.push(`Input:        "${sanitize(e.input)}"${e.exchange === null ? '' : ` on exchange "${sanitize(e.exchange)}"`}`);
  out.push(`Folded:       "${sanitize(e.folded)}"`);
  out.push(
    `Name words:   ${e.name.normalized.tokens.length === 0 ? '(none)' : e.name.normalized.tokens.map((t) => sanitize(t)).join(' | ')}`,
  );
  if (e.name.scored !== undefined)
    out.push(`Scored as:    ${e.name.scored.map((t) => sanitize(t)).join(' | ')} (split words of the list joined; at most 32 words)`);
  out.push(`Name key:     "${sanitize(e.name.normalized.key)}"`);
  for (const id of e.identifiers) {
    const where =
      id.entity !== null
        ? `a security of ${who(id.entity)}`
        : id.lookAlike !== null
          ? `look-alike ${id.lookAlike.name} (${id.lookAlike.reason})`
          : 'not on the list';
    out.push(
      `${id.kind.toUpperCase().padEnd(13)} ${id.value}: check digit ${id.valid ? 'valid' : 'INVALID (not used)'}; ${id.valid ? where : ''}`,
    );
  }
  if (e.code !== null) {
    const venues = e.code.venues === null ? 'no exchange given: matches only if the name agrees' : e.code.venues.join(', ');
    out.push(
      `Code:         ${sanitize(e.code.code)}${e.code.marker === null ? '' : ` (marker "${sanitize(e.code.marker)}")`}; venues: ${venues}`,
    );
    for (const k of e.code.keys) {
      const hit = k.entity !== null ? who(k.entity) : k.lookAlike !== null ? `look-alike ${k.lookAlike.name}` : '—';
      out.push(`              ${k.venue} ${k.canonical}: ${hit}`);
    }
  }
  out.push('Name candidates:');
  if (e.name.candidates.length === 0) out.push('  (none share a distinctive word)');
  for (const c of e.name.candidates) out.push(candidateLine(c));
  if (e.name.lookAlike !== null) {
    const l = e.name.lookAlike;
    out.push(`Look-alike:   ${l.score.toFixed(3)} "${l.entry.text}": ${l.entry.value.reason}`);
  }
  out.push(`Thresholds:   flagged ≥ ${e.thresholds.flag}, review ≥ ${e.thresholds.review}`);
  const v = e.verdict;
  if (v.status !== 'none') {
    out.push(`Verdict:      ${v.status.toUpperCase()}: ${v.entityId ?? ''} on ${v.on ?? ''} (score ${v.score?.toFixed(3) ?? ''})`);
    if (v.note !== null) out.push(`Why listed:   ${sanitize(v.note)}`);
  } else if (v.lookAlike !== null) {
    out.push(`Verdict:      not flagged: known look-alike ${v.lookAlike.name}, not ${v.lookAlike.resembles} (${v.lookAlike.reason})`);
  } else {
    out.push('Verdict:      no match');
  }
  return `${out.join('\n')}\n`;
}

/** The explanation as JSON. */
export function renderExplanationJson(e: Explanation): string {
  const candidate = (c: NameCandidate<IndexedFact>) => ({
    name: c.entry.text,
    entity: c.entry.value.target.entityId,
    relation: c.entry.value.target.relation,
    unverified: c.entry.value.unverified,
    score: c.score,
    method: c.method,
    words: c.detail?.pairs ?? [],
    listCoverage: c.detail?.listCoverage ?? null,
    inputCoverage: c.detail?.holdingCoverage ?? null,
  });
  return `${JSON.stringify(
    {
      input: e.input,
      exchange: e.exchange,
      folded: e.folded,
      tokens: e.name.normalized.tokens,
      key: e.name.normalized.key,
      identifiers: e.identifiers.map((i) => ({
        kind: i.kind,
        value: i.value,
        valid: i.valid,
        entity: i.entity?.target.entityId ?? null,
        lookAlike: i.lookAlike?.name ?? null,
      })),
      code:
        e.code === null
          ? null
          : {
              code: e.code.code,
              marker: e.code.marker,
              venues: e.code.venues,
              keys: e.code.keys.map((k) => ({
                venue: k.venue,
                canonical: k.canonical,
                entity: k.entity?.target.entityId ?? null,
                lookAlike: k.lookAlike?.name ?? null,
              })),
            },
      candidates: e.name.candidates.map(candidate),
      lookAlike:
        e.name.lookAlike === null
          ? null
          : { name: e.name.lookAlike.entry.text, score: e.name.lookAlike.score, reason: e.name.lookAlike.entry.value.reason },
      thresholds: e.thresholds,
      verdict: { ...e.verdict, lookAlike: e.verdict.lookAlike?.name ?? null },
    },
    null,
    2,
  )}\n`;
}
