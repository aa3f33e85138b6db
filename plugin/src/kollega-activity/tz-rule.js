// A POSIX TZ rule for an IANA zone, derived from Intl.DateTimeFormat (the core reads no tzdata;
// docs/sessions.md, "Time zone contract"). The offsets in a year are sampled; each change is
// located to the minute by bisection and written as `Mm.w.d/time`.

const MINUTE = 60_000;
const formats = new Map();

function formatFor(zone) {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  return format;
}

/** The zone's offset from UTC in minutes (east positive) at instant `ms`. */
export function offsetMinutes(zone, ms) {
  const parts = Object.fromEntries(formatFor(zone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24, +parts.minute, +parts.second);
  return Math.round((local - Math.floor(ms / 1000) * 1000) / MINUTE);
}

/** `+01`, `-0330`: a quoted-name body for an offset in minutes. */
function abbreviation(minutes) {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const h = String(Math.floor(abs / 60)).padStart(2, '0');
  const m = abs % 60;
  return `${sign}${h}${m ? String(m).padStart(2, '0') : ''}`;
}

/** POSIX offset: west positive, `h[:mm]`. */
function posixOffset(minutes) {
  const west = -minutes;
  const abs = Math.abs(west);
  const text = `${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
  return west < 0 ? `-${text}` : text;
}

/** POSIX time of day (`2`, `3`, `2:30`, `24`, `-1`) from minutes since local midnight. */
function posixTime(minutes) {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(minutes);
  return `${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
}

/** The instant (ms, to the minute) where the offset changes between `lo` and `hi`. */
function bisect(zone, lo, hi) {
  const before = offsetMinutes(zone, lo);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (offsetMinutes(zone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** `Mm.w.d/time` for a transition at `ms`, with `offsetBefore` the offset in effect before it. */
function dateRule(ms, offsetBefore) {
  const local = new Date(ms + offsetBefore * MINUTE);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  const day = local.getUTCDate();
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const week = day + 7 > daysInMonth ? 5 : Math.ceil(day / 7);
  const time = local.getUTCHours() * 60 + local.getUTCMinutes();
  return `M${month + 1}.${week}.${local.getUTCDay()}${time === 120 ? '' : `/${posixTime(time)}`}`;
}

/**
 * `{name, rule}` for the zone (default: this browser's), e.g.
 * `{name: 'Europe/Stockholm', rule: '<+01>-1<+02>,M3.5.0,M10.5.0/3'}`, from the offsets in `year`.
 * Zones without summer time get a bare `<+09>-9`.
 */
export function zoneRule(zone = Intl.DateTimeFormat().resolvedOptions().timeZone, year = new Date().getUTCFullYear()) {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const changes = [];
  const step = 7 * 24 * 60 * MINUTE;
  let previous = offsetMinutes(zone, start);
  for (let t = start + step; t <= end + step; t += step) {
    const now = offsetMinutes(zone, Math.min(t, end));
    if (now !== previous) {
      const at = bisect(zone, t - step, Math.min(t, end));
      changes.push({ at, from: previous, to: now });
      previous = now;
    }
    if (t >= end) break;
  }
  if (changes.length < 2) {
    const offset = offsetMinutes(zone, end - MINUTE);
    return { name: zone, rule: `<${abbreviation(offset)}>${posixOffset(offset)}` };
  }
  // Standard time is the smaller offset; summer time starts where the offset grows.
  const startChange = changes.find((c) => c.to > c.from);
  const endChange = changes.find((c) => c.to < c.from);
  const std = endChange.to;
  const dst = startChange.to;
  const dstPart = dst - std === 60 ? '' : posixOffset(dst);
  return {
    name: zone,
    rule: `<${abbreviation(std)}>${posixOffset(std)}<${abbreviation(dst)}>${dstPart},${dateRule(startChange.at, std)},${dateRule(endChange.at, dst)}`,
  };
}
