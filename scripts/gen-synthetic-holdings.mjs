#!/usr/bin/env node
// Deterministic synthetic custodian holdings file for `npm run bench`.
//
//   node scripts/gen-synthetic-holdings.mjs [--rows N] [--out PATH] [--seed S] [--issuers K]
//
// Defaults: 1,000,000 rows, .bench/synthetic-<rows>.csv, seed 20191009, 50,000 issuers. The same
// arguments give the same bytes (mulberry32 PRNG, no Date or Math.random). Layout: a title line, a blank
// line, the header `Security Name,Ticker,Exchange,ISIN,SEDOL,Shares,Market Value`, the rows, a `Total` row.
// Rows: made-up issuers (English, pinyin and Han names), tickers in several notations (AAPL, 0700.HK,
// 600519 CH, SZ000002, 2330 TT, 5 HK), ISINs with valid check digits on most rows (US ISINs embed a valid
// CUSIP, GB ISINs a valid SEDOL), SEDOLs with valid check digits on some, quoted "1,234,567.89" amounts,
// and planted rows: Entity-List companies from data/entities.json (should be flagged) and look-alikes
// (Hikma, Yixin Group, Cangzhou Dahua, Hefei Meiya: should not be). A `<out>.meta.json` sidecar records
// what was planted, so a caller can check the screen found exactly those.

import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  cusipCheckDigit as cusipDigit,
  isinCheckDigit as isinDigit,
  sedolCheckDigit as sedolDigit,
} from '../dist/normalize/identifiers.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(SELF), '..');

/** Changes whenever this file changes: a cached file made by another version is regenerated. */
export const GENERATOR_VERSION = createHash('sha256').update(readFileSync(SELF)).digest('hex').slice(0, 16);
export const DEFAULT_ROWS = 1_000_000;
export const DEFAULT_SEED = 20191009;
export const DEFAULT_ISSUERS = 50_000;
export const AS_OF = '2024-06-28';
export const HEADER = 'Security Name,Ticker,Exchange,ISIN,SEDOL,Shares,Market Value';

// ---------------------------------------------------------------------------------------------------
// PRNG and check digits

export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Check digits come from the tool itself (built by `npm run build`, which `npm run bench` runs first).
const isinCheckDigit = (payload11) => String(isinDigit(payload11));
const cusipCheckDigit = (payload8) => String(cusipDigit(payload8));
const sedolCheckDigit = (payload6) => String(sedolDigit(payload6));

// ---------------------------------------------------------------------------------------------------
// Word lists. Cores are made-up syllable pairs; any name that contains a listed company's word is
// dropped (see FORBIDDEN), so only the planted rows can match the list.

