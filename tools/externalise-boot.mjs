// Moves Trunk's inline boot script into its own file with Subresource
// Integrity, so the page runs under a CSP with no inline script at all.
// Usage: node tools/externalise-boot.mjs dist
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.argv[2] || 'dist';
const page = join(dir, 'index.html');
const html = readFileSync(page, 'utf8');
const inline = /<script type=["']?module["']?>([\s\S]*?)<\/script>/;
const m = html.match(inline);
if (!m) {
  if (/<script type=["']?module["']? src=/.test(html)) process.exit(0); // already done
  console.error(`${page}: no inline boot script found`);
  process.exit(1);
}
const code = m[1];
const name = `boot-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
const sri = `sha384-${createHash('sha384').update(code).digest('base64')}`;
writeFileSync(join(dir, name), code);
writeFileSync(page, html.replace(inline, `<script type=module src="./${name}" integrity="${sri}" crossorigin></script>`));
console.log(`    boot script moved to ${name}`);
