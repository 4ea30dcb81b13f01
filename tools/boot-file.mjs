// What Trunk cannot do for the panel's two ways of embedding:
// - replaces Trunk's inline boot script with a file of its own, with
//   Subresource Integrity, so the page runs under a Content-Security-Policy
//   with no inline script (CONTRACT §4): Trunk 0.21 always writes the boot
//   script inline and has no hash option for it. The boot fetches the wasm
//   with its hash (Chromium ignores `integrity` on a fetch preload, so that
//   preload goes) and says so in the page when a file does not match;
// - writes dist/cbt-stop-panel.js (CONTRACT §7) from element/cbt-stop-panel.js
//   with this build's file names and their hashes.
// It fails the build when it finds nothing to do, or more than it knows.
// Usage: node tools/boot-file.mjs dist
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
writeFileSync(page, html);
console.log(`    boot script written to ${bootName}`);

// The custom element's module, with the build's own file names and hashes.
const names = {
  __GLUE__: glue.name,
  __WASM__: wasm.name,
  __CSS__: css.name,
  __GLUE_INTEGRITY__: glue.integrity,
  __WASM_INTEGRITY__: wasm.integrity,
  __CSS_INTEGRITY__: css.integrity,
};
let element = readFileSync('element/cbt-stop-panel.js', 'utf8');
for (const [placeholder, value] of Object.entries(names)) {
  if (!element.includes(`'${placeholder}'`)) fail(`element/cbt-stop-panel.js: no '${placeholder}' to fill`);
  element = element.replaceAll(`'${placeholder}'`, `'${value}'`);
}
writeFileSync(join(dir, 'cbt-stop-panel.js'), element);
console.log('    cbt-stop-panel.js written');