const SYLLABLES = [
  'Ar',
  'Bel',
  'Cor',
  'Dal',
  'El',
  'Fen',
  'Gar',
  'Hal',
  'Ist',
  'Jor',
  'Kel',
  'Lor',
  'Mar',
  'Nor',
  'Or',
  'Pel',
  'Quin',
  'Ros',
  'Sal',
  'Tor',
  'Ul',
  'Val',
  'Wes',
  'Xan',
  'Yor',
  'Zen',
  'Bra',
  'Cal',
  'Dor',
  'Est',
  'Fal',
  'Gen',
];
const ENDINGS = ['ton', 'ex', 'ia', 'ford', 'var', 'ion', 'ant', 'or', 'is', 'ica', 'en', 'ora', 'ium', 'ade', 'well', 'gate'];
const PINYIN = [
  'Jin',
  'Xin',
  'Heng',
  'Rui',
  'An',
  'Tai',
  'Hong',
  'Sheng',
  'Yuan',
  'Tong',
  'Ming',
  'Guang',
  'Long',
  'Feng',
  'Kang',
  'Bao',
  'Fu',
  'Cheng',
  'Wei',
  'Jia',
  'Rong',
  'Xing',
  'Tian',
  'Hai',
  'Shun',
  'Lian',
  'Zhong',
  'Ding',
  'Hui',
  'Qi',
];
const WESTERN_PLACES = [
  'Northern',
  'Pacific',
  'Atlantic',
  'Continental',
  'Royal',
  'United',
  'First',
  'National',
  'General',
  'Global',
  'Eastern',
  'Alpine',
];
const CHINESE_PLACES = [
  'Hangzhou',
  'Zhejiang',
  'Shenzhen',
  'Beijing',
  'Shanghai',
  'Jiangsu',
  'Guangdong',
  'Anhui',
  'Sichuan',
  'Fujian',
  'Shandong',
  'Tianjin',
];
const INDUSTRIES = [
  'Technology',
  'Digital',
  'Pharmaceuticals',
  'Energy',
  'Bank',
  'Insurance',
  'Motors',
  'Semiconductor',
  'Foods',
  'Steel',
  'Chemicals',
  'Logistics',
  'Properties',
  'Telecom',
  'Electronics',
  'Mining',
  'Retail',
  'Software',
  'Biotech',
  'Materials',
];
const FORMS_WEST = ['Inc', 'Corp', 'PLC', 'Ltd', 'SA', 'AG', 'NV', 'Co Ltd', 'Holdings', 'Group', 'Holdings Ltd', 'Group PLC'];
const FORMS_CN = ['Co Ltd', 'Co Ltd-A', 'Group Co Ltd', 'Holdings Ltd', 'Group Ltd', '-A', 'Co., Ltd. Class A', 'Ltd-H'];
const HAN_PLACES = ['杭州', '浙江', '深圳', '北京', '上海', '江苏', '广东', '安徽', '四川', '福建', '山东', '天津'];
const HAN_CORE = [
  '金',
  '新',
  '恒',
  '瑞',
  '安',
  '泰',
  '宏',
  '盛',
  '远',
  '通',
  '明',
  '光',
  '隆',
  '丰',
  '康',
  '宝',
  '福',
  '诚',
  '嘉',
  '荣',
  '兴',
  '天',
  '海',
  '顺',
];
const HAN_INDUSTRY = ['科技', '数字', '电子', '能源', '银行', '医药', '汽车', '化工', '物流', '地产', '通信', '软件', '材料', '食品'];
const HAN_FORMS = ['股份有限公司', '集团有限公司', '有限公司', '集团股份有限公司'];
// Substrings of the listed companies' and their look-alikes' names: a random name never contains one.
const FORBIDDEN =
  /hik|dahua|iflytek|xunfei|megvii|kuangshi|sensetime|shangtang|meiya|pico|yitu|yixin|sdic|ezviz|海康|大华|达华|讯飞|旷视|商汤|美亚|依图|颐信|易鑫|国投/i;

const pick = (rng, list) => list[Math.floor(rng() * list.length)];
const int = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SEDOL_CHARS = '0123456789BCDFGHJKLMNPQRSTVWXYZ';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const randomString = (rng, alphabet, n) => {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rng() * alphabet.length)];
  return s;
};

// ---------------------------------------------------------------------------------------------------
// Markets: how a market writes its tickers and ISINs. Weights are rough shares of a global equity book.

const MARKETS = [
  { id: 'us', weight: 30, exchanges: ['NASDAQ', 'New York Stock Exchange Inc.'], isin: 'US', style: 'west' },
  { id: 'gb', weight: 7, exchanges: ['London Stock Exchange'], isin: 'GB', style: 'west' },
  {
    id: 'eu',
    weight: 10,
    exchanges: ['Xetra', 'Euronext Paris', 'Euronext Amsterdam', 'SIX Swiss Exchange'],
    isin: ['DE', 'FR', 'NL', 'CH'],
    style: 'west',
  },
  { id: 'jp', weight: 8, exchanges: ['Tokyo Stock Exchange'], isin: 'JP', style: 'west' },
  { id: 'hk', weight: 12, exchanges: ['Hong Kong Exchanges And Clearing Ltd'], isin: ['HK', 'KY', 'CNE'], style: 'cn' },
  { id: 'sh', weight: 10, exchanges: ['Shanghai Stock Exchange'], isin: 'CNE', style: 'cn' },
  { id: 'sz', weight: 10, exchanges: ['Shenzhen Stock Exchange'], isin: 'CNE', style: 'cn' },
  { id: 'tw', weight: 6, exchanges: ['Taiwan Stock Exchange'], isin: 'TW', style: 'west' },
  { id: 'kr', weight: 4, exchanges: ['Korea Exchange (Stock Market)'], isin: 'KR', style: 'west' },
  { id: 'in', weight: 3, exchanges: ['National Stock Exchange Of India'], isin: 'INE', style: 'west' },
];
const MARKET_TOTAL = MARKETS.reduce((s, m) => s + m.weight, 0);

