// End-to-end: the shipped files are checked (behaviour §6.1). A copy of
// dist/ with one file changed, as a CDN or a proxy might serve it: the page
// and the element each refuse it with a plain message and send nothing;
// the page's boot leaves no global behind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSim, startBrowser, startStatic } from './harness.mjs';

let sim;
let browser;
before(async () => {
  sim = await startSim();
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
  await sim?.stop();
});

/** dist/ copied, with two bytes of the file matching `re` changed. */
function tampered(re) {
  const dir = mkdtempSync(join(tmpdir(), 'cbt-tampered-'));
  cpSync('dist', dir, { recursive: true });
  const name = readdirSync(dir).find((f) => re.test(f));
  const bytes = readFileSync(join(dir, name));
  // Past any header, inside a comment, string or code: the file still loads
  // as what it is, only its hash differs.
  const at = Math.floor(bytes.length / 2);
  bytes[at] ^= 0x01;
  bytes[at + 1] ^= 0x01;
  writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, 'host.html'), `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'">
<title>host</title><script type="module" src="./cbt-stop-panel.js"></script></head>
<body><cbt-stop-panel id="a"></cbt-stop-panel></body></html>`);
  return dir;
}

async function open(base, path) {
  const context = await browser.newContext({ locale: 'en-US' });
  await context.addInitScript(() => {
    window.__errors = [];
    document.addEventListener('cbt-panel-error', (e) => window.__errors.push({ detail: e.detail, bubbles: e.bubbles, composed: e.composed }));
  });
  const page = await context.newPage();
  page.posts = [];
  page.on('request', (r) => { if (r.method() !== 'GET') page.posts.push(r.url()); });
  await page.goto(base + path);
  return page;
}

for (const [what, re] of [['wasm', /_bg\.wasm$/], ['stylesheet', /^panel-[0-9a-f]+\.css$/]]) {
  test(`a changed ${what}: the element says it cannot start, dispatches cbt-panel-error, sends nothing`, async () => {
    const server = await startStatic(sim.base, { '/': tampered(re) });
    try {
      const page = await open(server.base, '/host.html');
      const el = page.locator('cbt-stop-panel#a');
      const alert = el.getByRole('alert');
      await alert.waitFor({ timeout: 15000 });
      assert.match(await alert.textContent(), /could not start: .*integrity hash.*Nothing was sent/);
      await page.waitForFunction(() => window.__errors.length === 1);
      const [error] = await page.evaluate(() => window.__errors);
      assert.equal(error.detail.type, 'cbt-panel:error');
      assert.equal(error.detail.version, 1);
      assert.match(error.detail.message, /integrity/);
      assert.ok(error.bubbles && error.composed);
      assert.equal(await el.getByRole('button', { name: 'Stop CBT Task' }).count(), 0, 'the panel never started');
      assert.deepEqual(page.posts, []);
    } finally {
      await server.stop();
    }
  });
}

for (const [what, re] of [['wasm', /_bg\.wasm$/], ['glue', /^cbt-panel-[0-9a-f]+\.js$/]]) {
  test(`a changed ${what}: the page says it cannot start and sends nothing`, async () => {
    const server = await startStatic(sim.base, { '/': tampered(re) });
    try {
      const page = await open(server.base, '/');
      const alert = page.locator('body > p.boot-error[role=alert]');
      await alert.waitFor({ timeout: 15000 });
      assert.match(await alert.textContent(), /could not start: .*integrity hash.*Nothing was sent/);
      assert.equal(await page.getByRole('button', { name: 'Stop CBT Task' }).count(), 0);
      assert.deepEqual(page.posts, []);
    } finally {
      await server.stop();
    }
  });
}

test('the element holds its glue: a changed glue file beside it changes nothing, and it is never fetched', async () => {
  const server = await startStatic(sim.base, { '/': tampered(/^cbt-panel-[0-9a-f]+\.js$/) });
  try {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(server.base + '/host.html');
    await page.locator('cbt-stop-panel#a').getByRole('button', { name: 'Stop CBT Task' }).waitFor({ timeout: 15000 });
    assert.ok(!fetched.some((p) => /\/cbt-panel-[0-9a-f]+\.js$/.test(p)), fetched.join());
    assert.equal(await page.evaluate(() => Object.keys(window).filter((k) => /wasm|bindings/i.test(k)).length), 0);
  } finally {
    await server.stop();
  }
});

test('the untouched files start, fetch the wasm with its integrity, and leave no global on the page', async () => {
  const page = await open(sim.base, '/');
  await page.getByRole('button', { name: 'Stop CBT Task' }).waitFor();
  assert.equal(await page.evaluate(() => 'wasmBindings' in window), false);
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length);
  assert.equal(wasm, 1, 'fetched once (no unused preload beside it)');
  const boot = readFileSync('dist/index.html', 'utf8').match(/src="\.\/(boot-[0-9a-f]+\.js)"/)[1];
  assert.match(readFileSync(join('dist', boot), 'utf8'), /fetch\(new URL\("\.\/cbt-panel-[0-9a-f]+_bg\.wasm", import\.meta\.url\), \{ integrity: "sha384-/);
});
