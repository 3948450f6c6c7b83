#!/usr/bin/env node
// Writes a synthetic quarter of the SEC's Form N-PORT data sets (a zip of tab-separated tables) and a fund
// ticker file shaped like the SEC's company_tickers_mf.json, for the fund library's tests and bench.
//
//   node scripts/gen-nport-dataset.mjs --out DIR [--series 40] [--holdings-per-series 60] [--quarter 2024q4]
//        [--planted 6] [--amended 2] [--broken-rows 0] [--seed 1]
//
// Writes DIR/<quarter>_nport.zip and DIR/company_tickers_mf.json, and prints a JSON summary (the planted
// series and which listed securities each holds, the amended filings) that tests check against.
//
// Table and column names are the SEC's, as its "Form N-PORT Data Sets" readme (nport_readme.htm, shipped in
// each quarterly zip) defines them: SUBMISSION, REGISTRANT, FUND_REPORTED_INFO, FUND_REPORTED_HOLDING,
// IDENTIFIERS and MONTHLY_TOTAL_RETURN, each file <TABLE>.tsv with a header row. Dates are written as the
// data sets write them, DD-MON-YYYY. A holding's identifiers come on separate IDENTIFIERS rows (one with the
// ISIN, another with the ticker), keyed by HOLDING_ID. FUND_REPORTED_INFO carries only the columns the library
// reads plus a few neighbours; the real table has some fifty more, which a reader must tolerate by name.
// The ticker file is {"fields":["cik","seriesId","classId","symbol"],"data":[[cik,"S…","C…","SYMBOL"],…]}.
//
// Planted holdings are the listed companies' real ISINs and names from data/entities.json, so the screener's
// own matcher finds them; every other security is invented (valid CUSIP and ISIN check digits, names built
// from syllables that spell no listed company). --broken-rows N adds N holdings whose ISSUER_NAME carries a
// line break, as a defective producer would write it: each splits into two lines a reader must set aside.

import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32, createDeflateRaw } from 'node:zlib';
import { once } from 'node:events';

// ---------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const opts = {
    out: null,
    series: 40,
    holdingsPerSeries: 60,
    quarter: '2024q4',
    planted: 6,
    amended: 2,
    seed: 1,
    securities: 0,
    brokenRows: 0,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--out') opts.out = next();
    else if (a === '--series') opts.series = Number(next());
    else if (a === '--holdings-per-series') opts.holdingsPerSeries = Number(next());
    else if (a === '--quarter') opts.quarter = next();
    else if (a === '--planted') opts.planted = Number(next());
    else if (a === '--amended') opts.amended = Number(next());
    else if (a === '--seed') opts.seed = Number(next());
    else if (a === '--securities') opts.securities = Number(next());
    else if (a === '--broken-rows') opts.brokenRows = Number(next());
    else throw new Error(`unknown option ${a}`);
  }
  if (opts.out === null) throw new Error('--out DIR is required');
  if (!/^\d{4}q[1-4]$/.test(opts.quarter)) throw new Error('--quarter: YYYYqN, e.g. 2024q4');
  return opts;
}

// ---------------------------------------------------------------------------------------------
// A small deterministic random source (mulberry32)

function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (list) => list[Math.floor(next() * list.length)] };
}

// ---------------------------------------------------------------------------------------------
// Identifiers with valid check digits

function cusipCheck(base) {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = base[i];
    let v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55;
    if (i % 2 === 1) v *= 2;
    sum += Math.floor(v / 10) + (v % 10);
  }
  return String((10 - (sum % 10)) % 10);
}