function pickMarket(rng) {
  let r = rng() * MARKET_TOTAL;
  for (const m of MARKETS) if ((r -= m.weight) < 0) return m;
  return MARKETS[0];
}

/** Codes, ISINs and SEDOLs of data/entities.json (listed securities and look-alikes): never generated at random. */
function reservedIdentifiers() {
  const reserved = new Set();
  let data;
  try {
    data = JSON.parse(readFileSync(resolve(ROOT, 'data/entities.json'), 'utf8'));
  } catch {
    return reserved;
  }
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'code' || k === 'isin') && typeof v === 'string') {
        reserved.add(v.toUpperCase());
        if (/^\d+$/.test(v)) reserved.add(String(Number(v))); // 0020 and 20
      } else if (k === 'sedols' && Array.isArray(v)) v.forEach((s) => reserved.add(String(s).toUpperCase()));
      else visit(v);
    }
  };
  visit(data.entities);
  return reserved;
}

function makeSedol(rng) {
  // Modern SEDOLs start with B; older ones are seven digits.
  const payload = rng() < 0.7 ? 'B' + randomString(rng, SEDOL_CHARS, 5) : randomString(rng, '0123456789', 6);
  return payload + sedolCheckDigit(payload);
}

function makeIsin(rng, market, sedol) {
  let prefix = Array.isArray(market.isin) ? pick(rng, market.isin) : market.isin;
  let body;
  if (prefix === 'US') {
    const cusip8 = randomString(rng, '0123456789', 6) + randomString(rng, ALNUM, 2);
    body = cusip8 + cusipCheckDigit(cusip8);
  } else if (prefix === 'GB') {
    body = '00' + sedol;
  } else if (prefix === 'CNE' || prefix === 'INE') {
    body = '1' + randomString(rng, ALNUM, 7);
  } else if (prefix === 'KY') {
    body = 'G' + randomString(rng, ALNUM, 8);
  } else {
    body = randomString(rng, ALNUM, 9);
  }
  const payload = (prefix + body).slice(0, 11);
  return payload + isinCheckDigit(payload);
}

/** Ticker and the notation it is written in; `code` is the venue code without decoration. */
function makeTicker(rng, market, reserved) {
  for (;;) {
    let code;
    let notations;
    switch (market.id) {
      case 'us':
        code = randomString(rng, LETTERS, int(rng, 1, 4));
        notations = [code, code, code, `${code} US`];
        break;
      case 'gb':
        code = randomString(rng, LETTERS, int(rng, 2, 4));
        notations = [`${code} LN`, `${code}.L`, code];
        break;
      case 'eu':
        code = randomString(rng, LETTERS, int(rng, 2, 4));
        notations = [`${code} GY`, `${code} FP`, `${code}.AS`, code];
        break;
      case 'jp':
        code = String(int(rng, 1300, 9999));
        notations = [`${code} JP`, `${code}.T`, code];
        break;
      case 'hk': {
        const n = int(rng, 1, 9999);
        code = String(n).padStart(4, '0');
        notations = [`${code}.HK`, `${n} HK`, `${code} HK`, String(n)];
        break;
      }
      case 'sh':
        code = String(int(rng, 600000, 605999));
        notations = [`${code} CH`, `SH${code}`, `${code}.SS`, `${code} C1`, code];
        break;
      case 'sz':
        code = String(rng() < 0.6 ? int(rng, 1, 3999) : int(rng, 300001, 301999)).padStart(6, '0');
        notations = [`${code} CH`, `SZ${code}`, `${code}.SZ`, `${code} C2`, code];
        break;
      case 'tw':
        code = String(int(rng, 1101, 9999));
        notations = [`${code} TT`, `${code}.TW`, code];
        break;
      case 'kr':
        code = String(int(rng, 1, 999999)).padStart(6, '0');
        notations = [`${code} KS`, `${code}.KS`, code];
        break;
      default:
        code = randomString(rng, LETTERS, int(rng, 3, 8));
        notations = [`${code} IN`, `${code}.NS`, code];
    }
    if (reserved.has(code) || reserved.has(String(Number(code)))) continue;
    return pick(rng, notations);
  }
}

