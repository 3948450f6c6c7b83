// JSON of the user's side files, with what is wrong said in our words and at a line. V8's messages
// quote the file ("Unexpected token 'r', \"root:x:0:0\"... is not valid JSON"), which is how a link
// to a system file got its first line echoed. Pure.

/** Why a text is not JSON, in words, and the line when the parser said where. */
export interface JsonProblem {
  readonly line: number | null;
  readonly what: string;
}

/** Parses JSON; a failure is a JsonProblem that quotes nothing of the text. */
export function parseJsonText(text: string): { readonly ok: true; readonly value: unknown } | ({ readonly ok: false } & JsonProblem) {
  try {
    const value: unknown = JSON.parse(text);
    return { ok: true, value };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const position = /at position (\d+)/.exec(message)?.[1];
    const line = position === undefined ? null : text.slice(0, Number(position)).split('\n').length;
    const what = /end of JSON input/.test(message)
      ? 'it ends before the JSON value does (cut short?)'
      : /after JSON/.test(message)
        ? 'there is text after the JSON value'
        : /property name/.test(message)
          ? 'a property name is not in double quotes (or a comma is left before "}")'
          : /Unexpected token/.test(message)
            ? 'a character that cannot start or continue JSON'
            : 'it is not valid JSON';
    return { ok: false, line, what };
  }
}

/**
 * The first key written twice in one object of a valid JSON text, with its line: JSON.parse keeps the
 * last silently, so {"expires": "2026-01-01", …, "expires": "2099-01-01"} would extend a rule unseen.
 */
export function repeatedKey(text: string): { readonly key: string; readonly line: number } | null {
  const objects: (Set<string> | null)[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '{') objects.push(new Set());
    else if (c === '[') objects.push(null);
    else if (c === '}' || c === ']') objects.pop();
    else if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      let after = i + 1;
      while (after < text.length && /\s/.test(text[after] ?? '')) after++;
      const keys = objects[objects.length - 1];
      if (text[after] === ':' && keys !== undefined && keys !== null) {
        const parsed: unknown = JSON.parse(text.slice(start, i + 1));
        const key = typeof parsed === 'string' ? parsed : '';
        if (keys.has(key)) return { key, line };
        keys.add(key);
      }
    }
  }
  return null;
}
