// Moves Trunk's inline boot script into a file of its own, with Subresource
// Integrity, so the page runs under a Content-Security-Policy with no inline
// script (CONTRACT §4). Trunk 0.21 always writes the boot script inline and
// has no hash option for it; this is the one step Trunk cannot do. It fails
// the build when it finds nothing to do, or more than one inline script.
// Usage: node tools/boot-file.mjs dist
import { readFileSync, writeFileSync } from 'node:fs';
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
