// XML holdings statements: IBKR Flex Query, SEC Form 13F information table, SEC Form N-PORT.
// A small XML reader of our own (no dependency): elements, attributes, text, CDATA, comments,
// processing instructions, a DOCTYPE skipped, the five predefined entities and character
// references. Namespace prefixes are dropped, so `ns1:infoTable` and `infoTable` are one name.
// Pure: no I/O.

import { InputError } from '../errors.js';
import type { Concept, RawHolding, SkippedRow } from '../model.js';

export type XmlKind = 'ibkr-flex' | 'sec-13f' | 'sec-nport';

export interface XmlHoldings {
  readonly kind: XmlKind;
  readonly rows: RawHolding[];
  readonly skipped: SkippedRow[];
  /** "as of YYYY-MM-DD" (or the file's own date text) when the file states a date. */
  readonly asOfText: string | null;
  /** Names the file gives itself (N-PORT series and registrant), which can name the fund. */
  readonly titles: string[];
}

/** One element of the document: local name (prefix dropped), attributes by local name, direct text. */
export interface XmlElement {
  readonly name: string;
  /** 1-based line of the `<` that opens the element. */
  readonly line: number;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** The element's own text and CDATA, concatenated, entities decoded (children's text excluded). */
  readonly text: string;
}

const SYNTAX_HINT = 'the file is not well-formed XML (cut short or edited by hand?): download or export it again';

