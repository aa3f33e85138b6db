// The worker's search loop, apart from the worker so that Node tests can run it against the same
// wasm module: start a GroupsJob, step it in slices of about TARGET_MS, post progress between
// slices, a snapshot of the best result when it improved, and the final result (docs/groups-view.md).

/** How long one slice should take: short enough for a prompt cancel and a lively progress bar. */
const TARGET_MS = 50;
/** The least time between two snapshots of the best result (result() formats every group). */
const SNAPSHOT_MS = 400;

const clock = () => (globalThis.performance ? performance.now() : Date.now());

/** An error envelope in the core's shape. */
export function errorEnvelope(code, message, path = '') {
  return { ok: false, error: { code, message, path, problems: [{ code, message, path }] } };
}

/** Lets queued messages (a `cancel`) in between two slices. */
function yieldToEvents() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function sameCost(a, b) {
  return !!a && !!b && JSON.stringify(a) === JSON.stringify(b);
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch (cause) {
    return errorEnvelope('core_protocol', `The groups module answered something that is not JSON: ${cause.message}`);
  }
}

/**
 * Runs one solve. `request` is the `solve` message ({id, roster, options, lang, maxIterations,
 * slice}); `state.cancelled` is set by the worker when `cancel` arrives; `post` sends a message
 * to the page; `keep(job)` hands the job to the worker (for `explain` later).
 */
export async function runSolve(module, request, state, post, keep = () => {}) {
  const { id, roster, lang = 'en' } = request;
  const options = typeof request.options === 'string' ? request.options : JSON.stringify(request.options ?? {});
  const budget = Math.max(1, Number(request.maxIterations) || 2_000_000);
  const finish = (reason, envelope) => post({ type: 'result', id, reason, envelope });

  const job = new module.GroupsJob(String(roster ?? ''), options);
  keep(job);
  const started = parse(job.start());
  if (!started.ok) return finish('error', started);
  post({ type: 'started', id, value: started.value ?? null });

  let slice = Math.max(1, Number(request.slice) || 50);
  let spent = 0;
  let lastCost = null;
  let snapshotPending = false;
  let lastSnapshot = -Infinity;
  for (;;) {
    const size = Math.min(slice, budget - spent);
    const began = clock();
    const step = parse(job.step(size));
    const elapsed = clock() - began;
    if (!step.ok) return finish('error', step);
    const { done = false, best = null, lowerBound = null } = step.value;
    spent = Number.isFinite(step.value.iterations) ? step.value.iterations : spent + size;
    post({ type: 'progress', id, iterations: spent, maxIterations: budget, cost: best, lowerBound, done });
    if (!sameCost(best, lastCost)) snapshotPending = true;
    lastCost = best;
    if (done) return finish('done', parse(job.result(lang)));
    if (spent >= budget) return finish('budget', parse(job.result(lang)));
    if (snapshotPending && clock() - lastSnapshot >= SNAPSHOT_MS) {
      post({ type: 'snapshot', id, envelope: parse(job.result(lang)) });
      lastSnapshot = clock();
      snapshotPending = false;
    }
    await yieldToEvents();
    if (state.cancelled) return finish('cancelled', parse(job.result(lang)));
    // Aim each slice at about TARGET_MS: the result does not depend on the slicing.
    if (elapsed < TARGET_MS / 2) slice = Math.min(slice * 2, 1 << 24);
    else if (elapsed > TARGET_MS * 2) slice = Math.max(16, Math.floor(slice / 2));
  }
}
