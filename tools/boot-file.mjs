// What Trunk cannot do for the panel's two ways of embedding:
// - moves Trunk's inline boot script into a file of its own, with
//   Subresource Integrity, so the page runs under a Content-Security-Policy
//   with no inline script (CONTRACT §4): Trunk 0.21 always writes the boot
//   script inline and has no hash option for it;
// - writes dist/cbt-stop-panel.js (CONTRACT §7) from element/cbt-stop-panel.js
//   with this build's hashed file names.
// It fails the build when it finds nothing to do, or more than it knows.
// Usage: node tools/boot-file.mjs dist
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.argv[2] || 'dist';
const page = join(dir, 'index.html');
let html = readFileSync(page, 'utf8');
const inline = /<script type=["']?module["']?>([\s\S]*?)<\/script>/g;
const found = [...html.matchAll(inline)];
if (found.length !== 1 || !/TrunkApplicationStarted/.test(found[0][1])) {
  console.error(`${page}: expected one inline Trunk boot script, found ${found.length}`);
  process.exit(1);
}
const code = found[0][1].trim() + '\n';
const hash = createHash('sha384').update(code).digest();
const file = `boot-${hash.subarray(0, 8).toString('hex')}.js`;
writeFileSync(join(dir, file), code);
const integrity = `sha384-${hash.toString('base64')}`;
html = html.replace(found[0][0], `<script type="module" src="./${file}" integrity="${integrity}" crossorigin></script>`);
writeFileSync(page, html);
console.log(`    boot script moved to ${file}`);

// The custom element's module, with the build's own file names.
const only = (re) => {
  const found = readdirSync(dir).filter((f) => re.test(f));
  if (found.length !== 1) {
    console.error(`${dir}: expected one file matching ${re}, found ${found.length}`);
    process.exit(1);
  }
  return found[0];
};
const names = {
  __GLUE__: `./${only(/^cbt-panel-[0-9a-f]+\.js$/)}`,
  __WASM__: `./${only(/^cbt-panel-[0-9a-f]+_bg\.wasm$/)}`,
  __CSS__: `./${only(/^panel-[0-9a-f]+\.css$/)}`,
};
let element = readFileSync('element/cbt-stop-panel.js', 'utf8');
for (const [placeholder, name] of Object.entries(names)) {
  if (!element.includes(`'${placeholder}'`)) {
    console.error(`element/cbt-stop-panel.js: no '${placeholder}' to fill`);
    process.exit(1);
  }
  element = element.replaceAll(`'${placeholder}'`, `'${name}'`);
}
writeFileSync(join(dir, 'cbt-stop-panel.js'), element);
console.log('    cbt-stop-panel.js written');
