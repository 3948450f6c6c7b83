// Option validation: commander hands over strings, a config file may add defaults; both become validated
// options or a UsageError naming the flag. By hand, not zod: a screen should not load zod to start
// (a config file's own schema is config-file.ts, loaded when there is one).

import { resolve } from 'node:path';
import { ENCODINGS, type EncodingName } from '../ingest/decode.js';
import { CONCEPTS } from '../ingest/columns.js';
import { UsageError } from '../errors.js';
import { fxRateProblem, splitFxOption } from '../exposure/currency.js';
import { parseMaxExposure, type FailPolicy } from '../exposure/policy.js';
import { currencyCode } from '../normalize/amounts.js';
import type { Concept } from '../model.js';
import { isIsoDate } from '../normalize/dates.js';
import { FORMATS, type Format } from '../report/types.js';
import type { ConfigFile } from './config-file.js';

/** Splits on commas outside double quotes, so a header with a comma can be quoted: value="Value, USD". */
function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** "--columns name=Description,value=Mkt Val" → { name: 'Description', value: 'Mkt Val' }; a concept named twice is a usage error. */
export function parseColumnsOption(text: string): Partial<Record<Concept, string>> {
  const result: Partial<Record<Concept, string>> = {};
  for (const part of splitOutsideQuotes(text)) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? '' : part.slice(0, eq).trim();
    const header =
      eq < 0
        ? ''
        : part
            .slice(eq + 1)
            .trim()
            .replace(/^"(.*)"$/, '$1');
    const concept = CONCEPTS.find((c) => c === key);
    if (concept === undefined || header === '') {
      throw new UsageError(`--columns: "${part}" is not concept=header`, { hint: `concepts: ${CONCEPTS.join(', ')}` });
    }
    const earlier = result[concept];
    if (earlier !== undefined) {
      throw new UsageError(`--columns: ${concept} is named twice ("${earlier}" and "${header}")`, { hint: 'name each concept once' });
    }
    result[concept] = header;
  }
  return result;
}

export type { ConfigFile } from './config-file.js';

type FailOn = 'flagged' | 'review' | 'none';
type Scope = 'all' | 'direct';

/** The screen's options once validated: what commander and the config file gave, checked and defaulted. */
export interface ScreenCliOptions {
  format: Format;
  output?: string | undefined;
  /** --output-format FORMAT=FILE as given (src/cli/outputs.ts reads them). */
  outputFormat: string[];
  /** --csv-bom / --no-csv-bom; absent: decided by where the CSV goes (csvBomWanted). */
  csvBom?: boolean | undefined;
  asOf?: string | undefined;
  encoding?: EncodingName | undefined;
  columns?: string | undefined;
  data?: string | undefined;
  minScore?: number | undefined;
  failOn: FailOn;
  scope: Scope;
  maxExposure?: NonNullable<FailPolicy['maxExposure']> | undefined;
  /** --base-currency: the ISO 4217 code every total is converted into. */
  baseCurrency?: string | undefined;
  /** --fx as given ("EUR=1.08,HKD=0.128"), and its rates, checked. */
  fx?: string | undefined;
  fxRates: { readonly currency: string; readonly rate: number }[];
  /** --fx-file: a rates file (src/cli/fx-file.ts reads it). */
  fxFile?: string | undefined;
  requireLookThrough: boolean;
  maxDataAge?: number | undefined;
  ignoreFile?: string | undefined;
  ignore: boolean;
  funds: string[];
  list: string[];
  onlyLists: boolean;
  lookThrough: boolean;
  includeBeforeListing: boolean;
  strict: boolean;
  progress: boolean;
  config?: string | undefined;
  color: boolean;
  verbose: boolean;
  quiet: boolean;
  debug: boolean;
}

const OPTION_FLAGS: Readonly<Record<string, string>> = {
  format: '--format',
  output: '--output',
  outputFormat: '--output-format',
  csvBom: '--csv-bom',
  asOf: '--as-of',
  encoding: '--encoding',
  columns: '--columns',
  data: '--data',
  minScore: '--min-score',
  failOn: '--fail-on',
  scope: '--scope',
  maxExposure: '--max-exposure',
  baseCurrency: '--base-currency',
  fx: '--fx',
  fxFile: '--fx-file',
  maxDataAge: '--max-data-age',
  ignoreFile: '--ignore-file',
  config: '--config',
  funds: '--funds',
  list: '--list',
};