function isinCheck(base) {
  const digits = [...base].map((c) => (c >= '0' && c <= '9' ? c : String(c.charCodeAt(0) - 55))).join('');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const ALNUM = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';

// ---------------------------------------------------------------------------------------------
// Names that spell no listed company

const SYLLABLES = [
  'bar',
  'tor',
  'lin',
  'mor',
  'ven',
  'cal',
  'dor',
  'sel',
  'rin',
  'tam',
  'gal',
  'bro',
  'nel',
  'vor',
  'kes',
  'lum',
  'par',
  'ost',
  'wen',
  'qua',
  'fer',
  'zan',
  'rok',
  'ber',
];
const SUFFIXES = ['Inc', 'Corp', 'Holdings Inc', 'PLC', 'AG', 'SA', 'NV', 'Co Ltd', 'Group Ltd', 'SE', 'ASA', 'Bhd'];
const FUND_WORDS = [
  'Growth',
  'Value',
  'Income',
  'Equity',
  'Bond',
  'International',
  'Emerging Markets',
  'Small Cap',
  'Total Market',
  'Dividend',
  'Balanced',
  'Municipal',
];

function word(r) {
  const n = 2 + r.int(2);
  let w = '';
  for (let i = 0; i < n; i++) w += r.pick(SYLLABLES);
  return w[0].toUpperCase() + w.slice(1);
}

// ---------------------------------------------------------------------------------------------
// A minimal zip writer: deflated entries streamed to disk, sizes and CRC in a data descriptor and the
// central directory (no zip64: each entry and the whole archive stay under 4 GiB).

class ZipWriter {
  constructor(path) {
    this.out = createWriteStream(path);
    this.offset = 0;
    this.entries = [];
  }

  async write(buffer) {
    this.offset += buffer.length;
    if (!this.out.write(buffer)) await once(this.out, 'drain');
  }

  /** Starts an entry; returns { add(text), end() }. */
  async entry(name) {
    const nameBytes = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0x0808, 6); // data descriptor follows; UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(0, 10); // time
    header.writeUInt16LE(0x5821, 12); // date 2024-01-01
    header.writeUInt16LE(nameBytes.length, 26);
    const start = this.offset;
    await this.write(header);
    await this.write(nameBytes);
    const deflate = createDeflateRaw({ level: 6 });
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const pumped = (async () => {
      for await (const chunk of deflate) {
        compressed += chunk.length;
        await this.write(chunk);
      }
    })();
    let pending = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pending.length === 0) return;
      const buf = Buffer.from(pending.join(''), 'utf8');
      pending = [];
      pendingBytes = 0;
      crc = crc32(buf, crc);
      size += buf.length;
      if (!deflate.write(buf)) await once(deflate, 'drain');
    };
    return {
      add: async (text) => {
        pending.push(text);
        pendingBytes += text.length;
        if (pendingBytes > 1 << 20) await flush();
      },
      end: async () => {
        await flush();
        deflate.end();
        await pumped;
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(0x08074b50, 0);
        descriptor.writeUInt32LE(crc >>> 0, 4);
        descriptor.writeUInt32LE(compressed, 8);
        descriptor.writeUInt32LE(size, 12);
        await this.write(descriptor);
        this.entries.push({ nameBytes, crc: crc >>> 0, compressed, size, start });
      },
    };
  }

  async close() {
    const cdStart = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(0x0808, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(0, 12);
      h.writeUInt16LE(0x5821, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.nameBytes.length, 28);
      h.writeUInt32LE(e.start, 42);
      await this.write(h);
      await this.write(e.nameBytes);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - cdStart, 12);
    end.writeUInt32LE(cdStart, 16);
    await this.write(end);
    this.out.end();
    await once(this.out, 'finish');
  }
}

// ---------------------------------------------------------------------------------------------
// The data

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** DD-MON-YYYY, as the data sets write dates. */
function secDate(iso) {
  const [y, m, d] = iso.split('-');
  return `${d}-${MONTHS[Number(m) - 1]}-${y}`;
}

