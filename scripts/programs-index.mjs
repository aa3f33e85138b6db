// The list of built-in programs (programs/*.json) that the admin page's picker shows:
// `[{id, file, title}]`, sorted by id; `title` is the program's language map. Used by
// scripts/build-plugin.mjs (writes build/plugin/programs/index.json) and scripts/serve.mjs
// (answers /programs/index.json from the live folder).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The program files of a folder (every `*.json` but `index.json`), sorted. */
export function programFiles(dir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => name.endsWith('.json') && name !== 'index.json').sort();
}

/** `[{id, file, title}]` for the programs of a folder; a file that is not JSON is listed by name. */
export function programsIndex(dir) {
  return programFiles(dir).map((file) => {
    const id = file.slice(0, -'.json'.length);
    try {
      const program = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const title = program && typeof program.title === 'object' ? program.title : id;
      return { id, file, title };
    } catch {
      return { id, file, title: id };
    }
  });
}
