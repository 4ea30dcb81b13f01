// Finishes Trunk's dist/ for a strict CSP and a small download:
// - moves the inline boot script to the end of the JS glue, the page's one
//   module script, with Subresource Integrity: no inline script at all;
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

// Trunk's inline boot script imports the JS glue, starts the wasm and
// announces it. Its statements go at the end of the glue itself, which
// becomes the page's one module script (with Subresource Integrity, set once
// the glue is final): the page runs with no inline script, and the browser
// fetches and compiles one module instead of two, about 12 ms sooner to a
// usable button (README, "Speed").
const inline = /<script type=["']?module["']?>([\s\S]*?)<\/script>/;
const m = html.match(inline);
let boot = null;
if (m) {
  const from = m[1].match(/from ["']\.\/(cbt-panel-[0-9a-f]+\.js)["']/);
  const wasmPath = m[1].match(/module_or_path: ["']([^"']+)["']/);
  if (!from || !wasmPath || !/dispatchEvent\(new CustomEvent\("TrunkApplicationStarted"/.test(m[1])) {
    console.error(`${page}: the boot script is not the one this script knows`);
    process.exit(1);
  }
  boot = { glue: from[1], wasm: wasmPath[1] };
  html = html.replace(inline, `<script type=module src="./${boot.glue}" integrity="" crossorigin></script>`);
  // The glue is now the page's script: preloading it as a module as well
  // only repeats it.
  html = html.replace(new RegExp(`<link [^>]*href=\\.?/?${boot.glue.replace('.', '\\.')}[^>]*rel=modulepreload>`), '');
  // A preload left behind would carry the glue's old integrity, and a
  // module map that holds a failed preload can fail the page's script.
  if (html.includes('modulepreload')) {
    console.error(`${page}: a modulepreload link is left after the boot script moved`);
    process.exit(1);
  }
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

const renames = new Map();
const wasmOpt = existsSync('node_modules/.bin/wasm-opt') ? 'node_modules/.bin/wasm-opt' : 'wasm-opt';
for (const file of readdirSync(dir).filter((f) => /^cbt-panel-[0-9a-f]+_bg\.wasm$/.test(f))) {
  const path = join(dir, file);
  const before = readFileSync(path).length;
  // wasm-bindgen's import names carry a hash each and its closure exports
  // their whole Rust type paths, spelt out in the wasm and again in the JS
  // glue: they become one or two letters in both (binaryen prints the
  // renaming; the JS is rewritten to match below). About 4 KB gzip.
  // The producers and target-features sections are metadata no browser reads.
  const glue = readdirSync(dir).find((f) => f === file.replace(/_bg\.wasm$/, '.js'));
  const fresh = glue && readFileSync(join(dir, glue), 'utf8').includes('function __wbg_get_imports()');
  const printed = execFileSync(wasmOpt, [path, '--remove-exports', '--pass-arg=remove-exports@*intounderlying*', '-Oz',
    ...(fresh ? ['--minify-imports-and-exports-and-modules'] : []), '--strip-producers', '--strip-target-features', '-o', path]);
  if (fresh) renames.set(glue, JSON.parse(printed.toString()));
  setIntegrity(file, readFileSync(path));
  console.log(`    ${file} without unused stream exports${fresh ? ', short import and export names' : ''}: ${before} -> ${readFileSync(path).length} bytes`);
}

/** The JS glue with the wasm's new import and export names; fails loudly on an import it cannot place. */
function rename(code, { imports, exports }) {
  const modules = new Set(imports.map(([m]) => m));
  if (modules.size !== 1) throw new Error(`imports from ${modules.size} modules`);
  const [module] = modules;
  const moduleKey = `${JSON.stringify(module)}: import0`;
  if (!code.includes(moduleKey)) throw new Error(`no import object for ${module}`);
  code = code.replace(moduleKey, '"a": import0');
  for (const [, name, short] of imports) {
    const key = new RegExp(`(\\n\\s+)${name.replace(/\$/g, '\\$')}(: function)`, 'g');
    if ((code.match(key) || []).length !== 1) throw new Error(`import ${name}: not one key in the JS glue`);
    code = code.replace(key, (all, before, after) => before + short + after);
  }
  // What is left under a long name is an import the optimised wasm no
  // longer has (binaryen drops an unused one): its shim goes too.
  code = code.replace(/\n {8}__wbg\w+: function\([^)]*\) \{[\s\S]*?\n {8}\},/g, '');
  for (const [name, short] of exports) {
    const use = new RegExp(`\\bwasm\\.${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
    // An export the glue never uses (such as `__wbindgen_free` here) needs no rewrite.
    code = code.replace(use, () => `wasm.${short}`);
  }
  return code;
}

for (const file of readdirSync(dir).filter((f) => /^cbt-panel-[0-9a-f]+\.js$/.test(f))) {
  const path = join(dir, file);
  // The stream glue's JS classes go with their wasm exports (above): not
  // exported, and without the statements that touch them (their
  // finalization registries too, which terser keeps for the constructor
  // call), terser drops them.
  let code = readFileSync(path, 'utf8')
    .replace(/^if \(Symbol\.dispose\) IntoUnderlying\w+\.prototype.*$/gm, '')
    .replace(/^const IntoUnderlying\w+Finalization = \(typeof FinalizationRegistry === 'undefined'\)\n.*\n.*\);$/gm, '')
    .replace(/^export class (IntoUnderlying\w+)/gm, 'class $1');
  if (renames.has(file)) code = rename(code, renames.get(file));
  // A string handed to the wasm is copied by a JS loop a character at a
  // time while it is ASCII, and that loop runs cold on a first stop: a
  // reply's body (180 KB for a 1,500-deep error chain) goes through the
  // engine's own encoder in one call instead (README, "Speed").
  const copyIn = 'function passStringToWasm0(arg, malloc, realloc) {\n    if (realloc === undefined) {';
  if (!code.includes(copyIn)) throw new Error(`${file}: no passStringToWasm0 of the shape this script knows`);
  code = code.replace(copyIn, copyIn.replace('realloc === undefined', 'realloc === undefined || arg.length > 2048'));
  if (boot && boot.glue === file) {
    // Boots the panel (Trunk's boot script, without the global of the glue's
    // exports nothing here reads); the exports go, as the module is the
    // page's own.
    const exports = /^export \{ initSync, __wbg_init as default \};$/m;
    if (!exports.test(code)) throw new Error(`${file}: no export line to replace`);
    // The boot below passes `{ module_or_path }`, so the branch that warns
    // about the old positional argument (and its message) can go.
    const legacy = /\n    if \(module_or_path !== undefined\) \{\n        if \(Object\.getPrototypeOf\(module_or_path\) === Object\.prototype\) \{\n            \(\{module_or_path\} = module_or_path\)\n        \} else \{\n            console\.warn\('using deprecated parameters for the initialization function; pass a single object instead'\)\n        \}\n    \}\n/;
    if (!legacy.test(code)) throw new Error(`${file}: no init argument check of the shape this script knows`);
    code = code.replace(legacy, '\n    ({ module_or_path } = module_or_path);\n');
    code = code.replace(exports, `const started = await __wbg_init({ module_or_path: ${JSON.stringify(boot.wasm)} });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: started } }));`);
  }
  const out = await minify(code, { module: true, compress: { passes: 2 }, mangle: true });
  if (out.code.length >= code.length) continue; // already minified
  writeFileSync(path, out.code);
  if (boot && boot.glue === file) {
    html = html.replace(`src="./${file}" integrity=""`, `src="./${file}" integrity="${sri(out.code)}"`);
  } else {
    setIntegrity(file, out.code);
  }
  console.log(`    ${file} minified: ${code.length} -> ${out.code.length} bytes`);
}
if (html.includes('integrity=""')) {
  console.error(`${page}: the boot module has no integrity`);
  process.exit(1);
}
// Trunk leaves its own `data-integrity` instruction on the stylesheet's link
// beside the `integrity` it wrote: no browser reads it.
html = html.replace(/ data-integrity=["']?sha384["']?/g, '');
writeFileSync(page, html);
