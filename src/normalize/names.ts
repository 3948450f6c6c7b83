// One name pipeline, applied identically to the curated list and to holdings.

/** A name reduced to its comparable words. */
export interface NormalizedName {
  /** Words left after folding, punctuation and legal-form/share-class tails are removed. */
  readonly tokens: readonly string[];
  /** tokens joined by single spaces: the exact-match key. */
  readonly key: string;
  /** tokens joined without spaces, so "Hik-Vision" and "Hikvision", "Sense Time" and "SenseTime" meet. */
  readonly compact: string;
}

// Chinese legal forms and listing tails, longest first so 股份有限公司 goes before 有限公司.
const CHINESE_TAILS = [
  '股份有限公司',
  '有限责任公司',
  '有限責任公司',
  '有限公司',
  '集团',
  '集團',
  '股份',
  '公司',
  'a股',
  'h股',
  'b股',
] as const;

// Listing tails in brackets that fund issuers append: MSCI's "(HK-C)" Stock Connect marker and similar.
const BRACKETED_TAIL = /\s*[(（]\s*(?:hk|sz|sh|sh-hk|sz-hk)\s*-?\s*c\s*[)）]\s*$/u;

/**
 * Words dropped from the end of a name, repeatedly: legal forms in English, share classes and
 * listing markers ("Class A", "A", "-W", "ADR", "Series C Preferred"), and "group" (集团).
 */
const TAIL_WORDS: ReadonlySet<string> = new Set([
  // legal forms
  'co',
  'company',
  'corp',
  'corporation',
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'plc',
  'llc',
  'lp',
  'sa',
  'ag',
  'nv',
  'se',
  'spa',
  'bhd',
  'tbk',
  'group',
  // share classes and listing markers
  'a',
  'b',
  'c',
  'h',
  'w',
  'class',
  'cl',
  'series',
  'preferred',
  'pref',
  'ordinary',
  'shares',
  'share',
  'adr',
  'ads',
  'gdr',
  'sponsored',
  'spon',
  'sp',
  'reg',
  'registered',
  'npv',
]);

/**
 * Abbreviations data vendors use in security names (Bloomberg "DIGITAL TECH-A", "HLDGS"), read as the
 * full word on both sides. Only unambiguous ones: "elec" could be electric or electronic, so it stays.
 */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    tech: 'technology',
    techn: 'technology',
    technol: 'technology',
    technologies: 'technology',
    tec: 'technology',
    intl: 'international',
    hldgs: 'holdings',
    hldg: 'holdings',
    hlds: 'holdings',
    holding: 'holdings',
    grp: 'group',
    info: 'information',
    sci: 'science',
    dig: 'digital',
    digi: 'digital',
    mfg: 'manufacturing',
    pharm: 'pharmaceutical',
    pharma: 'pharmaceutical',
    pharmaceuticals: 'pharmaceutical',
  }),
);

const HAN = /\p{Script=Han}/u;

/** Whether a normalised word only says a legal form or share class ("ltd", "class", "a"). */
export function isFormWord(word: string): boolean {
  return TAIL_WORDS.has(word);
}

/**
 * Cyrillic and Greek letters drawn like Latin ones (the confusables of Unicode TR39 that matter for
 * Latin names), after case folding: "hаngzhou" with a Cyrillic а is "hangzhou".
 */
const CONFUSABLE_LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  μ: 'm',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ζ: 'z',
};
const CONFUSABLE = /[аверкмнорстухёіїјѕԁԛԝһӏαβεηικμνορτυχζ]/u;
const LATIN = /[a-z]/;
const OTHER_CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

/**
 * Replaces look-alike Cyrillic and Greek letters in a word that mixes them with Latin letters, or that
 * is made of look-alikes only (a whole word spelt to pass as Latin). A word of real Russian or Greek,
 * which has letters no Latin letter looks like, is left as it is.
 */
function foldConfusables(folded: string): string {
  if (!CONFUSABLE.test(folded)) return folded;
  return folded.replace(/[\p{L}\p{M}]+/gu, (word) => {
    if (!CONFUSABLE.test(word)) return word;
    const mapped = [...word].map((ch) => CONFUSABLE_LATIN[ch] ?? ch).join('');
    return LATIN.test(word) || !OTHER_CYRILLIC_OR_GREEK.test(mapped) ? mapped : word;
  });
}

/** Printable ASCII and the controls: no diacritic, compatibility form, confusable or Han character to fold. */
const ASCII = /^[^\u0080-\uffff]*$/;

/** Case-folds and removes diacritics, compatibility forms (full-width letters become ASCII) and confusable letters. */
export function foldText(text: string): string {
  // Most names are ASCII, which both normalisations leave as it is: only the case folds.
  if (ASCII.test(text)) return text.toLowerCase();
  return foldConfusables(
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .normalize('NFKC')
      .toLowerCase(),
  );
}

function stripChineseTails(word: string): string {
  let current = word;
  for (let changed = true; changed;) {
    changed = false;
    for (const tail of CHINESE_TAILS) {
      if (current.length > tail.length && current.endsWith(tail)) {
        current = current.slice(0, -tail.length);
        changed = true;
      }
    }
  }
  return current;
}

