#!/usr/bin/env node
// A large SEC Form N-PORT filing for npm run bench: the shape of the real filings in
// fixtures/real/formats (edgarSubmission > formData > genInfo, invstOrSecs > invstOrSec with name,
// cusip, identifiers, balance, valUSD, pctVal, assetCat, debtSec…), with as many positions as it takes
// to reach the size asked for. Every 10,000th position is Hikvision (ISIN CNE100000PM8), so a screen
// of the file has findings to count; the rest are bonds of made-up issuers. As in a real bond fund's
// filing, issuers repeat (each of ISSUERS issuers has a bond every ISSUERS positions): a 250 MB filing
// is some 240,000 positions, not 240,000 different names. --issuers sets how many.
//
//   node scripts/gen-nport-xml.mjs [--mb 250] [--issuers 25000] [--out .bench/nport-250mb.xml]

import { closeSync, openSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const NPORT_GENERATOR_VERSION = 2;
/** Different issuer names, by default. */
export const NPORT_ISSUERS = 25_000;
/** One position in this many is Hikvision. */
export const NPORT_PLANT_EVERY = 10_000;

const HEAD = `
<?xml version="1.0" encoding="UTF-8"?><edgarSubmission xmlns="http://www.sec.gov/edgar/nport" xmlns:com="http://www.sec.gov/edgar/common" xmlns:ncom="http://www.sec.gov/edgar/nportcommon">
  <headerData>
    <submissionType>NPORT-P</submissionType>
    <isConfidential>false</isConfidential>
  </headerData>
  <formData>
    <genInfo>
      <regName>Synthetic Bench Funds</regName>
      <regFileNumber>811-00000</regFileNumber>
      <seriesName>Synthetic Total Market Series</seriesName>
      <repPdEnd>2025-12-31</repPdEnd>
      <repPdDate>2025-09-30</repPdDate>
      <isFinalFiling>N</isFinalFiling>
    </genInfo>
    <fundInfo>
      <totAssets>1000000000.00</totAssets>
      <netAssets>1000000000.00</netAssets>
    </fundInfo>
    <invstOrSecs>
`;

const TAIL = `    </invstOrSecs>
  </formData>
</edgarSubmission>
`;

function position(i, issuers) {
  const hik = i % NPORT_PLANT_EVERY === 0;
  const n = String(i).padStart(9, '0');
  const name = hik
    ? 'HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO LTD'
    : `SYNTHETIC ISSUER ${String(i % issuers).padStart(6, '0')} INC &amp; CO`;
  return `      <invstOrSec>
        <name>${name}</name>
        <lei>N/A</lei>
        <title>${hik ? 'HIKVISION A' : `SYN ${n} 5 08/01/2030`}</title>
        <cusip>${hik ? '000000000' : 'N/A'}</cusip>
        <identifiers>
${hik ? '          <isin value="CNE100000PM8"/>\n' : ''}          <other otherDesc="Internal" value="S${n}"/>
        </identifiers>
        <balance>${1000 + (i % 97) * 13}</balance>
        <units>NS</units>
        <curCd>USD</curCd>
        <valUSD>${(10_000 + (i % 1013) * 7.25).toFixed(2)}</valUSD>
        <pctVal>0.0001</pctVal>
        <payoffProfile>Long</payoffProfile>
        <assetCat>${hik ? 'EC' : 'DBT'}</assetCat>
        <issuerCat>CORP</issuerCat>
        <invCountry>${hik ? 'CN' : 'US'}</invCountry>
        <isRestrictedSec>N</isRestrictedSec>
        <fairValLevel>2</fairValLevel>
        <debtSec>
          <maturityDt>2030-08-01</maturityDt>
          <couponKind>Fixed</couponKind>
          <annualizedRt>5.000000000000</annualizedRt>
          <isDefault>N</isDefault>
        </debtSec>
        <securityLending>
          <isCashCollateral>N</isCashCollateral>
          <isNonCashCollateral>N</isNonCashCollateral>
          <isLoanByFund>N</isLoanByFund>
        </securityLending>
      </invstOrSec>
`;
}

/** Writes the file; returns its size, positions and planted Hikvision positions. */
export function generateNport({ mb = 250, out, issuers = NPORT_ISSUERS }) {
  const started = performance.now();
  const target = mb * 1024 * 1024;
  const fd = openSync(out, 'w');
  let bytes = 0;
  let rows = 0;
  let planted = 0;
  const write = (text) => {
    const buf = Buffer.from(text, 'utf8');
    writeSync(fd, buf);
    bytes += buf.length;
  };
  try {
    write(HEAD);
    // The text is ASCII: its length in characters is its length in bytes.
    let batch = '';
    while (bytes + batch.length + TAIL.length < target) {
      rows++;
      if (rows % NPORT_PLANT_EVERY === 0) planted++;
      batch += position(rows, issuers);
      if (batch.length > 1 << 20) {
        write(batch);
        batch = '';
      }
    }
    write(batch);
    write(TAIL);
  } finally {
    closeSync(fd);
  }
  return {
    file: out,
    bytes,
    rows,
    planted,
    issuers,
    generatorVersion: NPORT_GENERATOR_VERSION,
    mb,
    seconds: (performance.now() - started) / 1000,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const arg = (flag, fallback) => {
    const i = args.indexOf(flag);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
  };
  const mb = Number(arg('--mb', '250'));
  const meta = generateNport({ mb, out: arg('--out', `nport-${mb}mb.xml`), issuers: Number(arg('--issuers', String(NPORT_ISSUERS))) });
  console.log(JSON.stringify(meta));
}
