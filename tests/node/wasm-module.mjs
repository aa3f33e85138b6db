// Loads the built wasm module in node (tests only). The 3.1.6 glue would fetch() a file path,
// so the binary is read here and passed in as wasmBinary.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

let cached;
/** The raw Embind module (functions return JSON envelopes as strings). */
export function loadRawModule() {
  cached ??= import(`${root}build/wasm/kollega-core.mjs`).then(({ default: create }) =>
    create({ wasmBinary: readFileSync(`${root}build/wasm/kollega-core.wasm`) }));
  return cached;
}

let coachCached;
/** The coach's module (cohortView, exportFile as well as everything the learner's has). */
export function loadCoachModule() {
  coachCached ??= import(`${root}build/wasm/kollega-coach-core.mjs`).then(({ default: create }) =>
    create({ wasmBinary: readFileSync(`${root}build/wasm/kollega-coach-core.wasm`) }));
  return coachCached;
}

let groupsCached;
/** The group formation module (parseRoster, GroupsJob; docs/groups.md). */
export function loadGroupsModule() {
  groupsCached ??= import(`${root}build/wasm/kollega-groups.mjs`).then(({ default: create }) =>
    create({ wasmBinary: readFileSync(`${root}build/wasm/kollega-groups.wasm`) }));
  return groupsCached;
}