const BOOLEANS = [
  'requireLookThrough',
  'ignore',
  'onlyLists',
  'lookThrough',
  'includeBeforeListing',
  'strict',
  'progress',
  'color',
  'verbose',
  'quiet',
  'debug',
] as const;
const BOOLEAN_DEFAULTS: Readonly<Record<(typeof BOOLEANS)[number], boolean>> = {
  requireLookThrough: false,
  ignore: true,
  onlyLists: false,
  lookThrough: true,
  includeBeforeListing: false,
  strict: false,
  progress: false,
  color: true,
  verbose: false,
  quiet: false,
  debug: false,
};
const STRINGS = ['output', 'columns', 'data', 'ignoreFile', 'config', 'asOf', 'baseCurrency', 'fx', 'fxFile'] as const;
const KNOWN = new Set<string>([
  ...BOOLEANS,
  ...STRINGS,
  'format',
  'encoding',
  'minScore',
  'failOn',
  'scope',
  'maxExposure',
  'maxDataAge',
  'funds',
  'list',
  'outputFormat',
  'csvBom',
]);

/** The usage error of one option: "--min-score: must be …". */
function invalid(key: string, message: string): UsageError {
  return new UsageError(`${OPTION_FLAGS[key] ?? key}: ${message}`);
}

function oneOf<T extends string>(key: string, value: unknown, choices: readonly T[]): T {
  const found = choices.find((c) => c === value);
  if (found === undefined) throw invalid(key, `must be one of ${choices.join(', ')}`);
  return found;
}

/** A number given as a number (config file) or as text (the command line), as zod's coerce took it. */
function numberOf(key: string, value: unknown, message: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) throw invalid(key, message);
  return n;
}

function nonEmptyStrings(key: string, value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.map((v) => {
    if (typeof v !== 'string' || v === '') throw invalid(key, 'needs a value');
    return v;
  });
}

/** Validates raw commander options over config-file defaults; flags win. */
export function parseScreenOptions(raw: Readonly<Record<string, unknown>>, config: ConfigFile = {}): ScreenCliOptions {
  const given = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const { $schema: _ignored, ...defaults } = config;
  const o: Record<string, unknown> = { ...defaults, ...given };
  const unknown = Object.keys(o).find((k) => !KNOWN.has(k));
  if (unknown !== undefined) throw new UsageError(`unknown option ${unknown}`);
  const text = (key: (typeof STRINGS)[number]): string | undefined => {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '') throw invalid(key, 'needs a value');
    return v;
  };
  const asOf = text('asOf');
  if (asOf !== undefined && !isIsoDate(asOf)) throw invalid('asOf', 'must be a date written YYYY-MM-DD');
  const minScore = o['minScore'] === undefined ? undefined : numberOf('minScore', o['minScore'], 'must be a number from 0 to 1');
  if (minScore !== undefined && !(minScore >= 0 && minScore <= 1)) throw invalid('minScore', 'must be a number from 0 to 1');
  const maxDataAge =
    o['maxDataAge'] === undefined ? undefined : numberOf('maxDataAge', o['maxDataAge'], 'must be a whole number of days above 0');
  if (maxDataAge !== undefined && !(Number.isInteger(maxDataAge) && maxDataAge > 0))
    throw invalid('maxDataAge', 'must be a whole number of days above 0');
  const exposure = o['maxExposure'];
  let maxExposure: ScreenCliOptions['maxExposure'];
  if (exposure !== undefined) {
    const parsed = typeof exposure === 'string' || typeof exposure === 'number' ? parseMaxExposure(String(exposure)) : null;
    if (parsed === null) throw invalid('maxExposure', 'must be an amount (25000) or a share of the portfolio (0.5%)');
    maxExposure = parsed;
  }
  const baseCurrency = text('baseCurrency')?.toUpperCase();
  if (baseCurrency !== undefined && currencyCode(baseCurrency) !== baseCurrency)
    throw invalid('baseCurrency', `"${baseCurrency}" is not an ISO 4217 currency code (three letters, e.g. USD)`);
  const fxRates = parseFxOption(text('fx'), baseCurrency);
  if (baseCurrency === undefined && (o['fx'] !== undefined || o['fxFile'] !== undefined))
    throw invalid(o['fx'] !== undefined ? 'fx' : 'fxFile', 'rates need a base currency to convert into: give --base-currency CUR');
  const flags = { ...BOOLEAN_DEFAULTS };
  for (const key of BOOLEANS) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') throw invalid(key, 'must be true or false');
    flags[key] = v;
  }
  const csvBom = o['csvBom'];
  if (csvBom !== undefined && typeof csvBom !== 'boolean') throw invalid('csvBom', 'must be true or false');
  const encoding = o['encoding'] === undefined ? undefined : oneOf('encoding', o['encoding'], ENCODINGS);
  const strings = Object.fromEntries(
    STRINGS.flatMap((key) => {
      const v = key === 'asOf' ? asOf : key === 'baseCurrency' ? baseCurrency : text(key);
      return v === undefined ? [] : [[key, v]];
    }),
  );
  // Options not given stay absent (not `undefined`), as they were when zod parsed them.
  const options: ScreenCliOptions = {
    format: o['format'] === undefined ? 'table' : oneOf('format', o['format'], FORMATS),
    ...strings,
    ...(encoding === undefined ? {} : { encoding }),
    ...(minScore === undefined ? {} : { minScore }),
    failOn: o['failOn'] === undefined ? 'flagged' : oneOf<FailOn>('failOn', o['failOn'], ['flagged', 'review', 'none']),
    scope: o['scope'] === undefined ? 'all' : oneOf<Scope>('scope', o['scope'], ['all', 'direct']),
    ...(maxExposure === undefined ? {} : { maxExposure }),
    ...(maxDataAge === undefined ? {} : { maxDataAge }),
    fxRates,
    funds: o['funds'] === undefined ? [] : nonEmptyStrings('funds', o['funds']),
    list: o['list'] === undefined ? [] : nonEmptyStrings('list', o['list']),
    outputFormat: o['outputFormat'] === undefined ? [] : nonEmptyStrings('outputFormat', o['outputFormat']),
    ...(csvBom === undefined ? {} : { csvBom }),
    ...flags,
  };
  refuseRepeats('--list', options.list, (path) => resolve(path));
  // --funds VWO=a.csv --funds vwo=b.csv: which file is meant? (A folder or a bare file is keyed by its path.)
  refuseRepeats('--funds', options.funds, (spec) => {
    const key = /^([A-Za-z0-9.]{1,12})=(.+)$/.exec(spec)?.[1];
    return key === undefined ? `path:${resolve(spec)}` : `key:${key.toUpperCase()}`;
  });
  return options;
}

