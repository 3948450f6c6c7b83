// An explainable name score. Words that many companies share (technology, digital, group, Hangzhou,
// China) carry little weight; the words that tell a company apart (hikvision, dahua, iflytek) carry it.
// Lesson from Watchman's and OpenSanctions' false positives: a generic word never matches on its own.

/** Words too common in issuer names to identify anyone, with the weight they keep. */
const GENERIC_WEIGHT: ReadonlyMap<string, number> = new Map([
  ...[
    'technology',
    'digital',
    'group',
    'holdings',
    'information',
    'network',
    'science',
    'international',
    'intelligent',
    'intelligence',
    'electronic',
    'electronics',
    'software',
    'systems',
    'system',
    'industrial',
    'industries',
    'industry',
    'development',
    'investment',
    'company',
    'municipal',
    'municipality',
    'prefecture',
    'autonomous',
    'region',
    'people',
    's',
    'government',
    'department',
    'equipment',
    'communication',
    'communications',
    'media',
    'smart',
    'data',
    'cloud',
    'new',
    'high',
    'global',
  ].map((w): [string, number] => [w, 0.2]),
  ...[
    'china',
    'chinese',
    'hangzhou',
    'zhejiang',
    'xinjiang',
    'beijing',
    'shanghai',
    'shenzhen',
    'xiamen',
    'anhui',
    'hefei',
    'hong',
    'kong',
  ].map((w): [string, number] => [w, 0.3]),
  ...['public', 'security', 'bureau', 'psb', 'police', 'college'].map((w): [string, number] => [w, 0.5]),
  ...['and', 'the', 'of', 'de', 'la', 'common', 'stock', 'stocks', 'equity', 'equities', 'unit', 'units', 'securities'].map(
    (w): [string, number] => [w, 0],
  ),
  ...['科技', '信息', '技术', '数字', '网络', '智能', '中国', '杭州', '浙江', '北京', '上海', '深圳', '厦门', '新疆'].map(
    (w): [string, number] => [w, 0.2],
  ),
]);

/** Weight of a word in a name: generic words little, everything else 1. */
export function tokenWeight(token: string): number {
  return GENERIC_WEIGHT.get(token) ?? 1;
}

/** Damerau-Levenshtein distance (optimal string alignment), bounded: returns max+1 as soon as it exceeds max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const above = rows[i - 1] ?? [];
      let v = Math.min((above[j] ?? Infinity) + 1, (row[j - 1] ?? Infinity) + 1, (above[j - 1] ?? Infinity) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (rows[i - 2]?.[j - 2] ?? Infinity) + 1);
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (i > 0 && rowMin > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? max + 1;
}

/**
 * editDistance(a, b, 1) <= 1, in one pass and without allocating: equal, one letter changed, added,
 * dropped, or two neighbours swapped. Every new word of a holding's name is held against the list's
 * vocabulary with this, so it runs tens of thousands of times on a real file; a test holds it equal to
 * editDistance.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a.length < b.length) return withinOneEdit(b, a);
  if (a.length - b.length > 1) return false;
  let i = 0;
  while (i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === b.length) return true; // equal, or one letter added at the end
  if (a.length > b.length) return a.slice(i + 1) === b.slice(i); // one letter added
  if (a.slice(i + 1) === b.slice(i + 1)) return true; // one letter changed
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // two swapped
}

const LATIN = /^[a-z0-9]+$/;

/** Shortest word that a one-letter typo still matches: shorter words differ by one letter too often (meiya/meiyan). */
export const MIN_TYPO_LENGTH = 7;
/** Shortest cut-off word completed by prefix ("hikvis" → "hikvision"). */
export const MIN_CUT_LENGTH = 5;

