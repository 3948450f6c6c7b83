// A small strict XML 1.0 well-formedness checker for the JUnit tests: no dependency, no regex
// matching of the document. Accepts an XML declaration, elements, attributes, character data and
// the five predefined entities plus character references; rejects everything else (DTDs, CDATA,
// processing instructions, comments), which our output never contains.

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own character data, references decoded. */
  readonly text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

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

function isNameStart(c: string): boolean {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_' || c === ':';
}

function isNameChar(c: string): boolean {
  return isNameStart(c) || (c >= '0' && c <= '9') || c === '-' || c === '.';
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Parses a whole document; throws with the offset of the first violation. */
export function parseXml(xml: string): XmlElement {
  for (const ch of xml) {
    const cp = ch.codePointAt(0) ?? 0;
    if (!isXmlChar(cp) || (cp >= 0xd800 && cp <= 0xdfff)) throw new Error(`character U+${cp.toString(16)} is not allowed in XML 1.0`);
  }
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`);
  };
  const skipSpace = (): void => {
    while (isSpace(xml[i])) i++;
  };
  const name = (): string => {
    const start = i;
    if (!isNameStart(xml[i] ?? '')) fail('expected a name');
    while (isNameChar(xml[i] ?? '')) i++;
    return xml.slice(start, i);
  };
  const reference = (): string => {
    // at '&'
    const end = xml.indexOf(';', i);
    if (end < 0) fail('unterminated reference');
    const body = xml.slice(i + 1, end);
    let out: string | undefined;
    if (body.startsWith('#x')) {
      const cp = Number.parseInt(body.slice(2), 16);
      if (!/^[0-9a-fA-F]+$/.test(body.slice(2)) || !isXmlChar(cp)) fail('bad character reference');
      out = String.fromCodePoint(cp);
    } else if (body.startsWith('#')) {
      const cp = Number.parseInt(body.slice(1), 10);
      if (!/^[0-9]+$/.test(body.slice(1)) || !isXmlChar(cp)) fail('bad character reference');
      out = String.fromCodePoint(cp);
    } else {
      out = ENTITIES[body];
      if (out === undefined) fail(`undefined entity &${body};`);
    }
    i = end + 1;
    return out ?? '';
  };
  const attrValue = (): string => {
    const quote = xml[i];
    if (quote !== '"' && quote !== "'") fail('attribute value must be quoted');
    i++;
    let value = '';
    while (xml[i] !== quote) {
      const c = xml[i];
      if (c === undefined) fail('unterminated attribute value');
      if (c === '<') fail("'<' in an attribute value");
      if (c === '&') value += reference();
      else {
        value += c;
        i++;
      }
    }
    i++;
    return value;
  };
  const element = (): XmlElement => {
    if (xml[i] !== '<') fail("expected '<'");
    i++;
    const tag = name();
    const attrs: Record<string, string> = {};
    for (;;) {
      const hadSpace = isSpace(xml[i]);
      skipSpace();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return { name: tag, attrs, children: [], text: '' };
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (!hadSpace) fail('attributes must be separated by white space');
      const key = name();
      skipSpace();
      if (xml[i] !== '=') fail("expected '='");
      i++;
      skipSpace();
      if (Object.hasOwn(attrs, key)) fail(`duplicate attribute ${key}`);
      attrs[key] = attrValue();
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      const c = xml[i];
      if (c === undefined) fail(`unclosed element <${tag}>`);
      if (xml.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== tag) fail(`</${closing}> closes <${tag}>`);
        skipSpace();
        if (xml[i] !== '>') fail("expected '>'");
        i++;
        return { name: tag, attrs, children, text };
      }
      if (xml.startsWith('<!', i) || xml.startsWith('<?', i)) fail('comments, CDATA, DTDs and processing instructions are not expected');
      if (c === '<') children.push(element());
      else if (c === '&') text += reference();
      else {
        if (xml.startsWith(']]>', i)) fail("']]>' in character data");
        text += c;
        i++;
      }
    }
  };

  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    i = end + 2;
  }
  skipSpace();
  const root = element();
  skipSpace();
  if (i !== xml.length) fail('content after the root element');
  return root;
}

/** Every descendant element with this name, depth first. */
export function descendants(el: XmlElement, name: string): XmlElement[] {
  return el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...descendants(c, name)]);
}
