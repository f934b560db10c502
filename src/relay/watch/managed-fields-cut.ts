const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * Where the JSON string starting at `open` (its opening quote) ends: the index of its closing quote,
 * or -1. A quote preceded by an odd run of backslashes is escaped.
 */
function endOfString(text: string, open: number): number {
  let quote = text.indexOf('"', open + 1);
  while (quote > 0 && text.charCodeAt(quote - 1) === BACKSLASH) {
    let before = quote - 2;
    while (text.charCodeAt(before) === BACKSLASH) before--;
    if ((quote - 1 - before) % 2 === 0) break;
    quote = text.indexOf('"', quote + 1);
  }
  return quote;
}

/** The index just past the array or object opening at `open`, or -1 when the text ends first. */
function endOfContainer(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = endOfString(text, i);
      if (i < 0) return -1;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) depth++;
    else if ((c === CLOSE_ARRAY || c === CLOSE_OBJECT) && --depth === 0) return i + 1;
  }
  return -1;
}

/** The index just past the value starting at `at` (compact JSON), or -1. */
function endOfValue(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === QUOTE) {
    const close = endOfString(text, at);
    return close < 0 ? -1 : close + 1;
  }
  if (c === OPEN_OBJECT || c === OPEN_ARRAY) return endOfContainer(text, at);
  // A number, true, false or null: runs to the next delimiter.
  let i = at;
  for (; i < text.length; i++) {
    const d = text.charCodeAt(i);
    if (d === COMMA || d === CLOSE_OBJECT || d === CLOSE_ARRAY) break;
  }
  return i;
}

/** The member `name` of the object opening at `open`: where its key and its value start. */
function memberOf(text: string, open: number, name: string): { key: number; value: number } | undefined {
  if (text.charCodeAt(open) !== OPEN_OBJECT) return undefined;
  let key = open + 1;
  while (text.charCodeAt(key) === QUOTE) {
    const keyEnd = endOfString(text, key);
    if (keyEnd < 0 || text.charCodeAt(keyEnd + 1) !== COLON) return undefined;
    const value = keyEnd + 2;
    // Names without escapes: the raw text of the key equals the name exactly when the key does.
    if (keyEnd - key - 1 === name.length && text.startsWith(name, key + 1)) return { key, value };
    const end = endOfValue(text, value);
    if (end < 0 || text.charCodeAt(end) !== COMMA) return undefined;
    key = end + 1;
  }
  return undefined;
}

/**
 * The line without `object.metadata.managedFields`. The server's field-ownership records are often
 * half of a watch event, and nothing the relay interprets reads them, so cutting them out of the
 * text costs less than parsing them (about a third of the parse on real objects). The line is walked
 * member by member (`object`, then `metadata`, then `managedFields`), skipping values unparsed, so
 * only that one member is cut; a line in any other shape (not compact JSON, no such array) is left whole.
 */
export function withoutManagedFields(line: string): string {
  const object = memberOf(line, 0, "object");
  const metadata = object && memberOf(line, object.value, "metadata");
  const managed = metadata && memberOf(line, metadata.value, "managedFields");
  if (!managed || line.charCodeAt(managed.value) !== OPEN_ARRAY) return line;
  const close = endOfContainer(line, managed.value);
  if (close < 0) return line;
  if (line.charCodeAt(close) === COMMA) return line.slice(0, managed.key) + line.slice(close + 1);
  // The last member: its comma goes with it; the only member: the object is left empty.
  const before = line.charCodeAt(managed.key - 1) === COMMA ? managed.key - 1 : managed.key;
  return line.slice(0, before) + line.slice(close);
}

/**
 * The same cut on an object already parsed (a list page, a replayed line), so rules see one shape
 * whichever way an object came. The object must be the caller's own: it is changed in place.
 */
export function deleteManagedFields(object: Record<string, unknown>): void {
  const metadata = object.metadata;
  if (metadata !== null && typeof metadata === "object")
    delete (metadata as { managedFields?: unknown }).managedFields;
}
