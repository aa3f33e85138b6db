/**
 * Where a validation problem is in the program text: a JSON Pointer (RFC 6901) from the core
 * becomes a text range (offsets into the string) and a line:column, using jsonc-parser's syntax
 * tree (it keeps offsets, which JSON.parse does not). `invalid_json` has no pointer into a tree
 * that does not exist; its line and column come from the core's message.
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';

/** The tokens of a JSON Pointer, unescaped (`~1` → `/`, then `~0` → `~`); null if not a pointer. */
export function pointerTokens(pointer) {
  if (pointer === '' || pointer === undefined || pointer === null) return [];
  if (!pointer.startsWith('/')) return null;
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Offsets at which each line starts (lines end at \n, \r\n or \r). */
export function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */ && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** `{line, column}` (both from 1; the column counts UTF-16 code units) of an offset. */
export function positionAt(starts, offset) {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}

/** UTF-8 length of the character (code point) starting at `i`, and how many UTF-16 units it takes. */
function utf8Width(text, i) {
  const cp = text.codePointAt(i);
  if (cp < 0x80) return [1, 1];
  if (cp < 0x800) return [2, 1];
  if (cp < 0x10000) return [3, 1];
  return [4, 2];
}

/**
 * The offset of a line and a column counted in UTF-8 bytes (as the core's parser reports them),
 * clamped to the line. Both start at 1.
 */
export function offsetOfByteColumn(text, starts, line, byteColumn) {
  const lineIndex = Math.min(Math.max(line, 1), starts.length) - 1;
  const lineStart = starts[lineIndex];
  const lineEnd = lineIndex + 1 < starts.length ? starts[lineIndex + 1] : text.length;
  let offset = lineStart;
  let bytes = 0;
  while (offset < lineEnd && bytes < byteColumn - 1) {
    const [b, units] = utf8Width(text, offset);
    bytes += b;
    offset += units;
  }
  return offset;
}

/** `[line, column]` from a parser message like "… at line 3, column 5 …", or null. */
export function lineColumnFromMessage(message) {
  const match = /line\s+(\d+)\s*,\s*column\s+(\d+)/i.exec(String(message ?? ''));
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** The end of the line that contains `offset` (before its line break). */
function lineEndAt(text, offset) {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

/** The program text with its syntax tree, ready to place problems. */
export class ProgramText {
  /** @param {string} text */
  constructor(text) {
    this.text = text;
    this.starts = lineStarts(text);
    this.syntaxErrors = [];
    this.root = parseTree(text, this.syntaxErrors, { disallowComments: true, allowTrailingComma: false });
  }

  /** `{line, column}` of an offset. */
  position(offset) {
    return positionAt(this.starts, offset);
  }

  /**
   * The node a pointer names, or the deepest node on its way that exists.
   * @returns {{node: object|undefined, exact: boolean}}
   */
  nodeAt(pointer) {
    let tokens = pointerTokens(pointer);
    if (!this.root || tokens === null) return { node: this.root, exact: false };
    // Errors of pathView name the argument first (/program/…); the text is the program itself.
    if (tokens[0] === 'program' && !findNodeAtLocation(this.root, ['program'])) tokens = tokens.slice(1);
    let node = this.root;
    for (const token of tokens) {
      let segment = token;
      if (node.type === 'array') {
        if (!/^(0|[1-9]\d*)$/.test(token)) return { node, exact: false };
        segment = Number(token);
      } else if (node.type !== 'object') {
        return { node, exact: false };
      }
      const child = findNodeAtLocation(node, [segment]);
      if (!child) return { node, exact: false };
      node = child;
    }
    return { node, exact: true };
  }

  /**
   * Where a problem is: `{start, end, line, column}` (offsets into the text; line and column of
   * `start`, from 1).
   * - `invalid_json`: the character at the line and column of the message (a byte column).
   * - `unknown_field`: the field's key.
   * - an object or array that is a field's value (also `missing_field`, whose pointer names the
   *   object that lacks the field): from the key to the opening brace, `"group": {`; elsewhere
   *   the opening brace alone.
   * - any other value: the value. A pointer that goes past the text ends at its deepest part.
   */
  locate(problem) {
    const range = this.#range(problem);
    return { ...range, ...this.position(range.start) };
  }

  #range({ code, path, message }) {
    const { text } = this;
    if (code === 'invalid_json' || !this.root) {
      const lineColumn = lineColumnFromMessage(message);
      let start;
      if (lineColumn) start = offsetOfByteColumn(text, this.starts, lineColumn[0], lineColumn[1]);
      else start = Math.min(this.syntaxErrors[0]?.offset ?? 0, text.length);
      return { start, end: Math.min(start + 1, lineEndAt(text, start)) };
    }
    const { node, exact } = this.nodeAt(path);
    const property = node.parent?.type === 'property' && node.parent.children?.[1] === node ? node.parent : null;
    const key = property?.children?.[0];
    if (exact && code === 'unknown_field' && key) return { start: key.offset, end: key.offset + key.length };
    if (node.type === 'object' || node.type === 'array') {
      if (key) return { start: key.offset, end: node.offset + 1 };
      return { start: node.offset, end: node.offset + 1 };
    }
    return { start: node.offset, end: node.offset + node.length };
  }
}
