// The cmi5 package (scripts/package.mjs, kind cmi5): cmi5.xml read back by an XML parser and
// checked against the rules of cmi5's CourseStructure.xsd (namespace, required elements and
// attributes, their order, value types), and the zip's contents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { cmi5CourseStructure, buildPackages, CMI5_PLUGIN_FILES } from '../../scripts/package.mjs';
import { root } from './wasm-module.mjs';

const NS = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd';
const MOVE_ON = ['Passed', 'Completed', 'CompletedAndPassed', 'CompletedOrPassed', 'NotApplicable'];
const program = (id) => JSON.parse(readFileSync(join(root, 'programs', `${id}.json`), 'utf8'));

/** Element names of a preserveOrder node list, without text and comments. */
const names = (nodes) => nodes.map((n) => Object.keys(n).find((k) => k !== ':@')).filter((k) => k && k !== '#text');
const child = (nodes, name) => nodes.find((n) => name in n);

/** Checks one cmi5.xml text against CourseStructure.xsd's structure; returns the AU's attributes. */
function checkCourseStructure(xml) {
  assert.equal(XMLValidator.validate(xml), true, 'well-formed XML');
  const doc = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
  const rootNode = child(doc, 'courseStructure');
  assert.ok(rootNode, 'the root is courseStructure');
  assert.equal(rootNode[':@'].xmlns, NS, 'the cmi5 CourseStructure namespace');
  const top = rootNode.courseStructure;
  assert.equal(names(top)[0], 'course', 'course comes first');
  assert.ok(names(top).slice(1).length >= 1 && names(top).slice(1).every((n) => n === 'au' || n === 'block'), 'then at least one au or block');
  const course = child(top, 'course');
  assert.match(course[':@'].id, /^https?:\/\/\S+$/, 'course id is an IRI');
  assert.deepEqual(names(course.course), ['title', 'description']);
  const langstrings = (node, what) => {
    const strings = node.filter((n) => 'langstring' in n);
    assert.ok(strings.length > 0, `${what} has a langstring`);
    for (const s of strings) {
      assert.match(s[':@'].lang, /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, `${what} langstring lang`);
      assert.ok(s.langstring.some((t) => String(t['#text'] ?? '').trim()), `${what} langstring has text`);
    }
  };
  langstrings(child(course.course, 'title').title, 'course title');
  langstrings(child(course.course, 'description').description, 'course description');
  const au = child(top, 'au');
  const attrs = au[':@'];
  assert.match(attrs.id, /^https?:\/\/\S+$/, 'au id is an IRI');
  assert.notEqual(attrs.id, course[':@'].id, 'au and course ids differ');
  assert.ok(MOVE_ON.includes(attrs.moveOn), `moveOn ${attrs.moveOn}`);
  if (attrs.masteryScore !== undefined) {
    const m = Number(attrs.masteryScore);
    assert.ok(m >= 0 && m <= 1, 'masteryScore is a decimal in [0, 1]');
  }
  if (attrs.launchMethod !== undefined) assert.ok(['AnyWindow', 'OwnWindow'].includes(attrs.launchMethod));
  const order = names(au.au);
  assert.deepEqual(order.slice(0, 2), ['title', 'description'], 'au: title, description first');
  const allowed = ['title', 'description', 'objectives', 'url', 'launchParameters', 'entitlementKey'];
  assert.deepEqual([...order].sort((a, b) => allowed.indexOf(a) - allowed.indexOf(b)), order, 'au children in the xsd order');
  assert.equal(order.filter((n) => n === 'url').length, 1, 'exactly one url');
  langstrings(child(au.au, 'title').title, 'au title');
  langstrings(child(au.au, 'description').description, 'au description');
  return { ...attrs, url: String(child(au.au, 'url').url[0]['#text']) };
}

test('cmi5.xml: a program with a pass threshold -> CompletedAndPassed with that masteryScore, index.html', () => {
  const p = program('observation-visit');
  const au = checkCourseStructure(cmi5CourseStructure({ program: p }));
  assert.equal(au.moveOn, 'CompletedAndPassed');
  assert.equal(Number(au.masteryScore), p.grading.passThreshold);
  assert.equal(au.url, 'index.html');
});

test('cmi5.xml: every built-in program gives a valid course structure; texts are escaped', () => {
  for (const id of ['cross-training', 'first-time-leader', 'leaders-learning-group', 'peer-support', 'presentation-practice']) {
    checkCourseStructure(cmi5CourseStructure({ program: program(id) }));
  }
  const tricky = { id: 'x&y', defaultLanguage: 'en', title: { en: 'Fish & <chips> "q"' } };
  const xml = cmi5CourseStructure({ program: tricky });
  const au = checkCourseStructure(xml);
  assert.equal(au.moveOn, 'Completed', 'no pass threshold: Completed, no masteryScore');
  assert.equal(au.masteryScore, undefined);
  assert.ok(xml.includes('Fish &amp; &lt;chips&gt; &quot;q&quot;'));
});

test('kollega-cmi5.zip: cmi5.xml at the root, the launch page, the program and the cmi5 host; no test packages', () => {
  if (!existsSync(join(root, 'build/plugin/kollega-cmi5.js'))) return assert.fail('build the plugin first (node scripts/build-plugin.mjs)');
  const out = mkdtempSync(join(tmpdir(), 'kollega-pkg-'));
  try {
    const [pkg] = buildPackages({ kinds: ['cmi5'], program: 'peer-support', outDir: out });
    assert.ok(pkg.file.endsWith('kollega-cmi5.zip'));
    const files = unzipSync(readFileSync(pkg.file));
    assert.deepEqual(Object.keys(files).sort(), ['cmi5.xml', 'index.html', 'page-lang.js', 'page.css', 'program.json', ...CMI5_PLUGIN_FILES].sort());
    checkCourseStructure(new TextDecoder().decode(files['cmi5.xml']));
    assert.equal(JSON.parse(new TextDecoder().decode(files['program.json'])).id, 'peer-support');
    assert.match(new TextDecoder().decode(files['index.html']), /<kollega-app host="cmi5" program="program.json">/);
    const all = Object.values(files).map((f) => new TextDecoder().decode(f)).join('\n');
    assert.ok(!/xapi-statements|xapi-validation|GPL-3/.test(all), 'no GPL test package in the zip');
    // Same input, same bytes.
    const [again] = buildPackages({ kinds: ['cmi5'], program: 'peer-support', outDir: join(out, 'again') });
    assert.deepEqual(readFileSync(again.file), readFileSync(pkg.file));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
