// The .ics files of `kollega calendar` and of the session module's calendarIcs: ical.js parses
// them, expands each RRULE with the file's own VTIMEZONE, and must find exactly the core's
// occurrences (UTC instants); plus our own checks of what ical.js tolerates (CRLF, folding at
// 75 octets, UID, DTSTAMP, one VTIMEZONE per TZID, VALARM). Native and wasm output must match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { loadSessionModule, root } from './wasm-module.mjs';

const program = `${root}tests/fixtures/sessions/program.json`;
const programText = readFileSync(program, 'utf8');
const dtstamp = '2026-11-22T10:00:00Z';

// Zone, its rule (as the CLI finds it in /usr/share/zoneinfo), and a start that crosses a change.
const cases = [
  { tz: 'Europe/Stockholm', rule: 'CET-1CEST,M3.5.0,M10.5.0/3', start: '2026-12-01T12:00', count: 10 },
  { tz: 'America/New_York', rule: 'EST5EDT,M3.2.0,M11.1.0', start: '2027-02-01T09:30', count: 12 },
  { tz: 'Australia/Sydney', rule: 'AEST-10AEDT,M10.1.0,M4.1.0/3', start: '2027-03-02T18:00', count: 20 },
  { tz: 'Asia/Kolkata', rule: 'IST-5:30', start: '2027-01-05T12:00', count: 6 },
];

