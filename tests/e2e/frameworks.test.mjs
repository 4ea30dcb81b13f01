// End-to-end: <cbt-stop-panel> as a package a console team installs
// (behaviour §7.1). `npm pack` of dist/cbt-stop-panel goes into the Vue 3
// and React 19 apps in examples/ (pinned devDependencies, `npm ci`); each
// is type-checked in strict mode with only the package's types, built with
// `vite build`, and driven in Debian's Chromium under a strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSim, startBrowser, startStatic, TASKS } from './harness.mjs';

const APPS = ['vue', 'react'];
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:";
const NO_WASM = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'";
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

let sim;
let browser;
const servers = {};

before(async () => {
  rmSync('target/pack', { recursive: true, force: true });
  mkdirSync('target/pack', { recursive: true });
  const tarball = join(process.cwd(), 'target/pack', run('npm', ['pack', './dist/cbt-stop-panel', '--pack-destination', 'target/pack'], '.').trim().split('\n').pop());
  sim = await startSim(['--job-delay-ms', '300']);
  for (const app of APPS) {
    const dir = join('examples', app);
    run('npm', ['ci', '--no-audit', '--no-fund'], dir);
    run('npm', ['install', '--no-save', '--no-audit', '--no-fund', tarball], dir);
    // Vite's dev server keeps its pre-bundled copy of a dependency while the
    // lock file stays the same: this build's package must not meet an old one.
    rmSync(join(dir, 'node_modules/.vite'), { recursive: true, force: true });
    run('npm', ['run', '-s', 'check'], dir); // strict, with only the package's types
    rmSync(join(dir, 'dist'), { recursive: true, force: true });
    run('npm', ['run', '-s', 'build'], dir);
    const built = readFileSync(join(dir, 'dist/index.html'), 'utf8');
    // The same app under a strict CSP, and under one that refuses wasm.
    for (const [name, csp] of [['csp.html', CSP], ['no-wasm.html', NO_WASM]]) {
      writeFileSync(join(dir, 'dist', name), built.replace('<head>', `<head>\n<meta http-equiv="Content-Security-Policy" content="${csp}">`));
    }
    // The console's own stylesheet, for the style test.
    writeFileSync(join(dir, 'dist', 'host.css'), '* { font-family: "Comic Sans MS", fantasy; letter-spacing: .75px; line-height: 3; color: rgb(255, 0, 0); } :root { --cbt-accent: rgb(1, 2, 3); }');
    servers[app] = await startStatic(sim.base, { '/': join(dir, 'dist') });
  }
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
  for (const s of Object.values(servers)) await s.stop();
  await sim?.stop();
});

async function open(app, page = 'csp.html', query = {}) {
  const context = await browser.newContext({ locale: 'en-US' });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const p = await context.newPage();
  p.errors = [];
  p.on('pageerror', (e) => p.errors.push(String(e)));
  const search = new URLSearchParams({ api: servers[app].base, session: sim.session, ...query });
  await p.goto(`${servers[app].base}/${page}?${search}`);
  return p;
}

const polls = (from) => sim.log().slice(from).split('\n').filter((l) => /api-jobs/.test(l));