function syntaxError(file: string, line: number, what: string): InputError {
  return new InputError('XML_SYNTAX', file, line, `${file}:${line}: ${what}`, { hint: SYNTAX_HINT });
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

type Token =
  | { readonly kind: 'open'; readonly qname: string; readonly attrs: ReadonlyMap<string, string>; readonly selfClosing: boolean; readonly line: number }
  | { readonly kind: 'close'; readonly qname: string; readonly line: number }
  | { readonly kind: 'text'; readonly text: string; readonly line: number }
  | { readonly kind: 'doctype'; readonly line: number };

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_.:\u00B7\u00C0-\uFFFF]*/y;
const SPACE = /[ \t\r\n]*/y;
const REFERENCE = /&(?:#x([0-9A-Fa-f]{1,8})|#([0-9]{1,10})|([A-Za-z_][-A-Za-z0-9_.]{0,31}));/y;
const PREDEFINED: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** The part of a qualified name after its prefix: `ns1:infoTable` → `infoTable`. */
function localName(qname: string): string {
  const colon = qname.lastIndexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** Line breaks as XML reads them: \r\n and a lone \r are \n. */
function normalizeBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Attribute-value normalisation: literal tabs and line breaks read as spaces. */
function normalizeAttributeSpace(text: string): string {
  return text.replace(/\r\n|[\t\n\r]/g, ' ');
}

/** Whether a code point is an XML character. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

class Tokenizer {
  private pos = 0;
  // Line counting: positions are asked for in increasing order, so the count moves forward.
  private countedTo = 0;
  private countedLine = 1;

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  /** 1-based line of an offset. */
  lineAt(offset: number): number {
    if (offset < this.countedTo) {
      this.countedTo = 0;
      this.countedLine = 1;
    }
    const t = this.text;
    let line = this.countedLine;
    for (let i = this.countedTo; i < offset && i < t.length; i++) {
      const c = t.charCodeAt(i);
      // \n, and a \r that is not the first half of \r\n.
      if (c === 10 || (c === 13 && t.charCodeAt(i + 1) !== 10)) line++;
    }
    this.countedTo = Math.max(this.countedTo, Math.min(offset, t.length));
    this.countedLine = line;
    return line;
  }

  /** The line the reader has reached (for errors at the end of the file). */
  lastLine(): number {
    return this.lineAt(this.text.length);
  }

  private fail(offset: number, what: string): InputError {
    return syntaxError(this.file, this.lineAt(offset), what);
  }

  /**
   * Decodes entity and character references in `raw`, which starts at `offset` in the file;
   * `literal` rewrites the text between references (line-break or attribute normalisation), so a
   * character reference keeps the character it names.
   */
  private decode(raw: string, offset: number, literal: (text: string) => string): string {
    if (!raw.includes('&')) return literal(raw);
    let out = '';
    let from = 0;
    for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', from)) {
      out += literal(raw.slice(from, amp));
      REFERENCE.lastIndex = amp;
      const m = REFERENCE.exec(raw);
      if (m === null) throw this.fail(offset + amp, `"&" that starts no entity (write it as &amp;): "${raw.slice(amp, amp + 12)}"`);
      const [whole, hex, dec, named] = m;
      if (named !== undefined) {
        const value = PREDEFINED.get(named);
        if (value === undefined) throw this.fail(offset + amp, `unknown entity &${named}; (XML knows only &amp; &lt; &gt; &quot; &apos;)`);
        out += value;
      } else {
        const cp = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec ?? '', 10);
        if (!Number.isFinite(cp) || !isXmlChar(cp)) throw this.fail(offset + amp, `character reference ${whole} is not an XML character`);
        out += String.fromCodePoint(cp);
      }
      from = amp + whole.length;
    }
    return out + literal(raw.slice(from));
  }

  private readName(at: number): string | null {
    NAME.lastIndex = at;
    const m = NAME.exec(this.text);
    return m === null ? null : m[0];
  }

  private skipSpace(at: number): number {
    SPACE.lastIndex = at;
    SPACE.exec(this.text);
    return SPACE.lastIndex;
  }

  /** The next token, or null at the end of the text. Comments and processing instructions are skipped. */
  next(): Token | null {
    const t = this.text;
    for (;;) {
      const start = this.pos;
      if (start >= t.length) return null;
      if (t.charCodeAt(start) !== 60 /* < */) {
        const lt = t.indexOf('<', start);
        const end = lt < 0 ? t.length : lt;
        this.pos = end;
        const raw = t.slice(start, end);
        return { kind: 'text', text: this.decode(raw, start, normalizeBreaks), line: this.lineAt(start) };
      }
      if (t.startsWith('<!--', start)) {
        const end = t.indexOf('-->', start + 4);
        if (end < 0) throw this.fail(start, 'comment "<!--" is never closed with "-->"');
        this.pos = end + 3;
        continue;
      }
      if (t.startsWith('<![CDATA[', start)) {
        const end = t.indexOf(']]>', start + 9);
        if (end < 0) throw this.fail(start, 'CDATA section "<![CDATA[" is never closed with "]]>"');
        this.pos = end + 3;
        return { kind: 'text', text: normalizeBreaks(t.slice(start + 9, end)), line: this.lineAt(start) };
      }
      if (t.startsWith('<?', start)) {
        const end = t.indexOf('?>', start + 2);
        if (end < 0) throw this.fail(start, 'processing instruction "<?" is never closed with "?>"');
        this.pos = end + 2;
        continue;
      }
      if (t.slice(start, start + 9).toUpperCase() === '<!DOCTYPE') {
        this.pos = this.skipDoctype(start);
        return { kind: 'doctype', line: this.lineAt(start) };
      }
      if (t.startsWith('<!', start)) throw this.fail(start, `unknown markup "${t.slice(start, start + 12)}"`);
      if (t.startsWith('</', start)) return this.readEndTag(start);
      return this.readStartTag(start);
    }
  }

  /** Skips `<!DOCTYPE …>` with its internal subset; returns the offset after it. */
  private skipDoctype(start: number): number {
    const t = this.text;
    let depth = 0;
    let quote: string | null = null;
    for (let i = start + 9; i < t.length; i++) {
      const c = t[i];
      if (quote !== null) {
        if (c === quote) quote = null;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '[') depth++;
      else if (c === ']') depth = Math.max(0, depth - 1);
      else if (c === '>' && depth === 0) return i + 1;
    }
    throw this.fail(start, '"<!DOCTYPE" is never closed with ">"');
  }

  private readEndTag(start: number): Token {
    const qname = this.readName(start + 2);
    if (qname === null) throw this.fail(start, `end tag "${this.text.slice(start, start + 12)}" has no element name`);
    const after = this.skipSpace(start + 2 + qname.length);
    if (this.text[after] !== '>') throw this.fail(start, `end tag </${qname}> is not closed with ">"`);
    this.pos = after + 1;
    return { kind: 'close', qname, line: this.lineAt(start) };
  }

  private readStartTag(start: number): Token {
    const t = this.text;
    const line = this.lineAt(start);
    const qname = this.readName(start + 1);
    if (qname === null) throw this.fail(start, `"<" not followed by an element name (write a literal "<" as &lt;): "${t.slice(start, start + 12)}"`);
    const attrs = new Map<string, string>();
    const seen = new Set<string>();
    let at = start + 1 + qname.length;
    for (;;) {
      const afterSpace = this.skipSpace(at);
      if (t.startsWith('/>', afterSpace)) {
        this.pos = afterSpace + 2;
        return { kind: 'open', qname, attrs, selfClosing: true, line };
      }
      if (t[afterSpace] === '>') {
        this.pos = afterSpace + 1;
        return { kind: 'open', qname, attrs, selfClosing: false, line };
      }
      if (afterSpace >= t.length) throw this.fail(start, `start tag <${qname}> is never closed with ">"`);
      if (afterSpace === at) throw this.fail(afterSpace, `unexpected "${t.slice(afterSpace, afterSpace + 12)}" in start tag <${qname}>`);
      const name = this.readName(afterSpace);
      if (name === null) throw this.fail(afterSpace, `unexpected "${t.slice(afterSpace, afterSpace + 12)}" in start tag <${qname}>`);
      let i = this.skipSpace(afterSpace + name.length);
      if (t[i] !== '=') throw this.fail(i, `attribute ${name} of <${qname}> has no "=" and value`);
      i = this.skipSpace(i + 1);
      const quote = t[i];
      if (quote !== '"' && quote !== "'") throw this.fail(i, `value of attribute ${name} of <${qname}> is not in quotes`);
      const close = t.indexOf(quote, i + 1);
      const raw = close < 0 ? '' : t.slice(i + 1, close);
      const lt = raw.indexOf('<');
      if (close < 0 || lt >= 0) throw this.fail(i, `value of attribute ${name} of <${qname}> is never closed with ${quote}`);
      if (seen.has(name)) throw this.fail(afterSpace, `attribute ${name} appears twice in <${qname}>`);
      seen.add(name);
      // Namespace declarations are not data; prefixes are dropped from attribute names too.
      if (name !== 'xmlns' && !name.startsWith('xmlns:')) {
        const local = localName(name);
        if (!attrs.has(local)) attrs.set(local, this.decode(raw, i + 1, normalizeAttributeSpace));
      }
      at = close + 1;
    }
  }
}

