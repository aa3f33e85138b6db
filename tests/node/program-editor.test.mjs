// The admin editor's text locator (plugin/src/kollega-program-editor/json-locate.js): JSON
// Pointers and parser messages from the core become text ranges and line:column.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadCore } from '../../plugin/src/core/core-loader.js';
import {
  ProgramText,
  lineColumnFromMessage,
  lineStarts,
  offsetOfByteColumn,
  pointerTokens,
  positionAt,
} from '../../plugin/src/kollega-program-editor/json-locate.js';
import { MINIMAL_PROGRAM } from '../../plugin/src/kollega-program-editor/template.js';

const root = new URL('../../', import.meta.url);
let core;

before(async () => {
  core = await loadCore({ wasmBinary: await readFile(new URL('build/wasm/kollega-core.wasm', root)) });
});

const selected = (text, { start, end }) => text.slice(start, end);

test('editor: JSON Pointer tokens are unescaped (~1 then ~0)', () => {
  assert.deepEqual(pointerTokens(''), []);
  assert.deepEqual(pointerTokens('/path/steps/0'), ['path', 'steps', '0']);
  assert.deepEqual(pointerTokens('/a~1b/c~0d/~01'), ['a/b', 'c~d', '~1']);
  assert.deepEqual(pointerTokens('/'), ['']);
  assert.equal(pointerTokens('path'), null);
});

test('editor: lines and columns (LF, CRLF, CR)', () => {
  const starts = lineStarts('ab\ncd\r\nef\rg');
  assert.deepEqual(starts, [0, 3, 7, 10]);
  assert.deepEqual(positionAt(starts, 0), { line: 1, column: 1 });
  assert.deepEqual(positionAt(starts, 4), { line: 2, column: 2 });
  assert.deepEqual(positionAt(starts, 10), { line: 4, column: 1 });
});

test('editor: a byte column from the parser becomes the right offset after non-ASCII text', () => {
  const text = '{\n  "t": "åé😀", x\n}';
  const starts = lineStarts(text);
  // Line 2 is `  "t": "åé😀", x`: the x is character 15 but byte 20.
  const offset = offsetOfByteColumn(text, starts, 2, 20);
  assert.equal(text[offset], 'x');
  assert.deepEqual(lineColumnFromMessage('parse error at line 3, column 5: syntax error'), [3, 5]);
  assert.equal(lineColumnFromMessage('no position'), null);
});

test('editor: the template is a valid program without problems', () => {
  assert.deepEqual(core.validateProgram(MINIMAL_PROGRAM), { valid: true, problems: [] });
});

test('editor: unknown_field selects the key; its line is the key\'s line', async () => {
  const text = (await readFile(new URL('programs/leaders-learning-group.json', root), 'utf8')).replace('"prerequisites"', '"prerequisite"');
  const problem = core.validateProgram(text).problems.find((p) => p.code === 'unknown_field');
  const where = new ProgramText(text).locate(problem);
  assert.equal(selected(text, where), '"prerequisite"');
  const keyOffset = text.indexOf('"prerequisite"');
  assert.equal(where.start, keyOffset);
  assert.equal(where.line, text.slice(0, keyOffset).split('\n').length);
  assert.equal(where.column, keyOffset - text.lastIndexOf('\n', keyOffset - 1));
});

test('editor: missing_field (pointer at the object) selects the key and the opening brace', () => {
  const text = '{\n  "schemaVersion": 1,\n  "id": "x",\n  "title": {"en": "X"},\n  "path": {"steps": [\n    {"id": "a", "title": {"en": "A"}},\n    {"title": {"en": "B"}}\n  ]}\n}';
  const problems = core.validateProgram(text).problems.filter((p) => p.severity === 'error');
  const missing = problems.find((p) => p.code === 'missing_field');
  assert.equal(missing.path, '/path/steps/1');
  const where = new ProgramText(text).locate(missing);
  assert.equal(selected(text, where), '{', 'an array element: its opening brace');
  assert.equal(where.line, 7);
  const rootMissing = new ProgramText('{\n  "id": "x"\n}').locate({ code: 'missing_field', path: '' });
  assert.deepEqual([rootMissing.start, rootMissing.end, rootMissing.line], [0, 1, 1]);
  const group = '{"group": {\n "size": {}}}';
  assert.equal(selected(group, new ProgramText(group).locate({ code: 'missing_field', path: '/group/size' })), '"size": {');
});

test('editor: a value error selects the value; a pointer past the text stops at its deepest part', () => {
  const text = '{"path": {"steps": [{"id": "a", "prerequisites": ["a", "nope"]}]}, "a/b": {"~": 3}}';
  const where = new ProgramText(text);
  assert.equal(selected(text, where.locate({ code: 'unknown_reference', path: '/path/steps/0/prerequisites/1' })), '"nope"');
  assert.equal(selected(text, where.locate({ code: 'type_error', path: '/a~1b/~0' })), '3');
  assert.equal(selected(text, where.locate({ code: 'missing_field', path: '/path/steps/0/title' })), '{');
  assert.equal(selected(text, where.locate({ code: 'type_error', path: '/path/steps/7' })), '"steps": [');
  // Errors of pathView name the argument: /program/… is the same place.
  assert.equal(selected(text, where.locate({ code: 'unknown_reference', path: '/program/path/steps/0/prerequisites/1' })), '"nope"');
});

test('editor: invalid_json is placed by the line and column of the core\'s message', () => {
  const text = '{\n  "schemaVersion": 1,\n  "id": x\n}';
  const problem = core.validateProgram(text).problems[0];
  assert.equal(problem.code, 'invalid_json');
  const where = new ProgramText(text).locate(problem);
  assert.equal(where.line, 3);
  assert.equal(text[where.start], 'x');
  assert.equal(where.end, where.start + 1);
  const truncated = '{"schemaVersion": 1, "id": ';
  const end = new ProgramText(truncated).locate(core.validateProgram(truncated).problems[0]);
  assert.equal(end.line, 1);
  assert.ok(end.start <= truncated.length && end.end <= truncated.length);
});
