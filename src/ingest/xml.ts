// XML holdings statements: IBKR Flex Query, SEC Form 13F information table, SEC Form N-PORT.
// Parsed as a stream with saxes (elements, attributes, text, CDATA, comments, processing
// instructions; a DOCTYPE is passed over and nothing it declares is used: the five predefined
// entities and character references are the only ones known). Only the elements a row needs are
// kept, and each is let go once its row is made, so memory stays flat whatever the file's size.
// Namespace prefixes are dropped, so `ns1:infoTable` and `infoTable` are one name. Pure: no I/O.

import { createRequire } from 'node:module';
import type { SaxesParser, SaxesTagPlain } from 'saxes';
import { InputError } from '../errors.js';
import type { Concept, RawHolding, SkippedRow, TableInfo } from '../model.js';
import type { EncodingName } from './decode.js';
import type { SegmentSummary } from './tables.js';
import { CONCEPTS, matchHeader } from './columns.js';

export type XmlKind = 'ibkr-flex' | 'sec-13f' | 'sec-nport';

export interface XmlHoldings {
  readonly kind: XmlKind;
  readonly rows: RawHolding[];
  readonly skipped: SkippedRow[];
  /** "as of YYYY-MM-DD" (or the file's own date text) when the file states a date. */
  readonly asOfText: string | null;
  /** The line of the element that states the date; null when none does. */
  readonly asOfLine: number | null;
  /** Names the file gives itself (N-PORT series and registrant), which can name the fund. */
  readonly titles: string[];
  /** The table its rows are, as inspect shows a CSV table: the row element, its fields mapped and why. */
  readonly table: TableInfo;
}

/**
 * What a statement's rows are read from, as a CSV table's header says it: the attributes or elements of a
 * row (IBKR's OpenPosition attributes, a 13F infoTable's elements), which concept each is, and why.
 */
export interface XmlTable {
  readonly headers: readonly string[];
  readonly columns: Readonly<Partial<Record<Concept, number>>>;
  readonly why: Readonly<Partial<Record<Concept, string>>>;
  /** The currency the value's name states (N-PORT's valUSD). */
  readonly valueCurrency?: string;
}

/** What a streamed statement was, once read to the end: its rows went to the sink. */
export interface XmlSummary {
  readonly kind: XmlKind;
  readonly asOfText: string | null;
  /** The line of the element that states the date; null when none does. */
  readonly asOfLine: number | null;
  readonly titles: string[];
  /** Line of the first row, null when there was none. */
  readonly firstRowLine: number | null;
  /** How the rows' cells were read: the first row's, when the rows name their fields (IBKR's attributes). */
  readonly table: XmlTable;
}

/** Where a streamed statement's rows go, in file order. */
export interface XmlSink {
  row(row: RawHolding): void;
  skip(row: SkippedRow): void;
}

