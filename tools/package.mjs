// Writes dist/cbt-stop-panel/: <cbt-stop-panel> as a package a console team
// installs (`npm install <path>`, or `npm pack` it) (behaviour §7.1). Its
// files are dist's own, copied: the element module tools/boot-file.mjs
// wrote (the glue inside), the wasm and stylesheet it names, and beside
// them the types, the Custom Elements Manifest and the package's README
// from element/.
// Usage: node tools/package.mjs dist
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] || 'dist';
const out = join(dir, 'cbt-stop-panel');
const fail = (why) => {
  console.error(why);
  process.exit(1);
};
const module = readFileSync(join(dir, 'cbt-stop-panel.js'), 'utf8');
// Every file the module names, as `new URL('./file', import.meta.url)`.
const named = [...module.matchAll(/new URL\('\.\/([^']+)', import\.meta\.url\)/g)].map((m) => m[1]);
if (named.length !== 2) fail(`${dir}/cbt-stop-panel.js: expected two files named by new URL, found ${named.length}`);
const cargo = readFileSync('Cargo.toml', 'utf8').match(/^version = "([^"]+)"/m);
if (!cargo) fail('Cargo.toml: no version');

rmSync(out, { recursive: true, force: true });
mkdirSync(out);
for (const f of ['cbt-stop-panel.js', ...named]) copyFileSync(join(dir, f), join(out, f));
for (const f of ['cbt-stop-panel.d.ts', 'custom-elements.json', 'README.md']) copyFileSync(join('element', f), join(out, f));
const files = ['cbt-stop-panel.js', ...named, 'cbt-stop-panel.d.ts', 'custom-elements.json', 'README.md'];
const pkg = {
  name: 'cbt-stop-panel',
  version: cargo[1],
  description: "<cbt-stop-panel>: stop ZStack CBT tasks (DisableCbtTask), one or several, from any console page",
  license: 'Apache-2.0',
  type: 'module',
  main: './cbt-stop-panel.js',
  module: './cbt-stop-panel.js',
  types: './cbt-stop-panel.d.ts',
  exports: {
    '.': { types: './cbt-stop-panel.d.ts', default: './cbt-stop-panel.js' },
    './custom-elements.json': './custom-elements.json',
    './package.json': './package.json',
  },
  customElements: 'custom-elements.json',
  sideEffects: ['./cbt-stop-panel.js'],
  files,
  keywords: ['zstack', 'cbt', 'custom-element', 'web-component'],
};
writeFileSync(join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
console.log(`    ${out}/ written (${files.length} files and package.json)`);
