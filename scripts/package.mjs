#!/usr/bin/env node
// LMS packages of the built plugin and one program (docs/packages.md): a deterministic zip
// writer (fflate), the SCORM 1.2 / 2004 4th edition manifests and the cmi5 course structure. `make dist` calls
// `buildPackages`; run alone: node scripts/package.mjs [scorm12|scorm2004|cmi5 …] [--program id|file] [--out dir]
// A package kind is an entry of PACKAGES: `(context) => [{path, data}]` with every file of the
// zip (the manifest included); other kinds (cmi5) add their own entry.
import { zipSync } from 'fflate';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The program a package carries when none is chosen: the first built-in of the README. */
export const DEFAULT_PROGRAM = 'leaders-learning-group';

/** Every zip entry gets this time (the zip format's epoch, 1980-01-01 local): same input, same bytes. */
const ZIP_TIME = new Date(1980, 0, 1, 0, 0, 0);

/**
 * A zip (deflate, level 9) of `[{path, data}]`, entries sorted by path, fixed times and
 * attributes: the same files always give the same bytes.
 */
export function writeZip(files) {
  const tree = {};
  for (const { path, data } of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (path in tree) throw new Error(`${path} is in the package twice`);
    tree[path] = [typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data), { level: 9, mtime: ZIP_TIME, os: 3, attrs: 0o100644 << 16 }];
  }
  return zipSync(tree, { level: 9, mtime: ZIP_TIME });
}

/** `id` (a built-in, e.g. `peer-support`) or a path to a program file -> the file's path. */
export function resolveProgram(choice = DEFAULT_PROGRAM) {
  const builtIn = join(root, 'programs', `${choice}.json`);
  if (/^[A-Za-z0-9-]+$/.test(choice) && existsSync(builtIn)) return builtIn;
  const file = resolve(choice);
  if (!existsSync(file)) throw new Error(`PROGRAM=${choice}: no built-in program of that id and no such file`);
  return file;
}

const xmlEscape = (text) => String(text).replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);

/** The title of a program in its default language (its id if it has none). */
function programTitle(program) {
  const title = program.title;
  if (typeof title === 'string') return title;
  return title?.[program.defaultLanguage] ?? title?.en ?? Object.values(title ?? {})[0] ?? program.id;
}

/** The launch page: the element with the host, the program next to it, nothing inline (CSP). */
export function launchPage({ host, title, lang }) {
  return `<!doctype html>
<html lang="${xmlEscape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${xmlEscape(title)}</title>
<link rel="stylesheet" href="page.css">
<script type="module" src="page-lang.js"></script>
<script type="module" src="kollega.js"></script>
</head>
<body>
<main>
<kollega-app host="${host}" program="program.json"></kollega-app>
</main>
</body>
</html>
`;
}

/** Follows the browser's language when Kollega speaks it (the page's lang is the fallback). */
const PAGE_LANG_JS = `// The learner's browser language, when Kollega has it, for <kollega-app> (it reads the page's lang).
const lang = (navigator.language || '').toLowerCase().split('-')[0];
const known = { en: 'en', sv: 'sv', nb: 'nb', no: 'nb', nn: 'nb', nl: 'nl' };
if (known[lang]) document.documentElement.lang = known[lang];
`;

const PAGE_CSS = `body { margin: 0; padding: 1rem; font-family: system-ui, sans-serif; background: #fff; color: #1a1a1a; }
main { max-width: 50rem; margin: 0 auto; }
`;