function makeName(rng, market, hanShare) {
  const core = () => pick(rng, SYLLABLES) + pick(rng, ENDINGS).toLowerCase();
  const pinyin = () => pick(rng, PINYIN) + pick(rng, PINYIN).toLowerCase();
  if (market.style === 'cn') {
    const r = rng();
    if (r < hanShare)
      return pick(rng, HAN_PLACES) + pick(rng, HAN_CORE) + pick(rng, HAN_CORE) + pick(rng, HAN_INDUSTRY) + pick(rng, HAN_FORMS);
    const upper = rng() < 0.5;
    const name = `${rng() < 0.6 ? pick(rng, CHINESE_PLACES) + ' ' : ''}${pinyin()} ${pick(rng, INDUSTRIES)} ${pick(rng, FORMS_CN)}`.replace(
      ' -',
      '-',
    );
    return upper ? name.toUpperCase() : name;
  }
  const r = rng();
  const base =
    r < 0.3
      ? `${pick(rng, WESTERN_PLACES)} ${core()}`
      : r < 0.6
        ? `${core()} ${pick(rng, INDUSTRIES)}`
        : `${core()}${rng() < 0.5 ? ' & ' + core() : ''}`;
  const name = `${base} ${pick(rng, FORMS_WEST)}${rng() < 0.08 ? ', Class A' : ''}`;
  return rng() < 0.4 ? name.toUpperCase() : name;
}

export function makeIssuers(count, seed) {
  const rng = mulberry32(seed ^ 0x5eed);
  const reserved = reservedIdentifiers();
  const seenNames = new Set();
  const seenIds = new Set(reserved);
  const issuers = [];
  while (issuers.length < count) {
    const market = pickMarket(rng);
    const name = makeName(rng, market, 0.25);
    if (FORBIDDEN.test(name) || seenNames.has(name)) continue;
    const ticker = makeTicker(rng, market, reserved);
    const lines = [];
    // Most issuers trade on one line; some have a second SEDOL line (Stock Connect, a second listing).
    const lineCount = rng() < 0.1 ? 2 : 1;
    for (let l = 0; l < lineCount; l++) {
      const sedol = makeSedol(rng);
      const isin = l === 0 || market.id !== 'gb' ? makeIsin(rng, market, sedol) : null;
      if (seenIds.has(sedol) || (isin !== null && seenIds.has(isin))) continue;
      seenIds.add(sedol);
      if (isin !== null) seenIds.add(isin);
      lines.push({ sedol, isin });
    }
    if (lines.length === 0) continue;
    seenNames.add(name);
    issuers.push({ name, ticker, exchange: pick(rng, market.exchanges), lines, price: Math.exp(rng() * 7) });
  }
  return issuers;
}