/** How alike two words are: 1 equal, 0.9 a one-letter typo or a cut-off last word, else 0. */
function tokenSimilarity(listToken: string, holdingToken: string, holdingTokenIsLast: boolean): number {
  if (listToken === holdingToken) return 1;
  // Most pairs of words differ in length or letters at once: the script is only looked at for a pair
  // that could be a typo or a cut.
  const typo = listToken.length >= MIN_TYPO_LENGTH && holdingToken.length >= MIN_TYPO_LENGTH && withinOneEdit(listToken, holdingToken);
  const cut =
    !typo &&
    holdingTokenIsLast &&
    holdingToken.length >= MIN_CUT_LENGTH &&
    listToken.length > holdingToken.length &&
    listToken.startsWith(holdingToken);
  // Typos and cut-off words are Latin-script accidents; a shorter Chinese name is another organisation.
  return (typo || cut) && LATIN.test(listToken) && LATIN.test(holdingToken) ? 0.9 : 0;
}

export interface TokenPair {
  readonly list: string;
  readonly holding: string;
  readonly weight: number;
  readonly similarity: number;
}

export interface TokenScore {
  /** 0..1: the harmonic mean of how much of each name the other covers, by weight. */
  readonly score: number;
  readonly pairs: readonly TokenPair[];
  /** Share of the list name's weight found in the holding. */
  readonly listCoverage: number;
  /** Share of the holding name's weight found in the list name. */
  readonly holdingCoverage: number;
  /** Whether a distinctive word (weight 1) matched; without one the score is capped. */
  readonly distinctive: boolean;
}

/**
 * Score when the only distinctive words in common are also words of a known look-alike ("Dahua" is
 * Zhejiang Dahua Technology, but also Cangzhou Dahua): a person must decide, so never above review.
 */
export const CONTESTED_CAP = 0.85;

/** Score without a distinctive word in common: below every threshold. */
const NO_DISTINCTIVE_CAP = 0.5;

/**
 * Scores a holding's words against one list name's words. Its loops go by index: it runs for every list
 * name a new holding's name could match, mostly before it is optimised, where a forEach builds a closure
 * per list word and a for-of an iterator result per step.
 */
export function scoreTokens(listTokens: readonly string[], holdingTokens: readonly string[]): TokenScore {
  const pairs: TokenPair[] = [];
  let listWeight = 0;
  let listMatched = 0;
  let distinctive = false;
  const last = holdingTokens.length - 1;
  const holdingBest = new Array<number>(holdingTokens.length).fill(0);
  for (let i = 0; i < listTokens.length; i++) {
    const lt = listTokens[i] ?? '';
    const w = tokenWeight(lt);
    listWeight += w;
    let best = 0;
    let bestIndex = -1;
    for (let j = 0; j <= last; j++) {
      const s = tokenSimilarity(lt, holdingTokens[j] ?? '', j === last);
      if (s > best) {
        best = s;
        bestIndex = j;
      }
      holdingBest[j] = Math.max(holdingBest[j] ?? 0, s);
    }
    if (best > 0) {
      const ht = holdingTokens[bestIndex] ?? '';
      pairs.push({ list: lt, holding: ht, weight: w, similarity: best });
      listMatched += w * best;
      if (w >= 1) distinctive = true;
    }
  }
  let holdingWeight = 0;
  let holdingMatched = 0;
  for (let j = 0; j <= last; j++) {
    const w = tokenWeight(holdingTokens[j] ?? '');
    holdingWeight += w;
    holdingMatched += w * (holdingBest[j] ?? 0);
  }
  const listCoverage = listWeight === 0 ? 0 : listMatched / listWeight;
  const holdingCoverage = holdingWeight === 0 ? 0 : holdingMatched / holdingWeight;
  const f1 = listCoverage + holdingCoverage === 0 ? 0 : (2 * listCoverage * holdingCoverage) / (listCoverage + holdingCoverage);
  // Never 1: only an exact name is certain.
  const score = Math.min(distinctive ? f1 : Math.min(f1, NO_DISTINCTIVE_CAP), 0.99);
  return { score, pairs, listCoverage, holdingCoverage, distinctive };
}