/** "--fx EUR=1.08,HKD=0.128": each rate checked (an ISO code, a positive number, each currency once). */
function parseFxOption(text: string | undefined, base: string | undefined): { currency: string; rate: number }[] {
  if (text === undefined) return [];
  const rates: { currency: string; rate: number }[] = [];
  for (const part of splitFxOption(text)) {
    if ('bad' in part)
      throw new UsageError(`--fx: "${part.bad.trim()}" is not CUR=RATE`, {
        hint: 'give units of the base currency per unit of each currency, e.g. --fx EUR=1.08,HKD=0.128',
      });
    const problem = fxRateProblem(part.currency, part.rate, base ?? '');
    if (problem !== null) throw invalid('fx', problem);
    if (rates.some((r) => r.currency === part.currency)) throw invalid('fx', `${part.currency} is given twice`);
    rates.push(part);
  }
  return rates;
}

/** A repeatable option given the same thing twice (by `key`) is a usage error, not a silent last-wins. */
function refuseRepeats(flag: string, values: readonly string[], key: (value: string) => string): void {
  const seen = new Map<string, string>();
  for (const value of values) {
    const k = key(value);
    const earlier = seen.get(k);
    if (earlier !== undefined)
      throw new UsageError(`${flag} ${value}: already given (${flag} ${earlier})`, {
        hint: `give each ${flag === '--funds' ? 'fund' : 'file'} once`,
      });
    seen.set(k, value);
  }
}

/**
 * The options a screen ran with that decide what it finds and writes, as flag and value (a switch has
 * an empty value), so a report can say how to reproduce it. Defaults are left out, except --fail-on.
 */
export function recordedOptions(o: ScreenCliOptions): [string, string][] {
  const out: [string, string][] = [['--format', o.format]];
  const add = (key: string, value: string | number | undefined): void => {
    if (value !== undefined) out.push([OPTION_FLAGS[key] ?? key, String(value)]);
  };
  add('output', o.output);
  for (const spec of o.outputFormat) add('outputFormat', spec);
  add('config', o.config);
  add('asOf', o.asOf);
  add('encoding', o.encoding);
  add('columns', o.columns);
  add('data', o.data);
  for (const list of o.list) add('list', list);
  for (const spec of o.funds) add('funds', spec);
  add('minScore', o.minScore);
  add('failOn', o.failOn);
  if (o.scope !== 'all') add('scope', o.scope);
  if (o.maxExposure !== undefined)
    add('maxExposure', o.maxExposure.kind === 'value' ? o.maxExposure.value : `${Number((o.maxExposure.value * 100).toPrecision(12))}%`);
  add('baseCurrency', o.baseCurrency);
  add('fx', o.fx);
  add('fxFile', o.fxFile);
  add('maxDataAge', o.maxDataAge);
  add('ignoreFile', o.ignoreFile);
  const switches: [boolean, string][] = [
    [!o.ignore, '--no-ignore'],
    [!o.lookThrough, '--no-look-through'],
    [o.onlyLists, '--only-lists'],
    [o.includeBeforeListing, '--include-before-listing'],
    [o.requireLookThrough, '--require-look-through'],
    [o.strict, '--strict'],
  ];
  if (o.csvBom !== undefined) switches.push([true, o.csvBom ? '--csv-bom' : '--no-csv-bom']);
  for (const [on, flag] of switches) if (on) out.push([flag, '']);
  return out;
}
