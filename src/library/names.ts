// Whether a position's name agrees with a fund's: the check that lets a ticker name a library fund.
// Brokerages shorten fund names ("VANGUARD TOT WORLD STK ETF" for "Vanguard Total World Stock Index
// Fund"), so a word agrees with a fund's word it starts, or whose letters it keeps in order from the
// first (TOT, STK, INTL, MKT). Pure.

import { foldText } from '../normalize/names.js';

// Words every fund name has, which say nothing of which fund it is.
const GENERIC = new Set([
  'etf', 'etfs', 'fund', 'funds', 'fd', 'fds', 'index', 'idx', 'shares', 'share', 'shs', 'class', 'cl', 'inv', 'investor', 'admiral',
  'adm', 'institutional', 'inst', 'instl', 'trust', 'tr', 'the', 'of', 'series', 'ser', 'portfolio', 'port', 'inc', 'and', 'a', 'b', 'c',
  'i', 'r', 'y', 'z', 'k', 'n', 'no', 'load', 'com', 'new', 'unit', 'units',
]);

function words(text: string): string[] {
  return foldText(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

function keepsInOrder(short: string, long: string): boolean {
  if (short.length < 2 || short[0] !== long[0]) return false;
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

function wordAgrees(w: string, f: string): boolean {
  return w === f || (w.length >= 2 && f.startsWith(w)) || (f.length >= 4 && w.startsWith(f)) || keepsInOrder(w, f);
}

/**
 * True when the position's name can be this fund's: its first distinctive word and at least half of
 * its distinctive words agree with the fund's names (series and registrant). A name of generic words
 * only ("ETF") cannot disagree.
 */
export function fundNamesAgree(position: string, fundNames: readonly (string | null)[]): boolean {
  const own = words(position).filter((w) => !GENERIC.has(w));
  if (own.length === 0) return true;
  const theirs = [...new Set(fundNames.flatMap((n) => (n === null ? [] : words(n))))];
  const agrees = (w: string): boolean => theirs.some((f) => wordAgrees(w, f));
  const first = own[0];
  if (first === undefined || !agrees(first)) return false;
  return own.filter(agrees).length * 2 >= own.length;
}