interface MutableElement {
  readonly name: string;
  readonly qname: string;
  readonly line: number;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: MutableElement[];
  text: string;
}

/** A leading byte-order mark is dropped; whitespace before the first markup is tolerated (SEC files start with a newline). */
function stripLead(text: string): string {
  return text.replace(/^\uFEFF/, '');
}

/**
 * Local name of the root element, or null when the text does not start like an XML document
 * (or its prolog is already broken: then it is no statement we know either).
 */
function peekRoot(file: string, text: string): string | null {
  const tokens = new Tokenizer(file, stripLead(text));
  try {
    for (let token = tokens.next(); token !== null; token = tokens.next()) {
      if (token.kind === 'open') return localName(token.qname);
      if (token.kind === 'close' || (token.kind === 'text' && token.text.trim() !== '')) return null;
    }
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
  return null;
}

/**
 * Parses a whole document into elements. Throws InputError `XML_SYNTAX` with the line for anything
 * that is not well-formed: unclosed or crossed tags, text or a second element outside the root,
 * unknown entities, unquoted attributes.
 */
export function parseXml(file: string, text: string): XmlElement {
  const tokens = new Tokenizer(file, stripLead(text));
  const stack: MutableElement[] = [];
  let root: MutableElement | null = null;
  for (let token = tokens.next(); token !== null; token = tokens.next()) {
    const parent = stack[stack.length - 1];
    switch (token.kind) {
      case 'doctype':
        if (root !== null) throw syntaxError(file, token.line, '<!DOCTYPE> after the root element');
        break;
      case 'text':
        if (parent !== undefined) parent.text += token.text;
        else if (token.text.trim() !== '') {
          // The line of the first visible character, not of the line break before it.
          const lead = /^\s*/.exec(token.text)?.[0] ?? '';
          const line = token.line + lead.split('\n').length - 1;
          throw syntaxError(file, line, `text outside the root element: "${token.text.trim().slice(0, 40)}"`);
        }
        break;
      case 'open': {
        const element: MutableElement = { name: localName(token.qname), qname: token.qname, line: token.line, attrs: token.attrs, children: [], text: '' };
        if (parent !== undefined) parent.children.push(element);
        else if (root === null) root = element;
        else throw syntaxError(file, token.line, `second root element <${token.qname}> after </${root.qname}>`);
        if (!token.selfClosing) stack.push(element);
        break;
      }
      case 'close':
        if (parent === undefined) throw syntaxError(file, token.line, `end tag </${token.qname}> without a start tag`);
        if (parent.qname !== token.qname) {
          throw syntaxError(file, token.line, `end tag </${token.qname}> where </${parent.qname}> (opened on line ${parent.line}) was expected`);
        }
        stack.pop();
        break;
    }
  }
  const open = stack[stack.length - 1];
  if (open !== undefined) throw syntaxError(file, open.line, `<${open.qname}> is never closed (the file may be cut short)`);
  if (root === null) throw syntaxError(file, tokens.lastLine(), 'no root element');
  return root;
}

// ---------------------------------------------------------------------------------------------
// Queries (iterative: a deeply nested file cannot overflow the stack)

function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** Element at a path of direct children. */
function path(element: XmlElement | undefined, ...names: readonly string[]): XmlElement | undefined {
  let current = element;
  for (const name of names) current = child(current, name);
  return current;
}

/** Trimmed text of an element, null when absent or empty. */
function textOf(element: XmlElement | undefined): string | null {
  const t = element?.text.trim() ?? '';
  return t === '' ? null : t;
}

function attr(element: XmlElement | undefined, name: string): string | null {
  const t = element?.attrs.get(name)?.trim() ?? '';
  return t === '' ? null : t;
}

/** Descendants named `name` in document order, not looking inside a match. */
function findAll(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const pending: XmlElement[] = [root];
  for (let e = pending.pop(); e !== undefined; e = pending.pop()) {
    if (e.name === name && e !== root) {
      found.push(e);
      continue;
    }
    for (let i = e.children.length - 1; i >= 0; i--) {
      const c = e.children[i];
      if (c !== undefined) pending.push(c);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Rows

/** Order of `raw`: the row's cells as a person reads them, security first. */
const RAW_ORDER: readonly Concept[] = ['name', 'ticker', 'isin', 'cusip', 'sedol', 'exchange', 'quantity', 'value', 'weight', 'currency', 'account', 'assetClass'];

function makeRow(file: string, line: number, values: Readonly<Partial<Record<Concept, string | null>>>, context: string | null): RawHolding {
  const cells: Partial<Record<Concept, string>> = {};
  const raw: string[] = [];
  for (const concept of RAW_ORDER) {
    const value = values[concept]?.trim();
    if (value === undefined || value === '') continue;
    cells[concept] = value;
    raw.push(value);
  }
  return { file, line, cells, raw, context };
}

/** "as of YYYY-MM-DD" for an ISO or YYYYMMDD date; the text itself after "as of" otherwise. */
function asOf(date: string | null): string | null {
  if (date === null) return null;
  const compact = /^(\d{4})(\d{2})(\d{2})(?:;\d{6})?$/.exec(date);
  if (compact !== null) return `as of ${compact[1]}-${compact[2]}-${compact[3]}`;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T; ].*)?$/.exec(date);
  return `as of ${iso?.[1] ?? date}`;
}

function readIbkr(file: string, root: XmlElement): XmlHoldings {
  const rows: RawHolding[] = [];
  const skipped: SkippedRow[] = [];
  let date: string | null = null;
  const statements = root.name === 'FlexStatement' ? [root] : findAll(root, 'FlexStatement');
  for (const statement of statements) {
    date ??= attr(statement, 'reportDate') ?? attr(statement, 'toDate');
    const positions = findAll(statement, 'OpenPosition');
    // A query with lot detail repeats each position as a SUMMARY line and its LOT lines: the lots are
    // set aside when their summary is there, so the position is not counted twice.
    const key = (p: XmlElement): string => [attr(p, 'accountId') ?? attr(statement, 'accountId'), attr(p, 'conid') ?? attr(p, 'symbol')].join('\u0000');
    const summarised = new Set(positions.filter((p) => attr(p, 'levelOfDetail')?.toUpperCase() === 'SUMMARY').map(key));
    for (const p of positions) {
      date ??= attr(p, 'reportDate');
      const account = attr(p, 'accountId') ?? attr(statement, 'accountId');
      const row = makeRow(
        file,
        p.line,
        {
          name: attr(p, 'description'),
          ticker: attr(p, 'symbol'),
          isin: attr(p, 'isin'),
          cusip: attr(p, 'cusip'),
          quantity: attr(p, 'position'),
          value: attr(p, 'positionValue'),
          weight: attr(p, 'percentOfNAV'),
          currency: attr(p, 'currency'),
          account,
          assetClass: attr(p, 'assetCategory'),
          // IBKR's exchange code: SEHKSZSE and SEHKNTL are the Shenzhen and Shanghai Stock Connect lines.
          exchange: attr(p, 'listingExchange'),
        },
        account,
      );
      if (attr(p, 'levelOfDetail')?.toUpperCase() === 'LOT' && summarised.has(key(p))) {
        skipped.push({ file, line: p.line, reason: 'total', text: `lot of ${row.raw[0] ?? 'a position'}`.slice(0, 120), value: null });
      } else {
        rows.push(row);
      }
    }
  }
  return { kind: 'ibkr-flex', rows, skipped, asOfText: asOf(date), titles: [] };
}

function read13f(file: string, root: XmlElement): XmlHoldings {
  const rows = findAll(root, 'infoTable').map((t) =>
    makeRow(
      file,
      t.line,
      {
        name: textOf(child(t, 'nameOfIssuer')),
        cusip: textOf(child(t, 'cusip')),
        quantity: textOf(path(t, 'shrsOrPrnAmt', 'sshPrnamt')),
        // Whole dollars in filings from 2023 on, thousands before: not rescaled here.
        value: textOf(child(t, 'value')),
        // A put or call on the security is not the security: its kind replaces the class.
        assetClass: textOf(child(t, 'putCall')) ?? textOf(child(t, 'titleOfClass')),
      },
      null,
    ),
  );
  return { kind: 'sec-13f', rows, skipped: [], asOfText: null, titles: [] };
}

const NO_CUSIP = /^(?:n\/?a|0{9})$/i;
const NO_ISIN = /^(?:n\/?a|0{12})$/i;

function readNport(file: string, root: XmlElement): XmlHoldings {
  const formData = child(root, 'formData');
  const genInfo = child(formData, 'genInfo');
  const rows = findAll(root, 'invstOrSec').map((s) => {
    // Only the position's own elements: a derivative's reference instrument nests another
    // name, cusip and identifiers inside derivativeInfo.
    const ids = child(s, 'identifiers');
    const cusip = textOf(child(s, 'cusip'));
    const isin = attr(child(ids, 'isin'), 'value');
    return makeRow(
      file,
      s.line,
      {
        name: textOf(child(s, 'name')),
        ticker: attr(child(ids, 'ticker'), 'value'),
        isin: isin !== null && NO_ISIN.test(isin) ? null : isin,
        cusip: cusip !== null && NO_CUSIP.test(cusip) ? null : cusip,
        quantity: textOf(child(s, 'balance')),
        value: textOf(child(s, 'valUSD')),
        weight: textOf(child(s, 'pctVal')),
        currency: textOf(child(s, 'curCd')) ?? attr(child(s, 'currencyConditional'), 'curCd'),
        assetClass: textOf(child(s, 'assetCat')) ?? attr(child(s, 'assetConditional'), 'assetCat'),
      },
      null,
    );
  });
  const titles = [textOf(child(genInfo, 'seriesName')), textOf(child(genInfo, 'regName'))].filter((t): t is string => t !== null);
  return { kind: 'sec-nport', rows, skipped: [], asOfText: asOf(textOf(child(genInfo, 'repPdDate'))), titles: [...new Set(titles)] };
}

/**
 * Reads an XML holdings statement. Null when the text is XML of no known kind (an HTML page, a 13F
 * cover page, any other document); the rows otherwise. Throws InputError `XML_SYNTAX`, with the
 * line, when a known kind of file is not well-formed.
 */
export function readXmlHoldings(file: string, text: string): XmlHoldings | null {
  switch (peekRoot(file, text)) {
    case 'FlexQueryResponse':
    case 'FlexStatements':
    case 'FlexStatement':
      return readIbkr(file, parseXml(file, text));
    case 'informationTable':
      return read13f(file, parseXml(file, text));
    case 'edgarSubmission': {
      const root = parseXml(file, text);
      const formData = child(root, 'formData');
      if (child(formData, 'genInfo') === undefined && child(formData, 'invstOrSecs') === undefined) return null;
      return readNport(file, root);
    }
    default:
      return null;
  }
}