/** A statement read chunk by chunk: `end` gives its summary, or null when it is XML of no known kind. */
export interface XmlHoldingsReader {
  write(text: string): void;
  end(): XmlSummary | null;
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

/** Characters of one tag, text run, comment or DOCTYPE: more is no holdings statement, and memory stays bounded. */
const MAX_XML_CONSTRUCT = 4 * 1024 * 1024;
/** Elements open at once. */
const MAX_XML_DEPTH = 100_000;
/** Elements and characters of text kept for one row (an infoTable or invstOrSec has a few dozen). */
const MAX_ROW_ELEMENTS = 10_000;
const MAX_ROW_TEXT = 1024 * 1024;

const SYNTAX_HINT = 'the file is not well-formed XML (cut short or edited by hand?): download or export it again';

function syntaxError(file: string, line: number, what: string): InputError {
  return new InputError('XML_SYNTAX', file, line, `${file}:${line}: ${what}`, { hint: SYNTAX_HINT });
}

/** The part of a qualified name after its prefix: `ns1:infoTable` → `infoTable`. */
function localName(qname: string): string {
  const colon = qname.lastIndexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** Line breaks in a text as XML counts them: \r\n, \r and \n each once. */
function breaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Saying what is wrong. saxes finds the error; the words and the line are ours: the line of the
// construct that is wrong (where a comment opens, not the end of the file it runs to), from the
// text of that construct, which the reader keeps until the construct is complete.

const NAME = /^[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_.:\u00B7\u00C0-\uFFFF]*/;
const REFERENCE = /&(?:#x([0-9A-Fa-f]{1,8})|#([0-9]{1,10})|([A-Za-z_][-A-Za-z0-9_.]{0,31}));/y;
const PREDEFINED: ReadonlySet<string> = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex -- the C0 controls XML 1.0 forbids are what it looks for
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a code point is an XML character. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** The first reference in `text` that is not one XML knows, with its offset. */
function badReference(text: string): { offset: number; what: string } | null {
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', amp + 1)) {
    REFERENCE.lastIndex = amp;
    const m = REFERENCE.exec(text);
    if (m === null) return { offset: amp, what: `"&" that starts no entity (write it as &amp;): "${text.slice(amp, amp + 12)}"` };
    const [whole, hex, dec, named] = m;
    if (named !== undefined) {
      if (!PREDEFINED.has(named)) return { offset: amp, what: `unknown entity &${named}; (XML knows only &amp; &lt; &gt; &quot; &apos;)` };
      continue;
    }
    const cp = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec ?? '', 10);
    if (!Number.isFinite(cp) || !isXmlChar(cp)) return { offset: amp, what: `character reference ${whole} is not an XML character` };
  }
  return null;
}

interface OpenElement {
  readonly qname: string;
  readonly line: number;
}

interface Context {
  readonly open: readonly OpenElement[];
  /** The element saxes closed on the way to the error (the end tag did not match it). */
  readonly popped: OpenElement | null;
  readonly root: string | null;
  readonly rootClosed: boolean;
  readonly atEnd: boolean;
}

/** The error in `text` (the unfinished construct, starting on `line`), in our words. */
function diagnose(file: string, text: string, line: number, reason: string, ctx: Context): InputError {
  const lead = /^[ \t\r\n]*/.exec(text)?.[0] ?? '';
  const at = line + breaks(lead);
  const rest = text.slice(lead.length);
  const fail = (l: number, what: string): InputError => syntaxError(file, l, what);
  const excerpt = (t: string): string => t.slice(0, 12);
  const lineOf = (offset: number): number => at + breaks(rest.slice(0, offset));
  if (rest.startsWith('<!--')) {
    if (rest.indexOf('-->', 4) < 0 && ctx.atEnd) return fail(at, 'comment "<!--" is never closed with "-->"');
    const dashes = rest.indexOf('--', 4);
    return dashes >= 0 && rest[dashes + 2] !== '>'
      ? fail(lineOf(dashes), '"--" inside a comment (a comment ends at "-->")')
      : fail(at, 'comment "<!--" is never closed with "-->"');
  }
  if (rest.startsWith('<![CDATA[')) {
    if (ctx.open.length === 0) return fail(at, 'CDATA section outside the root element');
    return fail(at, 'CDATA section "<![CDATA[" is never closed with "]]>"');
  }
  if (rest.startsWith('<?')) {
    if (ctx.atEnd && !rest.includes('?>')) return fail(at, 'processing instruction "<?" is never closed with "?>"');
    return fail(
      at,
      `processing instruction "${excerpt(rest)}" is not well-formed (an XML declaration comes first in the file, and "<?" is followed by a name)`,
    );
  }
  if (/^<!DOCTYPE/i.test(rest)) {
    if (ctx.root !== null) return fail(at, '<!DOCTYPE> after the root element');
    return fail(at, ctx.atEnd ? '"<!DOCTYPE" is never closed with ">"' : 'a second or misplaced <!DOCTYPE>');
  }
  if (rest.startsWith('<!')) return fail(at, `unknown markup "${excerpt(rest)}"`);
  if (rest.startsWith('</')) {
    const name = /^<\/([^\s></]*)/.exec(rest)?.[1] ?? '';
    if (name === '') return fail(at, `end tag "${excerpt(rest)}" has no element name`);
    const expected = ctx.popped;
    if (expected !== null && expected.qname !== name) {
      return fail(at, `end tag </${name}> where </${expected.qname}> (opened on line ${expected.line}) was expected`);
    }
    if (expected === null && ctx.open.length === 0) return fail(at, `end tag </${name}> without a start tag`);
    return fail(at, `end tag </${name}> is not closed with ">"`);
  }
  if (rest.startsWith('<')) {
    const name = NAME.exec(rest.slice(1))?.[0];
    if (name === undefined) return fail(at, `"<" not followed by an element name (write a literal "<" as &lt;): "${excerpt(rest)}"`);
    if (ctx.rootClosed && ctx.open.length === 0) return fail(at, `second root element <${name}> after </${ctx.root ?? ''}>`);
    const close = rest.indexOf('>');
    const tag = close < 0 ? rest : rest.slice(0, close + 1);
    const reference = badReference(tag);
    if (reference !== null) return fail(lineOf(reference.offset), `${reference.what} in start tag <${name}>`);
    if (ctx.atEnd && close < 0) return fail(at, `start tag <${name}> is never closed with ">"`);
    const duplicate = /^duplicate attribute: (.*)\.$/.exec(reason)?.[1];
    if (duplicate !== undefined) return fail(at, `attribute ${duplicate} appears twice in <${name}>`);
    if (/unquoted/.test(reason)) return fail(at, `an attribute value of <${name}> is not in quotes`);
    if (/without value/.test(reason)) return fail(at, `an attribute of <${name}> has no "=" and value`);
    if (/disallowed character\.$/.test(reason) && !NOT_XML_CHAR.test(tag))
      return fail(at, `an attribute value of <${name}> is never closed with its quote`);
    return fail(at, `start tag <${name}> is not well-formed`);
  }
  const textPart = rest.includes('<') ? rest.slice(0, rest.indexOf('<')) : rest;
  const reference = badReference(textPart);
  if (reference !== null) return fail(lineOf(reference.offset), reference.what);
  const control = NOT_XML_CHAR.exec(textPart);
  if (control !== null)
    return fail(
      lineOf(control.index),
      `a character XML does not allow (U+${(control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`,
    );
  if (ctx.open.length === 0 && textPart.trim() !== '') return fail(at, `text outside the root element: "${textPart.trim().slice(0, 40)}"`);
  if (textPart.includes(']]>')) return fail(lineOf(textPart.indexOf(']]>')), '"]]>" in text (write it as ]]&gt;)');
  const innermost = ctx.open[ctx.open.length - 1];
  if (ctx.atEnd && innermost !== undefined) return fail(innermost.line, `<${innermost.qname}> is never closed (the file may be cut short)`);
  return fail(at, 'the XML is not well-formed here');
}

// ---------------------------------------------------------------------------------------------
// The reader: saxes events into frames, the frames a statement asks for kept as elements.

interface MutableElement {
  readonly name: string;
  readonly line: number;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: MutableElement[];
  text: string;
}

interface Frame extends OpenElement {
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  /** The element being kept, when this frame is inside a kept subtree. */
  readonly node: MutableElement | null;
  /** Counts shared by every frame of one kept subtree. */
  readonly kept: { elements: number; text: number } | null;
  /** Whether this frame is the top of a kept subtree. */
  readonly keptRoot: boolean;
  /** Depth below the top of its kept subtree (0 at the top), -1 outside one. */
  readonly keptDepth: number;
}

/** Levels of a kept element held: the children and grandchildren a row reads (identifiers > isin, shrsOrPrnAmt > sshPrnamt). */
const KEPT_LEVELS = 2;

const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();

/** What a kind of statement does with the elements of the document. */
interface Statement {
  /** A start tag, complete; true to keep the element with everything in it. */
  open(frame: Frame, parents: readonly Frame[]): boolean;
  /** A kept element, complete. */
  kept(element: XmlElement, parents: readonly Frame[]): void;
  close(frame: Frame, parents: readonly Frame[]): void;
  /** At the end of the document: the summary, or null when it is not this kind after all. */
  end(): XmlSummary | null;
}

/** Thrown inside the parser to stop at a root of no known kind (caught by identity, never shown). */
const NOT_A_STATEMENT = new Error('not a statement');

type Saxes = typeof import('saxes');

function isSaxes(module: unknown): module is Saxes {
  return typeof module === 'object' && module !== null && 'SaxesParser' in module && typeof module.SaxesParser === 'function';
}

let saxes: Saxes | undefined;

/**
 * saxes, loaded the first time an XML file is read, and with require: it is CommonJS, and Node's import
 * of it runs the CommonJS export scanner over its 74 kB, ~45 ms of every run's start-up (a CSV screen's
 * whole budget) for a parser that CSV screens never use.
 */
function loadSaxes(): Saxes {
  if (saxes === undefined) {
    const module: unknown = createRequire(import.meta.url)('saxes');
    if (!isSaxes(module)) throw new Error('saxes: the installed package has no SaxesParser');
    saxes = module;
  }
  return saxes;
}

function attributesOf(tag: SaxesTagPlain): ReadonlyMap<string, string> {
  const entries = Object.entries(tag.attributes);
  if (entries.length === 0) return NO_ATTRIBUTES;
  const attrs = new Map<string, string>();
  for (const [name, value] of entries) {
    // Namespace declarations are not data; prefixes are dropped from attribute names too.
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const local = localName(name);
    if (!attrs.has(local)) attrs.set(local, value);
  }
  return attrs;
}

/**
 * Streams a document through saxes into a Statement chosen by the root element's name (null: no
 * known kind, and reading stops). Errors before the root is complete mean "not a statement"; after
 * it, InputError XML_SYNTAX with the line.
 */
function createReader(
  file: string,
  choose: (root: string) => Statement | null,
  keptLevels = KEPT_LEVELS,
): { write(text: string): void; end(): XmlSummary | null } {
  const parser: SaxesParser = new (loadSaxes().SaxesParser)({ xmlns: false, position: true });
  const stack: Frame[] = [];
  let statement: Statement | null = null;
  let root: string | null = null;
  let rootClosed = false;
  let stopped = false;
  let pendingLine = 1;
  let popped: Frame | null = null;
  // Where the construct being read starts: the text from there is kept to say what is wrong with it.
  let boundary = 0;
  let boundaryLine = 1;
  let closedAt: { at: number; line: number } | null = null;
  let fed = 0;
  let tail = '';
  let current = '';
  let ending = false;
  // Whitespace before the first markup is not given to saxes (it refuses an XML declaration after
  // it, and the SEC's files start with a newline): its line breaks are added to saxes' lines.
  let leading = true;
  let lineOffset = 0;

  const mark = (at: number, line: number): void => {
    boundary = at;
    boundaryLine = line + lineOffset;
  };
  // An end tag is complete only if saxes does not fail right after telling us of it (a crossed tag).
  const settle = (): void => {
    if (closedAt !== null) {
      boundary = closedAt.at;
      boundaryLine = closedAt.line;
    }
    closedAt = null;
    popped = null;
  };
  const unfinished = (): string => (boundary >= fed ? current.slice(boundary - fed) : tail + current);
  const addText = (text: string): void => {
    const top = stack[stack.length - 1];
    if (top === undefined || top.node === null || top.kept === null) return;
    top.kept.text += text.length;
    if (top.kept.text > MAX_ROW_TEXT)
      throw syntaxError(
        file,
        top.line,
        `<${top.qname}> holds more than ${MAX_ROW_TEXT.toLocaleString('en-US')} characters of text; no holding is that long`,
      );
    top.node.text += text;
  };

  parser.on('error', (error) => {
    if (statement === null) throw NOT_A_STATEMENT;
    // saxes fails on a crossed end tag right after closing the element it did not match; any later
    // failure is in a construct after a good end tag.
    if (closedAt !== null && parser.position !== closedAt.at) settle();
    const reason = error.message.replace(/^\d+:\d+: /, '');
    throw diagnose(file, unfinished(), boundaryLine, reason, { open: stack, popped, root, rootClosed, atEnd: ending });
  });
  parser.on('text', (text) => {
    settle();
    if (!ending) mark(parser.position - 1, parser.line);
    addText(text);
  });
  parser.on('cdata', (text) => {
    settle();
    mark(parser.position, parser.line);
    addText(text);
  });
  parser.on('comment', () => {
    settle();
    // Told at the second "-" of "-->": the construct ends at the ">" after it.
    mark(parser.position + 1, parser.line);
  });
  for (const event of ['processinginstruction', 'doctype', 'xmldecl'] as const) {
    parser.on(event, () => {
      settle();
      mark(parser.position, parser.line);
    });
  }
  parser.on('opentagstart', (tag) => {
    settle();
    pendingLine = boundaryLine;
    if (rootClosed && stack.length === 0) throw syntaxError(file, pendingLine, `second root element <${tag.name}> after </${root ?? ''}>`);
  });
  parser.on('opentag', (tag) => {
    settle();
    const line = pendingLine;
    mark(parser.position, parser.line);
    const attrs = attributesOf(tag);
    const name = localName(tag.name);
    if (root === null) {
      root = tag.name;
      statement = choose(name);
      if (statement === null) throw NOT_A_STATEMENT;
    }
    if (stack.length >= MAX_XML_DEPTH)
      throw syntaxError(file, line, `more than ${MAX_XML_DEPTH.toLocaleString('en-US')} elements open at once`);
    const parent = stack[stack.length - 1];
    let frame: Frame;
    if (parent !== undefined && parent.kept !== null) {
      // Inside a kept element: held down to keptLevels, passed over below (debtSec's details, a
      // derivative's reference instrument), and never the start of another row.
      const keptDepth = parent.keptDepth + 1;
      let node: MutableElement | null = null;
      if (parent.node !== null && keptDepth <= keptLevels) {
        node = { name, line, attrs, children: [], text: '' };
        parent.node.children.push(node);
        parent.kept.elements++;
        if (parent.kept.elements > MAX_ROW_ELEMENTS)
          throw syntaxError(
            file,
            line,
            `an element holds more than ${MAX_ROW_ELEMENTS.toLocaleString('en-US')} elements; no holding is that large`,
          );
      }
      frame = { qname: tag.name, name, line, attrs, node, kept: parent.kept, keptRoot: false, keptDepth };
    } else {
      const base: Frame = { qname: tag.name, name, line, attrs, node: null, kept: null, keptRoot: false, keptDepth: -1 };
      frame =
        statement?.open(base, stack) === true
          ? { ...base, node: { name, line, attrs, children: [], text: '' }, kept: { elements: 1, text: 0 }, keptRoot: true, keptDepth: 0 }
          : base;
    }
    stack.push(frame);
  });
  parser.on('closetag', () => {
    settle();
    const frame = stack.pop();
    if (frame === undefined) return;
    popped = frame;
    closedAt = { at: parser.position, line: parser.line + lineOffset };
    if (stack.length === 0) rootClosed = true;
    if (frame.keptRoot && frame.node !== null) statement?.kept(frame.node, stack);
    statement?.close(frame, stack);
  });

  const run = (step: () => void): void => {
    try {
      step();
    } catch (error) {
      if (error === NOT_A_STATEMENT) {
        stopped = true;
        return;
      }
      throw error;
    }
  };
  return {
    write(chunk: string): void {
      let text = chunk;
      if (leading) {
        const space = /^[ \t\r\n]*/.exec(text)?.[0] ?? '';
        lineOffset += breaks(space);
        text = text.slice(space.length);
        if (text !== '') {
          leading = false;
          boundaryLine = 1 + lineOffset;
        }
      }
      if (stopped || text === '') return;
      current = text;
      run(() => parser.write(text));
      if (stopped) return;
      settle();
      tail = boundary >= fed ? text.slice(boundary - fed) : tail + text;
      fed += text.length;
      current = '';
      if (tail.length > MAX_XML_CONSTRUCT) {
        throw syntaxError(
          file,
          boundaryLine,
          `one tag, text or comment runs on for more than ${MAX_XML_CONSTRUCT / (1024 * 1024)} MB; no holdings statement has one that long`,
        );
      }
    },
    end(): XmlSummary | null {
      if (!stopped) {
        ending = true;
        run(() => parser.close());
      }
      if (stopped || statement === null) return null;
      return statement.end();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Queries on a kept element

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

function attr(element: { readonly attrs: ReadonlyMap<string, string> } | undefined, name: string): string | null {
  const t = element?.attrs.get(name)?.trim() ?? '';
  return t === '' ? null : t;
}

function isConcept(key: string): key is Concept {
  return CONCEPTS.some((c) => c === key);
}

/** Order of `raw`: the row's cells as a person reads them, security first. */
const RAW_ORDER: readonly Concept[] = [
  'name',
  'ticker',
  'isin',
  'cusip',
  'sedol',
  'exchange',
  'quantity',
  'value',
  'weight',
  'currency',
  'account',
  'assetClass',
  'date',
];

/**
 * A string that does not keep the chunk it was cut from. saxes gives text as slices of the chunk it
 * was fed, and V8 keeps a slice's whole parent string alive: a name the screener remembers would
 * hold 64 KB of the file (100,000 remembered names, most of the file's chunks).
 */
function ownString(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

function makeRow(
  file: string,
  line: number,
  values: Readonly<Partial<Record<Concept, string | null>>>,
  context: string | null,
): RawHolding {
  const cells: Partial<Record<Concept, string>> = {};
  const raw: string[] = [];
  for (const concept of RAW_ORDER) {
    const trimmed = values[concept]?.trim();
    const value = trimmed === undefined ? undefined : ownString(trimmed);
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

// ---------------------------------------------------------------------------------------------
// The three kinds of statement

/** Counts the rows a sink is given, for the summary. */
function counting(sink: XmlSink): XmlSink & { readonly firstRowLine: () => number | null } {
  let first: number | null = null;
  return {
    row: (row) => {
      first ??= row.line;
      sink.row(row);
    },
    skip: (row) => sink.skip(row),
    firstRowLine: () => first,
  };
}

/**
 * IBKR Flex: one row per OpenPosition of a FlexStatement (the outermost, when statements nest),
 * from its attributes; the statement's account and date. A query with lot detail repeats each
 * position as a SUMMARY line and its LOT lines: the lots are set aside when their summary is there,
 * so the position is not counted twice. A lot seen before its summary holds the rows after it back
 * until the statement ends, so rows keep their order.
 */
function ibkrStatement(file: string, rootIsStatement: boolean, out: ReturnType<typeof counting>): Statement {
  let date: string | null = null;
  let dateLine: number | null = null;
  let first: XmlTable | null = null;
  const headers = new Map<string, XmlTable>();
  /** The column map of an OpenPosition's attribute names: IBKR gives every position of a query the same ones. */
  const headerOf = (attrs: ReadonlyMap<string, string>): XmlTable => {
    const names = [...attrs.keys()];
    const signature = names.join('\u0000');
    const known = headers.get(signature);
    if (known !== undefined) return known;
    const match = matchHeader(names);
    const table: XmlTable =
      match === null
        ? { headers: names, columns: {}, why: {} }
        : {
            headers: names,
            columns: match.columns,
            why: match.why,
            ...(match.valueCurrency === null ? {} : { valueCurrency: match.valueCurrency }),
          };
    headers.set(signature, table);
    return table;
  };
  let statement: Frame | null = null;
  let insidePosition = 0;
  let summarised = new Set<string>();
  let held: { row: RawHolding; lotKey: string | null }[] = [];
  const flush = (): void => {
    for (const { row, lotKey } of held) {
      if (lotKey !== null && summarised.has(lotKey))
        out.skip({ file, line: row.line, reason: 'total', text: `lot of ${row.raw[0] ?? 'a position'}`.slice(0, 120), value: null });
      else out.row(row);
    }
    held = [];
  };
  return {
    open(frame, parents) {
      if (statement === null && frame.name === 'FlexStatement' && (parents.length === 0 ? rootIsStatement : true)) {
        statement = frame;
        if (date === null) {
          date = attr(frame, 'reportDate') ?? attr(frame, 'toDate');
          if (date !== null) dateLine = frame.line;
        }
        summarised = new Set();
        return false;
      }
      if (statement === null || frame.name !== 'OpenPosition' || insidePosition++ > 0) return false;
      if (date === null) {
        date = attr(frame, 'reportDate');
        if (date !== null) dateLine = frame.line;
      }
      // The attributes are the position's columns, mapped by the names a CSV header is (columns.ts):
      // positionValue is the value, currency its currency, listingExchange the exchange (SEHKSZSE and
      // SEHKNTL are the Shenzhen and Shanghai Stock Connect lines), percentOfNAV the weight.
      const header = headerOf(frame.attrs);
      first ??= header;
      const values: Partial<Record<Concept, string | null>> = {};
      for (const [concept, at] of Object.entries(header.columns)) {
        const name = header.headers[at];
        if (isConcept(concept) && name !== undefined) values[concept] = attr(frame, name);
      }
      const account = values.account ?? attr(statement, 'accountId');
      const key = [account, attr(frame, 'conid') ?? attr(frame, 'symbol')].join('\u0000');
      const row = makeRow(file, frame.line, { ...values, account }, account);
      const level = attr(frame, 'levelOfDetail')?.toUpperCase();
      if (level === 'SUMMARY') summarised.add(key);
      if (level === 'LOT' && summarised.has(key))
        out.skip({ file, line: row.line, reason: 'total', text: `lot of ${row.raw[0] ?? 'a position'}`.slice(0, 120), value: null });
      else if (level === 'LOT' || held.length > 0) held.push({ row, lotKey: level === 'LOT' ? key : null });
      else out.row(row);
      return false;
    },
    kept() {},
    close(frame) {
      if (frame.name === 'OpenPosition' && insidePosition > 0) insidePosition--;
      if (frame === statement) {
        flush();
        statement = null;
      }
    },
    end: () => ({
      kind: 'ibkr-flex',
      asOfText: asOf(date),
      asOfLine: dateLine,
      titles: [],
      firstRowLine: out.firstRowLine(),
      table: first ?? { headers: [], columns: {}, why: {} },
    }),
  };
}

/** One field of a row element of a fixed schema (the SEC's): the concept, where it is, and how it is read. */
interface XmlField {
  readonly concept: Concept;
  /** Where the field is, as inspect shows it: an element path, an attribute after "@". */
  readonly path: string;
  readonly read: (row: XmlElement) => string | null;
}

/** A fixed schema's fields as the table inspect shows, each mapped because the schema says so. */
function schemaTable(fields: readonly XmlField[], schema: string, valueCurrency?: string): XmlTable {
  const columns: Partial<Record<Concept, number>> = {};
  const why: Partial<Record<Concept, string>> = {};
  fields.forEach((f, i) => {
    columns[f.concept] = i;
    why[f.concept] = schema;
  });
  return { headers: fields.map((f) => f.path), columns, why, ...(valueCurrency === undefined ? {} : { valueCurrency }) };
}

function fieldValues(fields: readonly XmlField[], row: XmlElement): Partial<Record<Concept, string | null>> {
  const values: Partial<Record<Concept, string | null>> = {};
  for (const f of fields) values[f.concept] = f.read(row);
  return values;
}

const THIRTEEN_F_FIELDS: readonly XmlField[] = [
  { concept: 'name', path: 'nameOfIssuer', read: (t) => textOf(child(t, 'nameOfIssuer')) },
  { concept: 'cusip', path: 'cusip', read: (t) => textOf(child(t, 'cusip')) },
  { concept: 'quantity', path: 'shrsOrPrnAmt/sshPrnamt', read: (t) => textOf(path(t, 'shrsOrPrnAmt', 'sshPrnamt')) },
  // Whole dollars in filings from 2023 on, thousands before: not rescaled here.
  { concept: 'value', path: 'value', read: (t) => textOf(child(t, 'value')) },
  // A put or call on the security is not the security: its kind replaces the class.
  {
    concept: 'assetClass',
    path: 'putCall, else titleOfClass',
    read: (t) => textOf(child(t, 'putCall')) ?? textOf(child(t, 'titleOfClass')),
  },
];
const THIRTEEN_F_TABLE = schemaTable(THIRTEEN_F_FIELDS, "the SEC's Form 13F information table");

/** SEC 13F information table: one row per infoTable. */
function thirteenFStatement(file: string, out: ReturnType<typeof counting>): Statement {
  return {
    open: (frame, parents) => frame.name === 'infoTable' && parents.length > 0,
    kept(t) {
      out.row(makeRow(file, t.line, fieldValues(THIRTEEN_F_FIELDS, t), null));
    },
    close() {},
    end: () => ({ kind: 'sec-13f', asOfText: null, asOfLine: null, titles: [], firstRowLine: out.firstRowLine(), table: THIRTEEN_F_TABLE }),
  };
}

const NO_CUSIP = /^(?:n\/?a|0{9})$/i;
const NO_ISIN = /^(?:n\/?a|0{12})$/i;

// Only the position's own elements: a derivative's reference instrument nests another name, cusip and
// identifiers inside derivativeInfo.
const NPORT_FIELDS: readonly XmlField[] = [
  { concept: 'name', path: 'name', read: (s) => textOf(child(s, 'name')) },
  { concept: 'ticker', path: 'identifiers/ticker@value', read: (s) => attr(child(child(s, 'identifiers'), 'ticker'), 'value') },
  {
    concept: 'isin',
    path: 'identifiers/isin@value',
    read: (s) => {
      const isin = attr(child(child(s, 'identifiers'), 'isin'), 'value');
      return isin !== null && NO_ISIN.test(isin) ? null : isin;
    },
  },
  {
    concept: 'cusip',
    path: 'cusip',
    read: (s) => {
      const cusip = textOf(child(s, 'cusip'));
      return cusip !== null && NO_CUSIP.test(cusip) ? null : cusip;
    },
  },
  { concept: 'quantity', path: 'balance', read: (s) => textOf(child(s, 'balance')) },
  { concept: 'value', path: 'valUSD', read: (s) => textOf(child(s, 'valUSD')) },
  { concept: 'weight', path: 'pctVal', read: (s) => textOf(child(s, 'pctVal')) },
  // The security's own currency; valUSD is in US dollars whatever it is (the rows' valueCurrency).
  {
    concept: 'currency',
    path: 'curCd, else currencyConditional@curCd',
    read: (s) => textOf(child(s, 'curCd')) ?? attr(child(s, 'currencyConditional'), 'curCd'),
  },
  {
    concept: 'assetClass',
    path: 'assetCat, else assetConditional@assetCat',
    read: (s) => textOf(child(s, 'assetCat')) ?? attr(child(s, 'assetConditional'), 'assetCat'),
  },
];
const NPORT_TABLE = schemaTable(NPORT_FIELDS, "the SEC's Form N-PORT", 'USD');

function nportRow(file: string, s: XmlElement): RawHolding {
  return { ...makeRow(file, s.line, fieldValues(NPORT_FIELDS, s), null), valueCurrency: 'USD' };
}

/**
 * SEC N-PORT: one row per invstOrSec; dated by genInfo's repPdDate, titled by its series and
 * registrant. An EDGAR submission whose (first) formData has neither genInfo nor invstOrSecs is
 * another form (a 13F cover page): rows are held until the formData shows which.
 */
function nportStatement(file: string, out: ReturnType<typeof counting>): Statement {
  let formData: Frame | null = null;
  let formDataDone = false;
  let isNport = false;
  let genInfo: XmlElement | null = null;
  let held: RawHolding[] = [];
  return {
    open(frame, parents) {
      const parent = parents[parents.length - 1];
      if (parents.length === 1 && frame.name === 'formData' && formData === null) formData = frame;
      if (
        parent !== undefined &&
        parent === formData &&
        !formDataDone &&
        (frame.name === 'genInfo' || frame.name === 'invstOrSecs') &&
        !isNport
      ) {
        isNport = true;
        for (const row of held) out.row(row);
        held = [];
      }
      if (frame.name === 'genInfo' && parent !== undefined && parent === formData && genInfo === null) return true;
      return frame.name === 'invstOrSec' && parents.length > 0;
    },
    kept(element) {
      if (element.name === 'genInfo' && genInfo === null) {
        genInfo = element;
        return;
      }
      if (element.name !== 'invstOrSec') return;
      const row = nportRow(file, element);
      if (isNport) out.row(row);
      else if (!formDataDone) held.push(row);
    },
    close(frame) {
      if (frame === formData) {
        formDataDone = true;
        held = [];
      }
    },
    end() {
      if (!isNport) return null;
      const titles = [textOf(child(genInfo ?? undefined, 'seriesName')), textOf(child(genInfo ?? undefined, 'regName'))].filter(
        (t): t is string => t !== null,
      );
      const date = child(genInfo ?? undefined, 'repPdDate');
      const dateText = textOf(date);
      return {
        kind: 'sec-nport',
        asOfText: asOf(dateText),
        asOfLine: dateText === null ? null : (date?.line ?? null),
        titles: [...new Set(titles)],
        firstRowLine: out.firstRowLine(),
        table: NPORT_TABLE,
      };
    },
  };
}

/**
 * Reads an XML holdings statement chunk by chunk, giving its rows to `sink` as they complete.
 * `end()` is null when the text is XML of no known kind (an HTML page, a 13F cover page, any other
 * document, or text that is no XML at all); reading stops as soon as the root shows that. Throws
 * InputError `XML_SYNTAX`, with the line, when a known kind of file is not well-formed.
 */
export function createXmlHoldingsReader(file: string, sink: XmlSink): XmlHoldingsReader {
  const out = counting(sink);
  let first = true;
  const reader = createReader(file, (root) => {
    switch (root) {
      case 'FlexQueryResponse':
      case 'FlexStatements':
      case 'FlexStatement':
        return ibkrStatement(file, root === 'FlexStatement', out);
      case 'informationTable':
        return thirteenFStatement(file, out);
      case 'edgarSubmission':
        return nportStatement(file, out);
      default:
        return null;
    }
  });
  return {
    write(text) {
      // A leading byte-order mark is dropped; whitespace before the first markup is tolerated (SEC files start with a newline).
      reader.write(first ? text.replace(/^\uFEFF/, '') : text);
      if (text !== '') first = false;
    },
    end: () => reader.end(),
  };
}

/** Reads a whole XML holdings statement in memory (the streaming reader over one chunk). */
export function readXmlHoldings(file: string, text: string): XmlHoldings | null {
  const rows: RawHolding[] = [];
  const skipped: SkippedRow[] = [];
  const reader = createXmlHoldingsReader(file, { row: (r) => rows.push(r), skip: (r) => skipped.push(r) });
  reader.write(text);
  const summary = reader.end();
  if (summary === null) return null;
  return {
    kind: summary.kind,
    rows,
    skipped,
    asOfText: summary.asOfText,
    asOfLine: summary.asOfLine,
    titles: summary.titles,
    table: xmlTableInfo(summary),
  };
}

/**
 * Parses a whole document into elements. Throws InputError `XML_SYNTAX` with the line for anything
 * that is not well-formed: unclosed or crossed tags, text or a second element outside the root,
 * unknown entities, unquoted attributes.
 */
export function parseXml(file: string, text: string): XmlElement {
  let root: XmlElement | null = null;
  const whole: Statement = {
    open: (_frame, parents) => parents.length === 0,
    kept: (element) => {
      root = element;
    },
    close() {},
    end: () => null,
  };
  const reader = createReader(file, () => whole, MAX_XML_DEPTH);
  reader.write(text.replace(/^\uFEFF/, ''));
  reader.end();
  if (root === null) throw syntaxError(file, 1 + breaks(text), 'no root element');
  return root;
}

const ROW_ELEMENT = {
  'ibkr-flex': 'IBKR Flex OpenPosition',
  'sec-13f': 'SEC 13F infoTable',
  'sec-nport': 'SEC N-PORT invstOrSec',
} as const satisfies Record<XmlKind, string>;

/** A statement's one table of holdings, as a CSV table is described: from its first row's line, its fields mapped and why. */
export function xmlTableInfo(summary: XmlSummary): TableInfo {
  const { table } = summary;
  return {
    headerLine: summary.firstRowLine ?? 1,
    kind: 'holdings',
    headers: table.headers,
    columns: table.columns,
    context: null,
    why: table.why,
    element: ROW_ELEMENT[summary.kind],
    ...(table.valueCurrency === undefined ? {} : { valueCurrency: table.valueCurrency }),
  };
}

/**
 * What the streaming reader learnt of an XML statement, in the shape of a streamed CSV's summary: one
 * table of holdings from the first row's line. XML of no known kind is refused with what to do instead.
 */
export function xmlStreamedFile(
  file: string,
  summary: XmlSummary | null,
  encoding: EncodingName,
  sha256: string,
): SegmentSummary & { readonly file: string; readonly encoding: EncodingName; readonly delimiter: ','; readonly sha256: string } {
  if (summary === null) {
    throw new InputError('NOT_CSV', file, null, `${file} is XML of a kind not read (IBKR Flex, SEC 13F and N-PORT are)`, {
      hint: 'export the positions as CSV',
    });
  }
  return {
    file,
    encoding,
    delimiter: ',',
    sha256,
    tables: [xmlTableInfo(summary)],
    asOfText: summary.asOfText,
    asOfLine: summary.asOfLine,
    preambleLines: 0,
    titles: summary.titles,
    unmatchedColumns: [],
    headerLines: 0,
    dateVotes: { dmy: 0, mdy: 0 },
  };
}
