// Architecture checks (DESIGN.md sections 2 and 5): the core stays pure, JSON lives in one
// place, and the release glue needs no eval, so the plugin runs under a strict CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './wasm-module.mjs';

function sources(dir) {
  return readdirSync(join(root, dir), { recursive: true })
    .filter((f) => /\.(cpp|hpp|h|cc)$/.test(f))
    .map((f) => ({ file: join(dir, f), text: readFileSync(join(root, dir, f), 'utf8') }));
}

test('the purity check sees code, not prose', () => {
  assert.match(codeOnly('int x = time(nullptr);'), /\btime\s*\(/);
  assert.doesNotMatch(codeOnly('// a date-time (RFC 3339)\nint y = 1; /* time ( */ auto s = "rand()";'), /\b(time|rand)\s*\(/);
});

test('src/core never mentions Emscripten', () => {
  const files = sources('src/core');
  assert.ok(files.length >= 5);
  for (const { file, text } of files) assert.doesNotMatch(text, /emscripten/i, file);
});

/** The code of a C++ file without comments and string literals (includes are kept). */
function codeOnly(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/.*$/gm, ' ')
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
}

test('src/core does no I/O, reads no clock and draws no random numbers', () => {
  const forbidden = /#include\s*<(iostream|fstream|cstdio|chrono|random|ctime|thread|filesystem)>|std::(cout|cerr|chrono|random_device|rand)\b|\b(time|rand|fopen)\s*\(/;
  for (const { file, text } of sources('src/core')) {
    // snprintf into a buffer is formatting, not I/O; <cstdio> is allowed for it in time.cpp only.
    const code = codeOnly(text);
    const checked = file.endsWith('time.cpp') ? code.replace(/#include <cstdio>/, '') : code;
    assert.doesNotMatch(checked, forbidden, file);
  }
});

test('only src/json includes nlohmann/json', () => {
  for (const dir of ['src/core', 'src/wasm', 'src/cli']) {
    for (const { file, text } of sources(dir)) assert.doesNotMatch(text, /nlohmann/, file);
  }
});

test('only src/wasm includes Emscripten headers', () => {
  for (const dir of ['src/core', 'src/json', 'src/cli']) {
    for (const { file, text } of sources(dir)) assert.doesNotMatch(text, /#include\s*<emscripten/, file);
  }
});

test('the release glue and the plugin bundle contain no eval or new Function', () => {
  for (const file of ['build/wasm/kollega-core.mjs', 'build/plugin/kollega.js']) {
    const text = readFileSync(join(root, file), 'utf8');
    assert.doesNotMatch(text, /\beval\s*\(/, file);
    assert.doesNotMatch(text, /new\s+Function\s*\(/, file);
  }
});