/** Splits a folded string into words: runs of Latin letters/digits, and runs of Han characters. */
function splitWords(folded: string): string[] {
  const words: string[] = [];
  for (const run of folded.split(/[^\p{L}\p{N}]+/u)) {
    if (run === '') continue;
    // Split a run where Han meets Latin ("国投智能xiamen"), so each script is a word of its own.
    let start = 0;
    for (let i = 1; i <= run.length; i++) {
      if (i === run.length || HAN.test(run[i] ?? '') !== HAN.test(run[i - 1] ?? '')) {
        words.push(run.slice(start, i));
        start = i;
      }
    }
  }
  return words;
}

/**
 * The runs of a-z and 0-9 of folded ASCII text, in one pass, each read as its full word when it is an
 * abbreviation: splitWords then ABBREVIATIONS for ASCII, which folded has no capitals in and no Han
 * character to split at. No word is empty.
 */
function asciiWords(folded: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= folded.length; i++) {
    const code = i < folded.length ? folded.charCodeAt(i) : 0;
    const inWord = (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      const word = folded.slice(start, i);
      words.push(ABBREVIATIONS.get(word) ?? word);
      start = -1;
    }
  }
  return words;
}

/** What normalizeName gives, by normalizeName or by a table of what it gave (normalizerWith). */
export type NameNormalizer = (text: string) => NormalizedName;

/**
 * normalizeName that looks a text up in `known` first: its words as normalizeName gave them when the
 * build made the table (the bundled list's and funds' names, dataset/bundled.ts), so that a start does not
 * normalise them again (the Han, diacritic and confusable-letter paths, and their regular expressions,
 * are then compiled only for a holding that needs them). A text not in the table is normalised.
 */
export function normalizerWith(known: ReadonlyMap<string, readonly string[]>): NameNormalizer {
  return (text) => {
    const tokens = known.get(text);
    return tokens === undefined ? normalizeName(text) : { tokens, key: tokens.join(' '), compact: tokens.join('') };
  };
}

/**
 * The text normalizeName was last given, and what it gave: a holding's name that matches nothing is
 * normalised by the matcher and then at once by the fund recogniser (screen.ts), so the second is a
 * look-up. The result is never changed by anyone (its words are read-only), so sharing it is safe.
 */
let lastText: string | null = null;
let lastName: NormalizedName = { tokens: [], key: '', compact: '' };
let lastFolded = '';

/** Normalises a security or organisation name for matching. */
export function normalizeName(text: string): NormalizedName {
  if (text === lastText) return lastName;
  // Most names are ASCII: their fold is only the case, and the general path's ASCII test, '&' and
  // bracketed-tail replacements are mostly answered by a look at the text (asciiName).
  const ascii = ASCII.test(text);
  const folded = ascii ? text.toLowerCase() : foldText(text);
  const name = ascii ? asciiName(folded) : normalizeFolded(folded);
  lastText = text;
  lastFolded = folded;
  lastName = name;
  return name;
}

/**
 * foldText of a text, kept from normalizeName when that was the last text it normalised: the matcher
 * folds each new name for its letter-for-letter look-up right after normalising it.
 */
export function foldName(text: string): string {
  return text === lastText ? lastFolded : foldText(text);
}

/**
 * normalizeFolded of folded ASCII text (what foldText gives an ASCII text), without running a regular
 * expression that cannot match: the '&' replacement when there is no '&', the bracketed tail when the
 * text does not end in ')' (BRACKETED_TAIL ends in a bracket and white space, which in ASCII is one of
 * \t \n \v \f \r and space). A test holds it equal to normalizeFolded.
 */
export function asciiName(folded: string): NormalizedName {
  let text = folded.indexOf('&') < 0 ? folded : folded.replace(/&/g, ' and ');
  if (endsInBracket(text)) text = text.replace(BRACKETED_TAIL, '');
  const tokens = asciiWords(text);
  dropTailWords(tokens);
  return { tokens, key: tokens.join(' '), compact: tokens.join('') };
}

/** Whether ASCII text ends in ')' and white space: only such a text can end in BRACKETED_TAIL. */
function endsInBracket(text: string): boolean {
  let i = text.length - 1;
  for (; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && (code < 0x09 || code > 0x0d)) break;
  }
  return text.charCodeAt(i) === 0x29;
}

/** normalizeName of the text that foldText gave `foldedText`. */
export function normalizeFolded(foldedText: string): NormalizedName {
  const folded = foldedText.replace(/&/g, ' and ').replace(BRACKETED_TAIL, '');
  if (ASCII.test(folded)) {
    // asciiWords gives no empty word: nothing to filter out.
    const tokens = asciiWords(folded);
    dropTailWords(tokens);
    return { tokens, key: tokens.join(' '), compact: tokens.join('') };
  }
  const words = splitWords(folded)
    .map((w) => (HAN.test(w) ? stripChineseTails(w) : (ABBREVIATIONS.get(w) ?? w)))
    // "海康威视 股份有限公司": a legal form written as a word of its own.
    .filter((w, i) => i === 0 || !HAN.test(w) || stripChineseTails(`x${w}`) !== 'x');
  dropTailWords(words);
  const tokens = words.filter((w) => w !== '');
  return { tokens, key: tokens.join(' '), compact: tokens.join('') };
}

/** Drops legal-form and share-class words from the end, but never the first word: "A" alone or "Group" alone stays a name. */
function dropTailWords(words: string[]): void {
  while (words.length > 1 && TAIL_WORDS.has(words[words.length - 1] ?? '')) words.pop();
}