// Rows that should be flagged (identifiers and names from data/entities.json), and look-alikes that should not.
export const PLANTED_FLAGGED = [
  ['HANGZHOU HIKVISION DIGITAL TECH-A', '002415 CH', 'Shenzhen Stock Exchange', 'CNE100000PM8', 'BD5CPQ2', 'hikvision'],
  ['HANGZHOU HIKVISION DIGITAL TECHNOL', '002415', 'Shenzhen Stock Exchange', 'CNE100000PM8', 'B450X03', 'hikvision'],
  ['杭州海康威视数字技术股份有限公司', 'SZ002415', '', '', '', 'hikvision'],
  ['ZHEJIANG DAHUA TECHNOLOGY LTD A', '002236 CH', 'Shenzhen Stock Exchange', 'CNE100000BJ4', 'BD5CNJ1', 'dahua'],
  ['Zhejiang Dahua Technology Co. Ltd.', '002236.SZ', 'Shenzhen Stock Exchange', 'CNE100000BJ4', 'B2R8334', 'dahua'],
  ['IFLYTEK LTD A', '002230 CH', 'Shenzhen Stock Exchange', 'CNE100000B81', 'BD5CNN5', 'iflytek'],
  ['科大讯飞', 'SZ002230', '', '', '', 'iflytek'],
  ['Xiamen Meiya Pico Information Co. Ltd.', '300188 CH', 'Shenzhen Stock Exchange', 'CNE100001120', 'B61RKS9', 'meiya-pico'],
  ['SDIC Intelligence (Xiamen) Information Co., Ltd.', '300188.SZ', 'Shenzhen Stock Exchange', 'CNE100001120', 'BD5CBQ4', 'meiya-pico'],
  ['SENSETIME GROUP INC-CL B', '0020.HK', 'Hong Kong Exchanges And Clearing Ltd', '', '', 'sensetime'],
  ['SenseTime Group Inc. Class B', '20 HK', 'Hong Kong Exchanges And Clearing Ltd', '', '', 'sensetime'],
];
export const PLANTED_LOOKALIKES = [
  ['HIKMA PHARMACEUTICALS PLC', 'HIK LN', 'London Stock Exchange', 'GB00B0LCW083', 'B0LCW08'],
  ['YIXIN GROUP LTD', '2858 HK', 'Hong Kong Exchanges And Clearing Ltd', 'KYG9T43R1023', 'BF37VN2'],
  ['Cangzhou Dahua Co. Ltd. Class A', '600230 CH', 'Shanghai Stock Exchange', '', '', null],
  ['Hefei Meiya Optoelectronic Technology Inc. Class A', '002690 CH', 'Shenzhen Stock Exchange', '', 'B8DGGB3', null],
];

