// What Trunk cannot do for the panel's two ways of embedding:
// - replaces Trunk's inline boot script with a file of its own, with
//   Subresource Integrity, so the page runs under a Content-Security-Policy
//   with no inline script (behaviour §4): Trunk 0.21 always writes the boot
//   script inline and has no hash option for it. The boot fetches the wasm
//   with its hash (Chromium ignores `integrity` on a fetch preload, so that
//   preload goes) and says so in the page when a file does not match;
// - writes dist/cbt-stop-panel.js (behaviour §7) from element/cbt-stop-panel.js
//   with the glue inside it (its exports made local: the module exports
//   only the element's class) and this build's file names and hashes.
// It fails the build when it finds nothing to do, or more than it knows.
// Trunk runs it after each build (Trunk.toml's post_build hook, on the
// staging folder); by hand: node tools/boot-file.mjs dist
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.argv[2] || 'dist';
const fail = (why) => {
  console.error(why);
  process.exit(1);
};
const only = (re) => {
  const found = readdirSync(dir).filter((f) => re.test(f));
  if (found.length !== 1) fail(`${dir}: expected one file matching ${re}, found ${found.length}`);
  return found[0];
};
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const file = (name) => ({ name: `./${name}`, integrity: sri(readFileSync(join(dir, name))) });
const glue = file(only(/^cbt-panel-[0-9a-f]+\.js$/));
const wasm = file(only(/^cbt-panel-[0-9a-f]+_bg\.wasm$/));
const css = file(only(/^panel-[0-9a-f]+\.css$/));

// The page: Trunk's inline boot script out, ours in; the wasm preload out.
const page = join(dir, 'index.html');
let html = readFileSync(page, 'utf8');
const inline = [...html.matchAll(/<script type=["']?module["']?>([\s\S]*?)<\/script>/g)];
if (inline.length !== 1 || !/TrunkApplicationStarted/.test(inline[0][1])) {
  fail(`${page}: expected one inline Trunk boot script, found ${inline.length}`);
}
// Trunk minifies the page: attributes come in any order, quoted or not.
const links = [...html.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]);
const has = (tag, name, value) => new RegExp(`\\s${name}=["']?${value.replace(/[.+/=]/g, '\\$&')}["'\\s>]`).test(tag);
const preloads = links.filter((l) => has(l, 'rel', 'preload') && l.includes('_bg.wasm'));
if (preloads.length !== 1) fail(`${page}: expected one preload of the wasm, found ${preloads.length}`);
if (!links.some((l) => has(l, 'rel', 'modulepreload') && has(l, 'href', glue.name) && has(l, 'integrity', glue.integrity))) {
  fail(`${page}: expected the glue's modulepreload with its integrity`);
}
const boot = `// The panel's boot (written by tools/boot-file.mjs). The glue is checked by
// its modulepreload's integrity in the page; the wasm is fetched with its own.
const wasm = fetch(new URL(${JSON.stringify(wasm.name)}, import.meta.url), { integrity: ${JSON.stringify(wasm.integrity)}, credentials: 'same-origin' });
try {
  const glue = await import(${JSON.stringify(glue.name)});
  const instance = await glue.default({ module_or_path: wasm });
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: instance } }));
} catch (e) {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.className = 'boot-error';
  p.textContent = 'The Stop CBT Task panel could not start: one of its files did not match its integrity hash, or could not be loaded (' + (e && e.message || e) + '). Nothing was sent. Reload the page; if it persists, the files on the server were changed.';
  document.body.append(p);
}
`;
const bootName = `boot-${createHash('sha384').update(boot).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, bootName), boot);
html = html.replace(inline[0][0], `<script type="module" src="./${bootName}" integrity="${sri(boot)}" crossorigin></script>`);
html = html.replace(preloads[0], '');
// `trunk serve` (`make dev`) adds its live-reload script inline; it moves
// to a file of its own as well, so the page's policy holds in development
// too. Trunk fills the script's two placeholders only in the page it
// serves, so the file fills them from the page's own address.
const reload = [...html.matchAll(/<script(?: nonce="[^"]*")?>(\s*"use strict";[\s\S]*?\.well-known\/trunk\/ws[\s\S]*?)<\/script>/g)];
if (reload.length > 1) fail(`${page}: expected at most one live-reload script, found ${reload.length}`);
if (reload.length === 1) {
  const code = reload[0][1]
    .replace("'{{__TRUNK_ADDRESS__}}'", 'window.location.host')
    .replace('{{__TRUNK_WS_BASE__}}', "' + new URL('./', document.baseURI).pathname + '");
  writeFileSync(join(dir, 'trunk-live-reload.js'), code);
  html = html.replace(reload[0][0], '<script src="./trunk-live-reload.js"></script>');
  console.log('    live-reload script written to trunk-live-reload.js (trunk serve)');
}
writeFileSync(page, html);
console.log(`    boot script written to ${bootName}`);

// The custom element's module: the glue inside, the build's own file names
// and hashes in place. Each change to the glue is checked: a wasm-bindgen
// whose glue reads otherwise fails the build here.
let code = readFileSync(join(dir, glue.name), 'utf8');
const edits = [
  // The module exports only the element; the glue's classes stay local.
  [/^export class /gm, 'class ', (n) => n >= 1],
  [/^export \{ initSync, __wbg_init as default \};\n?/m, '', (n) => n === 1],
  // Its default wasm path names a file that is not there; ours is WASM.
  [/new URL\('cbt-panel_bg\.wasm', import\.meta\.url\)/g, 'WASM', (n) => n === 1],
];
for (const [re, by, ok] of edits) {
  const n = (code.match(re) || []).length;
  if (!ok(n)) fail(`${glue.name}: ${re} found ${n} times`);
  code = code.replace(re, by);
}
if (/^export /m.test(code) || /import\.meta/.test(code)) fail(`${glue.name}: an export or import.meta left in the glue`);
const names = {
  __WASM__: wasm.name,
  __CSS__: css.name,
  __WASM_INTEGRITY__: wasm.integrity,
  __CSS_INTEGRITY__: css.integrity,
};
let element = readFileSync('element/cbt-stop-panel.js', 'utf8');
for (const [placeholder, value] of Object.entries(names)) {
  if (!element.includes(`'${placeholder}'`)) fail(`element/cbt-stop-panel.js: no '${placeholder}' to fill`);
  element = element.replaceAll(`'${placeholder}'`, `'${value}'`);
}
if (element.split('// __GLUE__\n').length !== 2) fail('element/cbt-stop-panel.js: expected one "// __GLUE__" line');
element = element.replace('// __GLUE__\n', () => `// wasm-bindgen's glue for ${glue.name.slice(2)}, made local:\n${code}\n`);
writeFileSync(join(dir, 'cbt-stop-panel.js'), element);
console.log('    cbt-stop-panel.js written');