/** SCORM 1.2 (ADL SCORM 1.2 CAM) imsmanifest.xml: one organization, one item, one SCO. */
export function scorm12Manifest({ id, title, files }) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="kollega-${xmlEscape(id)}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="kollega-org">
    <organization identifier="kollega-org">
      <title>${xmlEscape(title)}</title>
      <item identifier="kollega-item" identifierref="kollega-sco" isvisible="true">
        <title>${xmlEscape(title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="kollega-sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
${files.map((f) => `      <file href="${xmlEscape(f)}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;
}

/**
 * SCORM 2004 4th edition imsmanifest.xml: one SCO that sets its own completion and success
 * (deliveryControls), so the LMS never marks it complete just because it was opened.
 */
export function scorm2004Manifest({ id, title, files }) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="kollega-${xmlEscape(id)}" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="kollega-org">
    <organization identifier="kollega-org">
      <title>${xmlEscape(title)}</title>
      <item identifier="kollega-item" identifierref="kollega-sco" isvisible="true">
        <title>${xmlEscape(title)}</title>
        <imsss:sequencing>
          <imsss:deliveryControls tracked="true" completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="kollega-sco" type="webcontent" adlcp:scormType="sco" href="index.html">
${files.map((f) => `      <file href="${xmlEscape(f)}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;
}

/** What every package carries for the learner: the bundle, the engine, and the session views with
 * their module (kollega-activities.js + kollega-session.wasm, loaded when a learner opens a session,
 * a feedback form, a role-play, goals or the schedule). */
const LEARNER_FILES = ['kollega.js', 'kollega-core.wasm', 'kollega-activities.js', 'kollega-session.wasm'];

/** The files every SCORM package carries from build/plugin (the learner's files and the SCORM host). */
export const SCORM_PLUGIN_FILES = [...LEARNER_FILES, 'kollega-scorm.js'];

function scormPackage(host, manifest) {
  return ({ pluginDir, programFile }) => {
    const programText = readFileSync(programFile, 'utf8');
    const program = JSON.parse(programText);
    const title = programTitle(program);
    const content = [
      { path: 'index.html', data: launchPage({ host, title, lang: program.defaultLanguage ?? 'en' }) },
      { path: 'page-lang.js', data: PAGE_LANG_JS },
      { path: 'page.css', data: PAGE_CSS },
      { path: 'program.json', data: programText },
      ...SCORM_PLUGIN_FILES.map((f) => ({ path: f, data: readFileSync(join(pluginDir, f)) })),
    ];
    const files = content.map((f) => f.path).sort();
    return [...content, { path: 'imsmanifest.xml', data: manifest({ id: program.id, title, files }) }];
  };
}

/** The files the cmi5 package carries from build/plugin: the learner's files and the cmi5 host. */
export const CMI5_PLUGIN_FILES = [...LEARNER_FILES, 'kollega-cmi5.js'];

/** The IRI a cmi5 course of a program gets unless the admin chooses one (COURSE_IRI). */
export function cmi5CourseIri(programId) {
  return `https://kollega.app/cmi5/programs/${encodeURIComponent(programId)}`;
}

/**
 * cmi5.xml (cmi5 CourseStructure.xsd): one course, one AU launched at index.html. moveOn is
 * CompletedAndPassed when the program has a pass threshold (it then is the AU's masteryScore),
 * else Completed. Titles and descriptions in every language of the program.
 */
export function cmi5CourseStructure({ program, courseIri = cmi5CourseIri(program.id), launchUrl = 'index.html' }) {
  const threshold = program.grading?.passThreshold;
  const mastery = typeof threshold === 'number' && threshold > 0 && threshold <= 1 ? threshold : null;
  const langstrings = (text, indent) => {
    const map = typeof text === 'string' ? { [program.defaultLanguage ?? 'en']: text } : text ?? {};
    const entries = Object.entries(map);
    if (!entries.length) entries.push([program.defaultLanguage ?? 'en', program.id]);
    return entries.map(([lang, value]) => `${indent}<langstring lang="${xmlEscape(lang)}">${xmlEscape(value)}</langstring>`).join('\n');
  };
  const title = langstrings(program.title, '      ');
  const description = langstrings(program.description ?? program.title, '      ');
  const auAttributes = [
    `id="${xmlEscape(`${courseIri}/au`)}"`,
    `moveOn="${mastery === null ? 'Completed' : 'CompletedAndPassed'}"`,
    ...(mastery === null ? [] : [`masteryScore="${mastery}"`]),
    'launchMethod="AnyWindow"',
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${xmlEscape(courseIri)}">
    <title>
${title}
    </title>
    <description>
${description}
    </description>
  </course>
  <au ${auAttributes.join(' ')}>
    <title>
${title}
    </title>
    <description>
${description}
    </description>
    <url>${xmlEscape(launchUrl)}</url>
  </au>
</courseStructure>
`;
}

function cmi5Package({ pluginDir, programFile }) {
  const programText = readFileSync(programFile, 'utf8');
  const program = JSON.parse(programText);
  const title = programTitle(program);
  return [
    { path: 'index.html', data: launchPage({ host: 'cmi5', title, lang: program.defaultLanguage ?? 'en' }) },
    { path: 'page-lang.js', data: PAGE_LANG_JS },
    { path: 'page.css', data: PAGE_CSS },
    { path: 'program.json', data: programText },
    ...CMI5_PLUGIN_FILES.map((f) => ({ path: f, data: readFileSync(join(pluginDir, f)) })),
    { path: 'cmi5.xml', data: cmi5CourseStructure({ program, courseIri: process.env.COURSE_IRI || undefined }) },
  ];
}

/** Package kinds: name -> {file, files(context)}. */
export const PACKAGES = {
  scorm12: { file: 'kollega-scorm12.zip', files: scormPackage('scorm12', scorm12Manifest) },
  scorm2004: { file: 'kollega-scorm2004.zip', files: scormPackage('scorm2004', scorm2004Manifest) },
  cmi5: { file: 'kollega-cmi5.zip', files: cmi5Package },
};

/**
 * Writes the packages `kinds` into `outDir` for `program` (id or file).
 * @returns {{kind: string, file: string, bytes: number, entries: number}[]}
 */
export function buildPackages({ kinds = Object.keys(PACKAGES), program, outDir = join(root, 'dist'), pluginDir = join(root, 'build/plugin') } = {}) {
  const programFile = resolveProgram(program);
  mkdirSync(outDir, { recursive: true });
  return kinds.map((kind) => {
    const spec = PACKAGES[kind];
    if (!spec) throw new Error(`unknown package kind ${kind}: one of ${Object.keys(PACKAGES).join(', ')}`);
    const files = spec.files({ pluginDir, programFile });
    const zip = writeZip(files);
    const file = join(outDir, spec.file);
    writeFileSync(file, zip);
    return { kind, file, program: basename(programFile), bytes: zip.length, entries: files.length };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  try {
    const program = option('--program') || process.env.PROGRAM || undefined;
    const outDir = option('--out');
    const kinds = args.length ? args : undefined;
    for (const r of buildPackages({ kinds, program, outDir })) console.log(`${r.file}: ${r.entries} files, ${r.bytes} bytes (${r.program})`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