const csvCell = (s) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** 1234567.89 → "1,234,567.89" (from integer cents, so totals are exact). */
function formatCents(cents) {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${whole}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** How many planted rows of each kind a file of `rows` rows gets: ~3 per 10,000 (300 at 1,000,000). */
export function plantedCounts(rows) {
  const flagged = rows < 100 ? 0 : Math.max(3, Math.round((rows * 3) / 10_000));
  return { flagged, lookalikes: Math.ceil(flagged / 2) };
}

/**
 * Writes the file and its `.meta.json`; returns the metadata. Writes to a temporary name and renames,
 * so an interrupted run never leaves a file that looks complete.
 */
export function generate({ rows = DEFAULT_ROWS, out, seed = DEFAULT_SEED, issuers: issuerCount = DEFAULT_ISSUERS } = {}) {
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows must be a positive integer, got ${rows}`);
  out = resolve(out ?? resolve(ROOT, `.bench/synthetic-${rows}.csv`));
  mkdirSync(dirname(out), { recursive: true });
  const started = process.hrtime.bigint();
  const issuers = makeIssuers(Math.min(issuerCount, rows), seed);
  const rng = mulberry32(seed);
  const counts = plantedCounts(rows);

  // Positions of the planted rows, chosen up front so the count is exact.
  const planted = new Map();
  const planIndex = (kind, n) => {
    for (let i = 0; i < n;) {
      const at = Math.floor(rng() * rows);
      if (planted.has(at)) continue;
      planted.set(at, kind);
      i++;
    }
  };
  planIndex('flagged', counts.flagged);
  planIndex('lookalike', counts.lookalikes);

  const tmp = `${out}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  let chunk = `Synthetic Custodian Holdings as of ${AS_OF}\n\n${HEADER}\n`;
  let bytes = 0;
  const flush = () => {
    const buf = Buffer.from(chunk, 'utf8');
    writeSync(fd, buf);
    bytes += buf.length;
    chunk = '';
  };
  let totalCents = 0n;
  const byEntity = {};
  const seenIssuers = new Set();
  let withIsin = 0;
  let withSedol = 0;
  let flaggedIdx = 0;
  let lookIdx = 0;
  for (let i = 0; i < rows; i++) {
    let name, ticker, exchange, isin, sedol, shares, price;
    const kind = planted.get(i);
    if (kind === 'flagged') {
      const p = PLANTED_FLAGGED[flaggedIdx++ % PLANTED_FLAGGED.length];
      [name, ticker, exchange, isin, sedol] = p;
      byEntity[p[5]] = (byEntity[p[5]] ?? 0) + 1;
      shares = int(rng, 100, 500_000);
      price = 5 + rng() * 40;
    } else if (kind === 'lookalike') {
      [name, ticker, exchange, isin, sedol] = PLANTED_LOOKALIKES[lookIdx++ % PLANTED_LOOKALIKES.length];
      shares = int(rng, 100, 500_000);
      price = 5 + rng() * 40;
    } else {
      // Skewed towards the first issuers (large caps appear in many accounts), all of them reachable.
      const u = rng();
      const k = Math.floor(u * u * issuers.length);
      const iss = issuers[k];
      seenIssuers.add(k);
      const line = iss.lines[iss.lines.length > 1 && rng() < 0.5 ? 1 : 0];
      name = iss.name;
      ticker = iss.ticker;
      exchange = rng() < 0.03 ? '' : iss.exchange;
      const idRoll = rng();
      isin = idRoll < 0.85 && line.isin !== null ? line.isin : '';
      sedol = rng() < 0.4 ? line.sedol : '';
      shares = Math.floor(Math.exp(rng() * 11)); // 1 … ~60,000, most positions small
      price = iss.price;
    }
    // Prices drift a little between accounts' valuations.
    const cents = BigInt(Math.round(shares * price * (0.98 + rng() * 0.04) * 100));
    totalCents += cents;
    if (isin) withIsin++;
    if (sedol) withSedol++;
    const sharesText = shares >= 1000 && rng() < 0.5 ? `"${shares.toLocaleString('en-US')}"` : String(shares);
    chunk += `${csvCell(name)},${csvCell(ticker)},${csvCell(exchange)},${isin},${sedol},${sharesText},"${formatCents(cents)}"\n`;
    if (chunk.length > 1 << 20) flush();
  }
  chunk += `Total,,,,,,"${formatCents(totalCents)}"\n`;
  flush();
  closeSync(fd);
  renameSync(tmp, out);

  const meta = {
    generator: 'scripts/gen-synthetic-holdings.mjs',
    generatorVersion: GENERATOR_VERSION,
    rows,
    seed,
    issuerPool: issuers.length,
    distinctIssuersUsed: seenIssuers.size,
    plantedFlagged: counts.flagged,
    plantedFlaggedByEntity: byEntity,
    plantedLookalikes: counts.lookalikes,
    rowsWithIsin: withIsin,
    rowsWithSedol: withSedol,
    asOf: AS_OF,
    bytes,
    totalValue: formatCents(totalCents),
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
  writeFileSync(`${out}.meta.json`, JSON.stringify(meta, null, 2) + '\n');
  return { file: out, ...meta };
}

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? a.split(/=(.*)/s) : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--rows') opts.rows = Number(String(value()).replaceAll('_', '').replaceAll(',', ''));
    else if (flag === '--out') opts.out = value();
    else if (flag === '--seed') opts.seed = Number(value());
    else if (flag === '--issuers') opts.issuers = Number(value());
    else if (flag === '-h' || flag === '--help') {
      console.log('usage: node scripts/gen-synthetic-holdings.mjs [--rows N] [--out PATH] [--seed S] [--issuers K]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const m = generate(parseArgs(process.argv.slice(2)));
    console.log(
      `wrote ${m.file}: ${m.rows.toLocaleString('en-US')} rows, ${(m.bytes / 1e6).toFixed(1)} MB, ` +
        `${m.distinctIssuersUsed.toLocaleString('en-US')} distinct issuers, in ${m.seconds.toFixed(1)} s`,
    );
    console.log(
      `planted ${m.plantedFlagged} flagged rows (${Object.entries(m.plantedFlaggedByEntity)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}) and ${m.plantedLookalikes} look-alike rows`,
    );
  } catch (error) {
    console.error(`gen-synthetic-holdings: ${error.message}`);
    process.exit(2);
  }
}
