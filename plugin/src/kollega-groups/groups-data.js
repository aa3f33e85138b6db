// Pure helpers of <kollega-groups> (no DOM): who met whom across rounds, the downloads (the coach
// view's groups.json, all rounds, CSV), swaps and the pins sent to the solver (docs/groups-view.md).

/** The 1-based line of a roster problem (`/lines/N/...`, or `/roster/lines/N/...`), or null. */
export function problemLine(problem) {
  const match = /^(?:\/roster)?\/lines\/(\d+)/.exec(problem?.path ?? '');
  return match ? Number(match[1]) : null;
}

/** A key for an unordered pair of learner ids. */
export function pairKey(a, b) {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/**
 * Meetings per pair over `rounds` (each a list of groups of ids) and the `history` (past rounds
 * in the same shape): `Map<pairKey, {count, rounds: number[]}>`; history rounds are numbered -1.
 */
export function meetings(rounds, history = []) {
  const met = new Map();
  const add = (groups, round) => {
    for (const group of groups) {
      for (let i = 0; i < group.length; i += 1) {
        for (let j = i + 1; j < group.length; j += 1) {
          const key = pairKey(group[i], group[j]);
          const entry = met.get(key) ?? { count: 0, rounds: [] };
          entry.count += 1;
          entry.rounds.push(round);
          met.set(key, entry);
        }
      }
    }
  };
  history.forEach((groups) => add(groups, -1));
  rounds.forEach((groups, r) => add(groups, r));
  return met;
}

/**
 * The met matrix: learners ordered by department then name (so the department blocks show),
 * each learner's partners, and the totals. `learners` are the roster's `{id, name, department}`.
 */
export function metMatrix(learners, rounds, history = [], collator = new Intl.Collator('en')) {
  const order = [...learners].sort(
    (a, b) => collator.compare(a.department ?? '', b.department ?? '') || collator.compare(a.name || a.id, b.name || b.id),
  );
  const index = new Map(order.map((l, i) => [l.id, i]));
  const met = meetings(rounds, history);
  const cells = [];
  const partners = new Map(order.map((l) => [l.id, []]));
  let repeats = 0;
  for (const [key, { count, rounds: when }] of met) {
    const [a, b] = key.split('\u0000');
    if (!index.has(a) || !index.has(b)) continue;
    cells.push({ row: index.get(a), col: index.get(b), count });
    cells.push({ row: index.get(b), col: index.get(a), count });
    partners.get(a).push({ id: b, count, rounds: when });
    partners.get(b).push({ id: a, count, rounds: when });
    if (count > 1) repeats += 1;
  }
  return { order, cells, partners, pairsMet: cells.length / 2, repeats };
}

/** The ids of group `g` in round `r` of a result: `r{r+1}-g{g+1}`. */
export function groupId(round, group) {
  return `r${round + 1}-g${group + 1}`;
}

/** One round as the groups.json the coach dashboard reads: `{"groups":[{"id","members"}]}`. */
export function coachGroupsJson(result, round) {
  const groups = result.rounds[round]?.groups ?? [];
  return { groups: groups.map((members, g) => ({ id: groupId(round, g), members: [...members] })) };
}

/** One CSV field, quoted when it must be (RFC 4180). */
function csvField(value) {
  const text = String(value ?? '');
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Every round as CSV: `round,group,id,name,department,manager_id`, one row per learner per round (CRLF). */
export function groupsCsv(result, learners) {
  const byId = new Map(learners.map((l) => [l.id, l]));
  const rows = [['round', 'group', 'id', 'name', 'department', 'manager_id']];
  result.rounds.forEach((round, r) =>
    round.groups.forEach((members, g) =>
      members.forEach((id) => {
        const l = byId.get(id) ?? {};
        rows.push([r + 1, groupId(r, g), id, l.name ?? '', l.department ?? '', l.managerId ?? '']);
      }),
    ),
  );
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The options JSON for the solver: the form's choices plus the pins. */
export function solverOptions(form, pins, history = []) {
  const pairs = form.mode !== 'groups' || form.sizeKind === 'pairs';
  const options = {
    size: pairs ? { min: 2, max: 2 } : { min: form.min, max: form.max },
    rounds: form.rounds,
    seed: form.seed,
    mode: form.mode,
    reportingDepth: form.reportingDepth,
  };
  if (history.length) options.history = history;
  if (pins.keepTogether.length) options.keepTogether = pins.keepTogether.map((p) => [...p]);
  if (pins.keepApart.length) options.keepApart = pins.keepApart.map((p) => [...p]);
  if (pins.locked.length) options.locked = pins.locked.map(({ round, members }) => ({ round, members: [...members] }));
  return options;
}

/** A key for a group whatever the order of its members: the ids sorted, space-separated. */
export function groupKey(members) {
  return [...members].sort().join(' ');
}

/** True if the two members sets are the same group. */
function sameMembers(a, b) {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

/**
 * Swaps learners `a` and `b` (in different groups of round `round`) in `result` (a new result is
 * returned; the round's `edited` lists the groupKey of every group changed by hand) and locks both groups as swapped in `pins` (a new pins object): a lock on either old
 * group is replaced by the new one. Returns null if the two are not in different groups of that round.
 */
export function swapLearners(result, pins, round, a, b) {
  const groups = result.rounds[round]?.groups;
  if (!groups) return null;
  const ga = groups.findIndex((g) => g.includes(a));
  const gb = groups.findIndex((g) => g.includes(b));
  if (ga < 0 || gb < 0 || ga === gb) return null;
  const next = groups.map((g) => [...g]);
  next[ga] = next[ga].map((id) => (id === a ? b : id));
  next[gb] = next[gb].map((id) => (id === b ? a : id));
  const edited = [...new Set([...(groups[ga] && groups[gb] ? (result.rounds[round].edited ?? []) : []), groupKey(next[ga]), groupKey(next[gb])])].filter(
    (key) => next.some((g) => groupKey(g) === key),
  );
  const rounds = result.rounds.map((r, i) => (i === round ? { ...r, groups: next, edited } : r));
  const oldA = groups[ga];
  const oldB = groups[gb];
  const locked = pins.locked.filter((l) => !(l.round === round && (sameMembers(l.members, oldA) || sameMembers(l.members, oldB))));
  locked.push({ round, members: [...next[ga]] }, { round, members: [...next[gb]] });
  return { result: { ...result, rounds }, pins: { ...pins, locked }, groups: [ga, gb] };
}

/** True if `members` of round `round` are locked in `pins`. */
export function isLocked(pins, round, members) {
  return pins.locked.some((l) => l.round === round && sameMembers(l.members, members));
}

/** Locks or unlocks a group; returns new pins. */
export function toggleLock(pins, round, members) {
  if (isLocked(pins, round, members)) {
    return { ...pins, locked: pins.locked.filter((l) => !(l.round === round && sameMembers(l.members, members))) };
  }
  return { ...pins, locked: [...pins.locked, { round, members: [...members] }] };
}

/** Adds a keep-together or keep-apart pair (`kind`), dropping the same pair from the other list. */
export function addPairPin(pins, kind, a, b) {
  const other = kind === 'keepTogether' ? 'keepApart' : 'keepTogether';
  const key = pairKey(a, b);
  const without = (list) => list.filter(([x, y]) => pairKey(x, y) !== key);
  return { ...pins, [kind]: [...without(pins[kind]), [a, b]], [other]: without(pins[other]) };
}

/**
 * Past rounds from a file an admin kept: the coach's groups.json (`{"groups":[{"members"}]}`, one
 * round), this view's all-rounds JSON (`{"rounds":[{"groups":[[ids]]}]}`) or a bare array of rounds.
 * Returns `{ok: true, rounds}` or `{ok: false, path, message}` (a JSON Pointer into the file).
 */
export function parseHistory(text) {
  let data;
  try {
    data = JSON.parse(String(text ?? '').replace(/^\uFEFF/, ''));
  } catch (cause) {
    return { ok: false, path: '', message: `not JSON: ${cause.message}` };
  }
  const group = (value, path) => {
    const members = Array.isArray(value) ? value : value?.members;
    if (!Array.isArray(members) || !members.every((m) => typeof m === 'string')) {
      throw { path, message: 'a group must be a list of learner ids (or an object with "members")' };
    }
    return [...members];
  };
  const round = (value, path) => {
    const groups = Array.isArray(value) ? value : value?.groups;
    if (!Array.isArray(groups)) throw { path, message: 'a round must be a list of groups (or an object with "groups")' };
    return groups.map((g, i) => group(g, `${path}/${Array.isArray(value) ? '' : 'groups/'}${i}`));
  };
  try {
    if (Array.isArray(data)) return { ok: true, rounds: data.map((r, i) => round(r, `/${i}`)) };
    if (Array.isArray(data?.rounds)) return { ok: true, rounds: data.rounds.map((r, i) => round(r, `/rounds/${i}`)) };
    if (Array.isArray(data?.groups)) return { ok: true, rounds: [round(data, '')] };
  } catch (problem) {
    return { ok: false, ...problem };
  }
  return { ok: false, path: '', message: 'expected {"groups": [...]}, {"rounds": [...]} or a list of rounds' };
}

/** Pins with none set. */
export function emptyPins() {
  return { keepTogether: [], keepApart: [], locked: [] };
}
