// The plugin's POSIX TZ rule, derived from Intl (plugin/src/kollega-activity/tz-rule.js), against
// the rule tzdata itself ships: the footer of /usr/share/zoneinfo/<zone> (TZif v2+). Names may
// differ (`<+01>` for `CET`); offsets and transition rules must not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { zoneRule, offsetMinutes } from '../../plugin/src/kollega-activity/tz-rule.js';

const ZONES = [
  'Europe/Stockholm',
  'Europe/Oslo',
  'Europe/Amsterdam',
  'Europe/London',
  'America/New_York',
  'America/St_Johns',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'America/Sao_Paulo',
];

/** The TZif footer: the POSIX rule after the last newline but one. */
function tzdataRule(zone) {
  const text = readFileSync(`/usr/share/zoneinfo/${zone}`).toString('latin1');
  const lines = text.split('\n');
  return lines[lines.length - 2];
}

/** A rule without its names: `-1 ,M3.5.0,M10.5.0/3`; a DST offset of std+1 h is written out. */
function normalize(rule) {
  const names = /<[^>]*>|[A-Za-z]{3,}/g;
  const [head, ...dates] = rule.split(',');
  const offsets = head.split(names).filter((s) => s !== '');
  if (dates.length && offsets.length === 1) {
    const [h, m = '0'] = offsets[0].replace('-', '').split(':');
    const std = (offsets[0].startsWith('-') ? -1 : 1) * (Number(h) * 60 + Number(m));
    const dst = std - 60;
    offsets.push(`${dst < 0 ? '-' : ''}${Math.floor(Math.abs(dst) / 60)}${Math.abs(dst) % 60 ? `:${String(Math.abs(dst) % 60).padStart(2, '0')}` : ''}`);
  }
  const time = (d) => (d.includes('/') ? d : `${d}/2`);
  return [offsets.join(' '), ...dates.map(time)].join(',');
}

for (const zone of ZONES) {
  test(`tz rule: ${zone} matches tzdata's own rule (Debian tzdata)`, () => {
    const derived = zoneRule(zone, 2026);
    assert.equal(derived.name, zone);
    assert.equal(normalize(derived.rule), normalize(tzdataRule(zone)), `${derived.rule} vs ${tzdataRule(zone)}`);
  });
}

test('tz rule: offsets from Intl (east positive) around the Stockholm change of 2026-03-29', () => {
  assert.equal(offsetMinutes('Europe/Stockholm', Date.parse('2026-03-29T00:59:00Z')), 60);
  assert.equal(offsetMinutes('Europe/Stockholm', Date.parse('2026-03-29T01:00:00Z')), 120);
  assert.equal(offsetMinutes('Asia/Kolkata', Date.parse('2026-06-01T00:00:00Z')), 330);
});