function lastDayOf(year, month) {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function plantedSecurities(root) {
  const data = JSON.parse(readFileSync(join(root, 'data', 'entities.json'), 'utf8'));
  const planted = [];
  for (const e of data.entities) {
    for (const s of e.securities ?? []) {
      if (s.isin === undefined) continue;
      const english = e.names.find((n) => /^[\x20-\x7e]+$/.test(n.name) && /\b(?:co|ltd|inc)\b/i.test(n.name)) ?? e.names[0];
      planted.push({ entity: e.id, isin: s.isin, name: english.name, code: s.code });
    }
  }
  return planted;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const root = resolve(new URL('..', import.meta.url).pathname);
  const out = resolve(opts.out);
  mkdirSync(out, { recursive: true });
  const r = rng(opts.seed);
  const year = Number(opts.quarter.slice(0, 4));
  const q = Number(opts.quarter.slice(5));
  // Reports of the quarter's last month, filed within the quarter after it closes: the data set of a
  // quarter holds the filings made in it, whose report dates are the months before.
  const reportDate = lastDayOf(q === 1 ? year - 1 : year, q === 1 ? 12 : (q - 1) * 3);
  const filedFrom = new Date(`${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-05T00:00:00Z`);
  const filingDate = (offset) => new Date(filedFrom.getTime() + offset * 86400000).toISOString().slice(0, 10);

  // The pool of securities funds hold: stocks (a CUSIP, an ISIN, often a ticker) and bonds.
  const poolSize =
    opts.securities > 0 ? opts.securities : Math.max(200, Math.min(250_000, Math.round((opts.series * opts.holdingsPerSeries) / 20)));
  const pool = [];
  const usedCusips = new Set();
  for (let i = 0; i < poolSize; i++) {
    let base;
    do {
      // Six digits of issuer, two characters of issue, as US CUSIPs mostly run.
      base = String(100_000 + r.int(900_000)) + ALNUM[r.int(ALNUM.length)] + ALNUM[r.int(ALNUM.length)];
    } while (usedCusips.has(base));
    usedCusips.add(base);
    const cusip = base + cusipCheck(base);
    const foreign = r.next() < 0.3;
    const country = foreign ? r.pick(['GB', 'DE', 'FR', 'JP', 'KR', 'TW', 'IN', 'BR']) : 'US';
    const isinBase = (foreign ? country : 'US') + cusip;
    const isin = isinBase + isinCheck(isinBase);
    const bond = r.next() < 0.25;
    const name = `${word(r)} ${r.next() < 0.4 ? word(r) + ' ' : ''}${r.pick(SUFFIXES)}`;
    pool.push({
      name,
      title: bond ? `${name} ${(1 + r.int(8)).toFixed(3)}% ${2026 + r.int(20)}` : name,
      cusip: foreign ? 'N/A' : cusip,
      isin: r.next() < 0.85 ? isin : null,
      ticker:
        !bond && r.next() < 0.7
          ? word(r)
              .slice(0, 2 + r.int(3))
              .toUpperCase()
          : null,
      assetCat: bond ? 'DBT' : 'EC',
      issuerType: bond && r.next() < 0.3 ? 'UST' : 'CORP',
      country,
      price: 5 + r.next() * 300,
    });
  }

  const planted = plantedSecurities(root);
  const registrants = [];
  const series = [];
  const seriesPerRegistrant = 12;
  for (let i = 0; i < opts.series; i++) {
    if (i % seriesPerRegistrant === 0) {
      const family = word(r);
      registrants.push({
        cik: String(1_000_000 + registrants.length * 37).padStart(10, '0'),
        name: `${family} Funds Trust`,
        family,
        fileNum: `811-${String(10_000 + registrants.length).padStart(5, '0')}`,
      });
    }
    const reg = registrants[registrants.length - 1];
    const seriesId = `S${String(100_000_000 + i * 7).padStart(9, '0')}`;
    const classes = [];
    const nClasses = 1 + r.int(3);
    for (let c = 0; c < nClasses; c++) {
      const classId = `C${String(200_000_000 + i * 11 + c).padStart(9, '0')}`;
      // Mutual fund tickers are five letters ending in X; an ETF class has a short one.
      let symbol = '';
      const etf = c === 0 && r.next() < 0.3;
      const letters = 'ABCDEFGHIJKLMNOPQRSTUVWYZ';
      for (let k = 0; k < (etf ? 3 : 4); k++) symbol += letters[r.int(letters.length)];
      classes.push({ classId, symbol: etf ? symbol : `${symbol}X` });
    }
    const theme = r.pick(FUND_WORDS);
    series.push({ seriesId, name: `${reg.family} ${theme} ${r.next() < 0.5 ? 'Index ' : ''}Fund`, registrant: reg, classes, planted: [] });
  }
  // Tickers must be unique, as the SEC's file has them.
  const seenSymbols = new Set();
  for (const s of series) {
    for (const c of s.classes) {
      while (seenSymbols.has(c.symbol)) c.symbol = c.symbol.slice(0, -2) + ALNUM[10 + r.int(20)] + c.symbol.slice(-1);
      seenSymbols.add(c.symbol);
    }
  }
  // Planted: the first `planted` series hold one or more listed companies, with their real ISINs and names.
  for (let i = 0; i < Math.min(opts.planted, series.length); i++) {
    const count = 1 + (i % 3);
    for (let k = 0; k < count; k++) series[i].planted.push(planted[(i + k) % planted.length]);
  }

  // Filings: one per series, plus amendments (NPORT-P/A, same report date, filed later) of the first
  // `amended` planted series; an amendment drops the series' first planted holding, so a reader that let
  // the original stand would still report it.
  const filings = [];
  let accessionSeq = 1;
  const accession = (cik) => `${cik}-${String(year).slice(2)}-${String(accessionSeq++).padStart(6, '0')}`;
  for (const [i, s] of series.entries()) {
    filings.push({ series: s, accession: accession(s.registrant.cik), subType: 'NPORT-P', filed: filingDate(5 + (i % 40)), drop: null });
  }
  const amendments = [];
  for (let i = 0; i < Math.min(opts.amended, opts.planted, series.length); i++) {
    const s = series[i];
    const f = {
      series: s,
      accession: accession(s.registrant.cik),
      subType: 'NPORT-P/A',
      filed: filingDate(60 + i),
      drop: s.planted[0]?.isin ?? null,
    };
    filings.push(f);
    amendments.push({ seriesId: s.seriesId, accession: f.accession, dropped: f.drop });
  }

  const zipPath = join(out, `${opts.quarter}_nport.zip`);
  const zip = new ZipWriter(zipPath);
  const table = async (name, columns, rows) => {
    const e = await zip.entry(`${name}.tsv`);
    await e.add(columns.join('\t') + '\n');
    for await (const row of rows) await e.add(row.map((v) => (v === null || v === undefined ? '' : String(v))).join('\t') + '\n');
    await e.end();
  };

  await table(
    'SUBMISSION',
    ['ACCESSION_NUMBER', 'FILING_DATE', 'FILE_NUM', 'SUB_TYPE', 'REPORT_ENDING_PERIOD', 'REPORT_DATE', 'IS_LAST_FILING'],
    filings.map((f) => [
      f.accession,
      secDate(f.filed),
      f.series.registrant.fileNum,
      f.subType,
      secDate(`${year}-12-31`),
      secDate(reportDate),
      'N',
    ]),
  );
  await table(
    'REGISTRANT',
    ['ACCESSION_NUMBER', 'CIK', 'REGISTRANT_NAME', 'FILE_NUM', 'LEI', 'ADDRESS1', 'ADDRESS2', 'CITY', 'STATE', 'COUNTRY', 'ZIP', 'PHONE'],
    filings.map((f) => [
      f.accession,
      f.series.registrant.cik,
      f.series.registrant.name,
      f.series.registrant.fileNum,
      '',
      '1 Main Street',
      '',
      'Boston',
      'US-MA',
      'US',
      '02110',
      '617-555-0100',
    ]),
  );

  // Holdings, written first to learn each filing's net assets.
  const holdingsByFiling = new Map();
  let holdingId = 100_000_000;
  for (const f of filings) {
    const list = [];
    const n = Math.max(1, Math.round(opts.holdingsPerSeries * (0.5 + r.next())));
    for (let k = 0; k < n; k++) {
      // Skewed towards the start of the pool: large companies are held by many funds.
      const sec = pool[Math.floor(pool.length * Math.pow(r.next(), 2.2))];
      const balance = 100 + r.int(200_000);
      list.push({ id: holdingId++, sec, balance, value: Math.round(balance * sec.price * 100) / 100 });
    }
    for (const p of f.series.planted) {
      if (p.isin === f.drop) continue;
      const balance = 1000 + r.int(90_000);
      list.push({
        id: holdingId++,
        sec: {
          name: p.name,
          title: `${p.name} A`,
          cusip: 'N/A',
          isin: p.isin,
          ticker: p.code,
          assetCat: 'EC',
          issuerType: 'CORP',
          country: 'CN',
          price: 4,
        },
        balance,
        value: Math.round(balance * 4 * 100) / 100,
      });
    }
    holdingsByFiling.set(f.accession, list);
  }
  const netAssets = new Map(
    [...holdingsByFiling].map(([acc, list]) => [acc, Math.round(list.reduce((s, h) => s + h.value, 0) * 1.002 * 100) / 100]),
  );

  await table(
    'FUND_REPORTED_INFO',
    [
      'ACCESSION_NUMBER',
      'SERIES_NAME',
      'SERIES_ID',
      'SERIES_LEI',
      'TOTAL_ASSETS',
      'TOTAL_LIABILITIES',
      'NET_ASSETS',
      'ASSETS_ATTRBT_TO_MISC_SECURITY',
      'ASSETS_INVESTED',
      'CASH_NOT_RPTD_IN_C_OR_D',
    ],
    filings.map((f) => {
      const net = netAssets.get(f.accession);
      return [
        f.accession,
        f.series.name,
        f.series.seriesId,
        '',
        (net * 1.01).toFixed(2),
        (net * 0.01).toFixed(2),
        net.toFixed(2),
        '0',
        '',
        '0',
      ];
    }),
  );
  await table(
    'MONTHLY_TOTAL_RETURN',
    ['ACCESSION_NUMBER', 'MONTHLY_TOTAL_RETURN_ID', 'CLASS_ID', 'MONTHLY_TOTAL_RETURN1', 'MONTHLY_TOTAL_RETURN2', 'MONTHLY_TOTAL_RETURN3'],
    (function* () {
      let id = 1;
      for (const f of filings)
        for (const c of f.series.classes)
          yield [f.accession, id++, c.classId, (r.next() * 4 - 2).toFixed(2), (r.next() * 4 - 2).toFixed(2), (r.next() * 4 - 2).toFixed(2)];
    })(),
  );
  let holdingCount = 0;
  let broken = 0;
  await table(
    'FUND_REPORTED_HOLDING',
    [
      'ACCESSION_NUMBER',
      'HOLDING_ID',
      'ISSUER_NAME',
      'ISSUER_LEI',
      'ISSUER_TITLE',
      'ISSUER_CUSIP',
      'BALANCE',
      'UNIT',
      'OTHER_UNIT_DESC',
      'CURRENCY_CODE',
      'CURRENCY_VALUE',
      'EXCHANGE_RATE',
      'PERCENTAGE',
      'PAYOFF_PROFILE',
      'ASSET_CAT',
      'OTHER_ASSET',
      'ISSUER_TYPE',
      'OTHER_ISSUER',
      'INVESTMENT_COUNTRY',
      'IS_RESTRICTED_SECURITY',
      'FAIR_VALUE_LEVEL',
      'DERIVATIVE_CAT',
    ],
    (function* () {
      for (const f of filings) {
        const net = netAssets.get(f.accession);
        for (const h of holdingsByFiling.get(f.accession)) {
          holdingCount++;
          const bond = h.sec.assetCat === 'DBT';
          yield [
            f.accession,
            h.id,
            h.sec.name,
            '',
            h.sec.title,
            h.sec.cusip,
            h.balance,
            bond ? 'PA' : 'NS',
            '',
            'USD',
            h.value.toFixed(2),
            '',
            ((h.value / net) * 100).toFixed(12),
            'Long',
            h.sec.assetCat,
            '',
            h.sec.issuerType,
            '',
            h.sec.country,
            'N',
            '1',
            '',
          ];
        }
        if (broken < opts.brokenRows) {
          broken++;
          yield [
            f.accession,
            holdingId++,
            'Broken\nName Corp',
            '',
            'Broken Name Corp',
            'N/A',
            10,
            'NS',
            '',
            'USD',
            '100.00',
            '',
            '0.000001',
            'Long',
            'EC',
            '',
            'CORP',
            '',
            'US',
            'N',
            '1',
            '',
          ];
        }
      }
    })(),
  );
  await table(
    'IDENTIFIERS',
    ['HOLDING_ID', 'IDENTIFIERS_ID', 'IDENTIFIER_ISIN', 'IDENTIFIER_TICKER', 'OTHER_IDENTIFIER', 'OTHER_IDENTIFIER_DESC'],
    (function* () {
      let id = 500_000_000;
      for (const f of filings) {
        for (const h of holdingsByFiling.get(f.accession)) {
          if (h.sec.isin !== null) yield [h.id, id++, h.sec.isin, '', '', ''];
          if (h.sec.ticker !== null) yield [h.id, id++, '', h.sec.ticker, '', ''];
        }
      }
    })(),
  );
  holdingsByFiling.clear();
  await zip.close();

  const tickers = {
    fields: ['cik', 'seriesId', 'classId', 'symbol'],
    data: series.flatMap((s) => s.classes.map((c) => [Number(s.registrant.cik), s.seriesId, c.classId, c.symbol])),
  };
  const tickerPath = join(out, 'company_tickers_mf.json');
  writeFileSync(tickerPath, JSON.stringify(tickers));

  const summary = {
    zip: zipPath,
    tickers: tickerPath,
    reportDate,
    series: series.length,
    filings: filings.length,
    holdings: holdingCount,
    brokenRows: broken,
    planted: series
      .filter((s) => s.planted.length > 0)
      .map((s) => ({
        seriesId: s.seriesId,
        name: s.name,
        tickers: s.classes.map((c) => c.symbol),
        entities: s.planted.map((p) => p.entity),
        isins: s.planted.map((p) => p.isin),
      })),
    amendments,
    unplanted: series
      .slice(opts.planted, opts.planted + 3)
      .map((s) => ({ seriesId: s.seriesId, name: s.name, tickers: s.classes.map((c) => c.symbol) })),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error) => {
  process.stderr.write(`gen-nport-dataset: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