for (const app of APPS) {
  test(`${app}: the package's files are dist's own, emitted by vite build`, () => {
    const assets = readdirSync(join('examples', app, 'dist', 'assets'));
    const wasm = assets.filter((f) => f.endsWith('.wasm'));
    assert.equal(wasm.length, 1);
    const ours = readdirSync('dist').find((f) => f.endsWith('_bg.wasm'));
    assert.deepEqual(readFileSync(join('examples', app, 'dist', 'assets', wasm[0])), readFileSync(join('dist', ours)), 'the same wasm, not a second build');
    assert.ok(assets.some((f) => f.endsWith('.css')), 'the stylesheet is emitted');
    assert.ok(!assets.some((f) => f.startsWith('cbt-panel-') && f.endsWith('.js')), 'the glue is inside the module, not a file of its own');
  });

  test(`${app}: renders, takes the bound session, stops a task and tells its uuid`, async () => {
    const page = await open(app);
    const panel = page.locator('cbt-stop-panel#panel');
    await panel.getByRole('button', { name: 'Stop CBT Task' }).waitFor();
    // The session the host bound is shown masked, never readable.
    assert.equal(await panel.getByLabel('Session UUID').inputValue(), `••••${sim.session.slice(-4)}`);
    const inputs = await panel.evaluate((el) => [...el.shadowRoot.querySelectorAll('input, textarea')].map((i) => i.value).join());
    assert.ok(!inputs.includes(sim.session));
    await panel.getByLabel('Task UUID').fill(TASKS.myTask);
    await panel.getByRole('button', { name: 'Stop CBT Task' }).click();
    await panel.locator('[role=region][data-outcome="stopped"]').waitFor({ timeout: 15000 });
    await page.waitForFunction(() => window.seen.some((d) => d.type === 'cbt-panel:outcome'));
    const told = await page.evaluate(() => window.seen.find((d) => d.type === 'cbt-panel:outcome'));
    assert.equal(told.uuid, TASKS.myTask);
    assert.equal(told.outcome, 'stopped');
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(page.errors, []);
  });

  test(`${app}: a batch from the bound taskUuids, set before the element was ready`, async () => {
    const page = await open(app, 'csp.html', { uuids: [TASKS.created, TASKS.myTask].join(',') });
    const panel = page.locator('cbt-stop-panel#panel');
    await panel.locator('.selected-count').filter({ hasText: /^2 tasks selected$/ }).waitFor({ timeout: 15000 });
    await panel.getByRole('button', { name: 'Stop selected tasks' }).click();
    await panel.getByRole('dialog').getByRole('button', { name: 'Stop 2 tasks' }).click();
    await panel.locator('[role=region][data-outcome="batch"]').waitFor({ timeout: 20000 });
    await page.waitForFunction(() => window.seen.some((d) => d.type === 'cbt-panel:batch'));
    const batch = await page.evaluate(() => window.seen.find((d) => d.type === 'cbt-panel:batch'));
    assert.deepEqual(batch.results.map((r) => r.uuid), [TASKS.created, TASKS.myTask]);
    assert.ok(batch.results.every((r) => !('code' in r) || r.code), 'code only where there is one');
    const outcomes = await page.evaluate(() => window.seen.filter((d) => d.type === 'cbt-panel:outcome').map((d) => d.uuid));
    assert.deepEqual(outcomes.sort(), [TASKS.created, TASKS.myTask].sort());
  });

  test(`${app}: a move keeps the form and leaves nothing behind; unmounting mid-stop sends nothing after`, async () => {
    const page = await open(app);
    const panel = page.locator('cbt-stop-panel#panel');
    await panel.getByRole('button', { name: 'Stop CBT Task' }).waitFor();
    await page.evaluate(() => { window.__el = document.querySelector('cbt-stop-panel'); });
    await panel.getByLabel('Task UUID').fill(TASKS.hang);
    await page.locator('#move').click();
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => document.querySelector('cbt-stop-panel') === window.__el), true, 'the same element, moved');
    assert.equal(await page.evaluate(() => document.querySelector('.note').compareDocumentPosition(document.querySelector('cbt-stop-panel')) & Node.DOCUMENT_POSITION_FOLLOWING), 4);
    assert.equal(await panel.getByLabel('Task UUID').inputValue(), TASKS.hang, 'the form is kept');
    assert.equal(await panel.evaluate((el) => el.shadowRoot.querySelectorAll(':host > div, div:not(div div)').length), 1, 'one mount, no empty one left');
    await panel.getByRole('button', { name: 'Stop CBT Task' }).click();
    await panel.locator('.job-id').waitFor();
    await page.locator('#move').click();
    await page.waitForTimeout(300);
    assert.equal(await panel.locator('[role=region]').getAttribute('data-outcome'), 'waiting', 'the stop goes on through a move');
    await page.locator('#toggle').click();
    await page.waitForTimeout(300);
    const from = sim.log().length;
    await page.waitForTimeout(2500);
    assert.deepEqual(polls(from), [], 'no poll after the element went away');
  });

  test(`${app}: the page's inherited styles do not reach in; a :root variable themes it`, async () => {
    const page = await open(app);
    await page.addStyleTag({ url: './host.css' });
    const button = page.locator('cbt-stop-panel#panel').getByRole('button', { name: 'Stop CBT Task' });
    await button.waitFor();
    const s = await button.evaluate((el) => {
      const c = getComputedStyle(el);
      const label = getComputedStyle(el.getRootNode().querySelector('label'));
      return { bg: c.backgroundColor, spacing: label.letterSpacing, font: label.fontFamily, color: label.color, line: label.lineHeight };
    });
    assert.equal(s.bg, 'rgb(1, 2, 3)', '--cbt-accent on :root reaches the button');
    assert.equal(s.spacing, 'normal');
    assert.ok(!s.font.includes('Comic'), s.font);
    assert.notEqual(s.color, 'rgb(255, 0, 0)');
    assert.notEqual(s.line, `${3 * parseFloat(await button.evaluate((el) => getComputedStyle(el).fontSize))}px`);
  });

  test(`${app}: a CSP that refuses the wasm: a message inside and cbt-panel-error, nothing sent`, async () => {
    const page = await open(app, 'no-wasm.html');
    const panel = page.locator('cbt-stop-panel#panel');
    await panel.getByRole('alert').waitFor({ timeout: 15000 });
    assert.match(await panel.getByRole('alert').textContent(), /could not start/);
    await page.waitForFunction(() => window.seen.some((d) => d.type === 'cbt-panel:error'));
    const error = await page.evaluate(() => window.seen.find((d) => d.type === 'cbt-panel:error'));
    assert.equal(error.version, 1);
    assert.match(error.message, /could not start/);
  });
}

/** A free port on loopback. */
async function freePort() {
  const s = createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address();
  s.close();
  return port;
}

for (const app of APPS) {
  test(`${app}: vite's dev server serves the package's files as they are, and the panel starts`, async () => {
    const port = await freePort();
    const dev = spawn('npx', ['vite', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
      cwd: join('examples', app), stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    try {
      let out = '';
      dev.stdout.on('data', (d) => { out += d; });
      for (let i = 0; i < 100 && !out.includes('ready in'); i++) await new Promise((r) => setTimeout(r, 100));
      const context = await browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/?${new URLSearchParams({ api: `http://127.0.0.1:${port}` })}`);
      await page.locator('cbt-stop-panel#panel').getByRole('button', { name: 'Stop CBT Task' }).waitFor({ timeout: 30000 });
      assert.equal(await page.evaluate(() => window.seen.filter((d) => d.type === 'cbt-panel:error').length), 0);
      await context.close();
    } finally {
      process.kill(-dev.pid);
    }
  });
}