function cli(c, extra = []) {
  const r = spawnSync(`${root}build/native/kollega`, ['calendar', '--program', program, '--group', 'g1', '--start', c.start,
    '--tz', c.tz, '--count', String(c.count), '--dtstamp', dtstamp, '--lang', 'sv', '--alarm', '15', '--alarm', '1440', ...extra],
  { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

async function wasmIcs(c) {
  const m = await loadSessionModule();
  const request = { group: 'g1', start: c.start, tz: { name: c.tz, rule: c.rule }, count: c.count, dtstamp, lang: 'sv',
    alarmMinutes: [15, 1440] };
  const r = JSON.parse(m.calendarIcs(programText, JSON.stringify(request)));
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(r.value.mimeType, 'text/calendar');
  assert.equal(r.value.filename, 'session-test-g1.ics');
  return r.value.content;
}

async function coreStarts(c) {
  const m = await loadSessionModule();
  const r = JSON.parse(m.occurrences('every-2-weeks', c.start, JSON.stringify({ name: c.tz, rule: c.rule }), c.count));
  assert.equal(r.ok, true, JSON.stringify(r));
  return r.value;
}

/** The UTC instants ical.js finds, expanding the RRULE with the file's VTIMEZONE. */
function icalStarts(text) {
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const vtz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
  try {
    const event = new ICAL.Event(cal.getFirstSubcomponent('vevent'));
    const it = event.iterator();
    const out = [];
    for (let next = it.next(); next; next = it.next()) out.push(new Date(next.toUnixTime() * 1000).toISOString());
    return { out, event, cal };
  } finally {
    for (const vtz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.remove(vtz.getFirstPropertyValue('tzid'));
  }
}

function ownChecks(text, c, alarms = [15, 1440]) {
  const bytes = Buffer.from(text, 'utf8');
  // Every line ends in CRLF; no bare LF or CR.
  assert.ok(text.endsWith('\r\n'));
  assert.equal(text.replace(/\r\n/g, '').match(/[\r\n]/), null);
  const lines = text.split('\r\n').slice(0, -1);
  for (const line of lines) {
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line over 75 octets: ${line}`);
    assert.ok(!line.includes('\uFFFD'), 'a fold split a UTF-8 sequence');
  }
  // Folding split no UTF-8 sequence: each physical line is valid UTF-8 on its own.
  let offset = 0;
  for (const line of lines) {
    const n = Buffer.byteLength(line, 'utf8');
    const own = bytes.subarray(offset, offset + n);
    assert.doesNotThrow(() => new TextDecoder('utf-8', { fatal: true }).decode(own));
    offset += n + 2;
  }
  const unfolded = text.replace(/\r\n /g, '');
  const props = unfolded.split('\r\n');
  const count = (p) => props.filter((l) => l.startsWith(p)).length;
  assert.equal(count('UID:'), 1);
  assert.match(unfolded, /\r\nUID:session-test-g1-meeting-\d{8}T\d{6}@kollega\r\n/);
  assert.match(unfolded, /\r\nDTSTAMP:20261122T100000Z\r\n/);
  // One VTIMEZONE for each TZID used, and every TZID used has one.
  const used = new Set([...unfolded.matchAll(/;TZID=([^:;]+)[:;]/g)].map((m) => m[1]));
  const defined = [...unfolded.matchAll(/\r\nBEGIN:VTIMEZONE\r\nTZID:([^\r]+)\r\n/g)].map((m) => m[1]);
  assert.deepEqual([...used], [c.tz]);
  assert.deepEqual(defined, [c.tz]);
  assert.equal(count('BEGIN:VALARM'), alarms.length);
  assert.equal(count('ACTION:DISPLAY'), alarms.length);
  assert.equal(count('TRIGGER:-PT15M'), alarms.includes(15) ? 1 : 0);
  assert.equal(count('TRIGGER:-P1D'), alarms.includes(1440) ? 1 : 0);
  assert.match(unfolded, /\r\nRRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=\d+\r\n/);
  assert.match(unfolded, new RegExp(`\r\nDTSTART;TZID=${c.tz}:${c.start.replace(/[-:]/g, '')}00\r\n`));
}

for (const c of cases) {
  test(`calendar ${c.tz}: ical.js expands exactly the core's occurrences; native and wasm agree`, async () => {
    const native = cli(c);
    const wasm = await wasmIcs(c);
    assert.equal(wasm, native);
    ownChecks(native, c);
    const expected = await coreStarts(c);
    assert.equal(expected.length, c.count);
    const { out, event } = icalStarts(native);
    assert.deepEqual(out, expected.map((o) => o.start));
    // The wall-clock time never moves.
    const hhmm = c.start.slice(11);
    for (const o of expected) assert.equal(o.local.slice(11, 16), hhmm);
    // And the offset does change where the zone has one.
    if (c.rule.includes(',')) assert.ok(new Set(expected.map((o) => o.offsetMinutes)).size === 2, c.tz);
    assert.equal(event.summary, 'Sessionstest: Gruppträff (grupp g1)');
    assert.equal(event.duration.toSeconds(), 3600);
    const alarms = event.component.getAllSubcomponents('valarm');
    assert.equal(alarms.length, 2);
    assert.equal(alarms[0].getFirstPropertyValue('trigger').toSeconds(), -900);
  });
}

test('calendar: the CLI reads the rule from /usr/share/zoneinfo, which matches the rules above', () => {
  for (const c of cases) assert.equal(cli(c), cli(c, ['--tz-rule', c.rule]), c.tz);
});

test('calendar: long texts fold at 75 octets without splitting UTF-8, and ical.js unfolds them', async () => {
  const m = await loadSessionModule();
  const long = JSON.parse(programText);
  long.title.sv = 'Kollegial handledning för chefer i Västra Götaland, Skåne och Norrbotten; träffar varannan vecka – 😀';
  const r = JSON.parse(m.calendarIcs(JSON.stringify(long), JSON.stringify({ group: 'g1', start: '2026-12-01T12:00',
    tz: { name: 'Europe/Stockholm', rule: 'CET-1CEST,M3.5.0,M10.5.0/3' }, count: 3, dtstamp, lang: 'sv' })));
  assert.equal(r.ok, true);
  ownChecks(r.value.content, { tz: 'Europe/Stockholm', start: '2026-12-01T12:00' }, [15]);
  // The long summary really was folded, and inside the emoji's neighbourhood no sequence broke.
  assert.ok(r.value.content.split('\r\n').some((l) => l.startsWith(' ')));
  const { event } = icalStarts(r.value.content);
  assert.equal(event.summary, `${long.title.sv}: Gruppträff (grupp g1)`);
  assert.match(event.description, /^• Incheckning \(5 min\)\n• Coachningsrundor \(45 min\)/);
});

test('calendar: bad input is an error that says where', async () => {
  const m = await loadSessionModule();
  const bad = JSON.parse(m.calendarIcs(programText, JSON.stringify({ group: 'g1', start: '2026-12-01 12:00',
    tz: { name: 'Europe/Stockholm', rule: 'CET-1CEST,M3.5.0' }, count: 0, dtstamp: 'now' })));
  assert.equal(bad.ok, false);
  const paths = bad.error.problems.map((p) => `${p.path} ${p.code}`).sort();
  assert.deepEqual(paths, ['/request/count invalid_value', '/request/dtstamp invalid_time', '/request/start invalid_value',
    '/request/tz/rule invalid_tz']);
  const r = spawnSync(`${root}build/native/kollega`, ['calendar', '--program', program, '--group', 'g1', '--start', '2026-12-01T12:00',
    '--tz', '../../etc/passwd'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /not a time zone name/);
  const none = spawnSync(`${root}build/native/kollega`, ['calendar', '--program', program, '--group', 'g1', '--start', '2026-12-01T12:00',
    '--tz', 'Mars/Olympus'], { encoding: 'utf8' });
  assert.equal(none.status, 1);
  assert.match(none.stderr, /unknown time zone "Mars\/Olympus"/);
});

test('calendar: monthly on the 31st and weekly across New York\'s autumn change, as ical.js expands them', async () => {
  const m = await loadSessionModule();
  for (const [cadence, start, tz, rule, count] of [
    ['monthly', '2027-01-31T17:00', 'America/New_York', 'EST5EDT,M3.2.0,M11.1.0', 8],
    ['weekly', '2027-10-25T08:15', 'America/New_York', 'EST5EDT,M3.2.0,M11.1.0', 3],
    ['every-4-weeks', '2027-09-06T07:00', 'Australia/Sydney', 'AEST-10AEDT,M10.1.0,M4.1.0/3', 4],
  ]) {
    const p = JSON.parse(programText);
    p.cadence = cadence;
    const r = JSON.parse(m.calendarIcs(JSON.stringify(p), JSON.stringify({ group: 'g1', start, tz: { name: tz, rule }, count,
      dtstamp, lang: 'en' })));
    assert.equal(r.ok, true, JSON.stringify(r));
    const core = JSON.parse(m.occurrences(cadence, start, JSON.stringify({ name: tz, rule }), count)).value;
    assert.deepEqual(icalStarts(r.value.content).out, core.map((o) => o.start), `${cadence} ${tz}`);
    if (cadence === 'monthly') assert.deepEqual(core.map((o) => o.local.slice(5, 10)),
      ['01-31', '03-31', '05-31', '07-31', '08-31', '10-31', '12-31', '01-31']);
  }
});
