// Finishes Trunk's dist/ for a strict CSP and a small download:
// - moves the inline boot script into its own file with Subresource
//   Integrity, so the page runs with no inline script at all;
// - minifies wasm-bindgen's JS glue (Trunk's own minifier gives up on it),
//   without the stream glue's classes;
// - drops from the wasm the exports of the stream glue Leptos' server
//   functions link in (wasm-streams' IntoUnderlying* classes, which nothing
//   in a client-only panel calls) and optimises it again;
// and updates the integrity attributes to match.
// Usage: node tools/finish-dist.mjs dist
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { minify } from 'terser';

const dir = process.argv[2] || 'dist';
const page = join(dir, 'index.html');
let html = readFileSync(page, 'utf8');
const sri = (code) => `sha384-${createHash('sha384').update(code).digest('base64')}`;

const inline = /<script type=["']?module["']?>([\s\S]*?)<\/script>/;
const m = html.match(inline);
if (m) {
  const code = m[1];
  const name = `boot-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(dir, name), code);
  html = html.replace(inline, `<script type=module src="./${name}" integrity="${sri(code)}" crossorigin></script>`);
  console.log(`    boot script moved to ${name}`);
} else if (!/<script type=["']?module["']? src=/.test(html)) {
  console.error(`${page}: no boot script found`);
  process.exit(1);
}

const setIntegrity = (file, content) => {
  const name = file.replace('.', '\\.');
  const link = new RegExp(`(href=\\.?/?${name}[^>]*?integrity=)[^ >]+|(integrity=)[^ >]+( [^>]*?href=\\.?/?${name})`);
  if (!link.test(html)) {
    console.error(`${page}: no integrity attribute for ${file}`);
    process.exit(1);
  }
  html = html.replace(link, (all, a, b, c) => (a ? `${a}${sri(content)}` : `${b}${sri(content)}${c}`));
};

const wasmOpt = existsSync('node_modules/.bin/wasm-opt') ? 'node_modules/.bin/wasm-opt' : 'wasm-opt';
for (const file of readdirSync(dir).filter((f) => /^cbt-panel-[0-9a-f]+_bg\.wasm$/.test(f))) {
  const path = join(dir, file);
  const before = readFileSync(path).length;
  // The producers and target-features sections are metadata no browser reads.
  execFileSync(wasmOpt, [path, '--remove-exports', '--pass-arg=remove-exports@*intounderlying*', '-Oz', '--strip-producers', '--strip-target-features', '-o', path]);
  setIntegrity(file, readFileSync(path));
  console.log(`    ${file} without unused stream exports: ${before} -> ${readFileSync(path).length} bytes`);
}

for (const file of readdirSync(dir).filter((f) => /^cbt-panel-[0-9a-f]+\.js$/.test(f))) {
  const path = join(dir, file);
  // The stream glue's JS classes go with their wasm exports (above): not
  // exported, and without the statements that touch them, terser drops them.
  const code = readFileSync(path, 'utf8')
    .replace(/^if \(Symbol\.dispose\) IntoUnderlying\w+\.prototype.*$/gm, '')
    .replace(/^export class (IntoUnderlying\w+)/gm, 'class $1');
  const out = await minify(code, { module: true, compress: { passes: 2 }, mangle: true });
  if (out.code.length >= code.length) continue; // already minified
  writeFileSync(path, out.code);
  setIntegrity(file, out.code);
  console.log(`    ${file} minified: ${code.length} -> ${out.code.length} bytes`);
}
writeFileSync(page, html);
