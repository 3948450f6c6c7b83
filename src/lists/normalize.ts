// The normalize stage shared by the official-list importers: the identifiers one record gives, as text, into
// the draft securities of that record. Pure; one decision per function, each with its own test.

import type { DraftSecurity } from './build.js';
import { resolveTicker } from './common.js';

/** An ISIN that can be a company's shares: not a Eurobond (XS), a US depositary receipt (US) or a China bond (CND). */
export function isEquityIsin(isin: string): boolean {
  return !/^(XS|US|CND)/.test(isin);
}

/** How one list words the securities it gives, and what they cite. */
export interface SecurityWording {
  /** "OFAC Equity Ticker 002415 CN", from the ticker text as the record gives it. */
  readonly tickerDescription: (ticker: string) => string;
  /** The description of an ISIN the record does not tie to a listed line. */
  readonly isinAloneDescription: string;
  readonly sources: readonly string[];
}

/** The securities of one record, and the tickers on venues the data schema lacks. */
export interface PlacedSecurities {
  readonly securities: DraftSecurity[];
  readonly unmapped: string[];
}

/**
 * One record's tickers and valid ISINs as securities: each ticker on a venue of the schema is a line; an ISIN
 * is tied to that line only when the record has one ticker and one equity ISIN; every other ISIN (an H-share's,
 * a bond's, an ADR's) is a security of its own, matched by the ISIN alone.
 */
export function placeSecurities(tickers: readonly string[], isins: readonly string[], wording: SecurityWording): PlacedSecurities {
  const securities: DraftSecurity[] = [];
  const unmapped: string[] = [];
  for (const ticker of tickers) {
    const hit = resolveTicker(ticker);
    if (hit === null) unmapped.push(ticker);
    else if (!securities.some((s) => s.exchange === hit.exchange && s.code === hit.code))
      securities.push({ exchange: hit.exchange, code: hit.code, description: wording.tickerDescription(ticker), sources: wording.sources });
  }
  const equity = isins.filter(isEquityIsin);
  const equityIsin = equity.length === 1 ? equity[0] : undefined;
  const only = securities[0];
  if (securities.length === 1 && only?.exchange !== undefined && tickers.length === 1 && equityIsin !== undefined) {
    securities[0] = {
      ...only,
      isin: equityIsin,
      description: `${only.description ?? ''}; ISIN from the same record (its only ticker and only equity ISIN)`,
    };
  }
  for (const isin of new Set(isins)) {
    if (!securities.some((s) => s.isin === isin))
      securities.push({ isin, description: wording.isinAloneDescription, sources: wording.sources });
  }
  return { securities, unmapped };
}
