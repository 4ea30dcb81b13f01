// Embedding in Firefox: Playwright cannot drive Debian's Firefox, so this
// speaks W3C WebDriver to geckodriver directly. A host console on one origin
// frames the panel served by zstack-sim on another, and the test checks the
// postMessage protocol end to end: ready, configure, a real stop inside the
// frame, and the outcome.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSim, startStatic, TASKS } from './harness.mjs';

const GECKODRIVER = process.env.GECKODRIVER || 'geckodriver';
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** A minimal W3C WebDriver client: one session, the calls this test needs. */
class Driver {
  constructor(base) {
    this.base = base;
  }
  async call(method, path, body) {
    const r = await fetch(this.base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const v = await r.json();
    if (v.value && v.value.error) throw new Error(`${path}: ${v.value.error}: ${v.value.message}`);
    return v.value;
  }
  async start() {
    const caps = { browserName: 'firefox', 'moz:firefoxOptions': { binary: FIREFOX, args: ['-headless'] } };
    const v = await this.call('POST', '/session', { capabilities: { alwaysMatch: caps } });
    this.session = `/session/${v.sessionId}`;
  }
  go(url) {
    return this.call('POST', `${this.session}/url`, { url });
  }
  run(script, args = []) {
    return this.call('POST', `${this.session}/execute/sync`, { script, args });
  }
  find(css) {
    return this.call('POST', `${this.session}/element`, { using: 'css selector', value: css });
  }
  click(el) {
    return this.call('POST', `${this.session}/element/${el[ELEMENT]}/click`, {});
  }
  frame(el) {
    return this.call('POST', `${this.session}/frame`, { id: el });
  }
  parent() {
    return this.call('POST', `${this.session}/frame/parent`, {});
  }
  /** Runs `script` until it returns something truthy. */
  async until(script, args = [], timeout = 20000) {
    const end = Date.now() + timeout;
    for (;;) {
      const v = await this.run(script, args);
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for: ${script}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  stop() {
    return this.session ? this.call('DELETE', this.session) : undefined;
  }
}

let host;
let sim;
let gecko;
let driver;
let dir;

before(async () => {
  // The host console, on its own origin (localhost vs 127.0.0.1).
  host = await startStatic('http://127.0.0.1:9');
  const hostOrigin = host.base.replace('127.0.0.1', 'localhost');
  // The panel, from a copy of dist/ whose config allows that host.
  dir = mkdtempSync(join(tmpdir(), 'cbt-panel-ff-'));
  cpSync('dist', dir, { recursive: true });
  writeFileSync(join(dir, 'panel.config.json'), JSON.stringify({ allowedOrigins: [hostOrigin] }));
  sim = await startSim(['--dist', dir]);
  const port = await freePort();
  gecko = spawn(GECKODRIVER, ['--port', String(port), '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    gecko.stdout.on('data', (d) => { if (String(d).includes('Listening')) resolve(); });
    gecko.once('exit', (code) => reject(new Error(`geckodriver exited (${code})`)));
  });
  driver = new Driver(`http://127.0.0.1:${port}`);
  await driver.start();
});

after(async () => {
  await driver?.stop().catch(() => {});
  gecko?.kill();
  if (gecko) await once(gecko, 'exit').catch(() => {});
  await sim?.stop();
  await host?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('Firefox: ready, configure and outcome with an allowed host console', async () => {
  const hostOrigin = host.base.replace('127.0.0.1', 'localhost');
  const panelOrigin = sim.base;
  // A page from the host origin, rewritten as the console.
  await driver.go(hostOrigin + '/blank.html');
  await driver.run(`
    window.msgs = [];
    addEventListener('message', (e) => window.msgs.push({ origin: e.origin, data: e.data }));
    const f = document.createElement('iframe');
    f.title = 'panel'; f.width = 900; f.height = 700; f.src = arguments[0];
    document.body.append(f);`, [panelOrigin + '/']);
  const ready = await driver.until(`return window.msgs.find((m) => m.data.type === 'cbt-panel:ready')`);
  assert.deepEqual(ready, { origin: panelOrigin, data: { type: 'cbt-panel:ready', version: 1 } });
  await driver.run(`document.querySelector('iframe').contentWindow.postMessage(
      { type: 'cbt-panel:configure', version: 1, session: arguments[0], uuid: arguments[1], force: true }, arguments[2])`,
  [sim.session, TASKS.created, panelOrigin]);
  // Inside the frame: the form holds what the host sent; press Stop.
  await driver.frame(await driver.find('iframe'));
  const fields = await driver.until(`
    const s = document.querySelector('#session'), u = document.querySelector('#task-uuid');
    return s && s.value && u.value ? [s.value, u.value, document.querySelector('#force').checked] : null`);
  assert.deepEqual(fields, [sim.session, TASKS.created, true]);
  await driver.click(await driver.find('form.form button[type=submit]'));
  await driver.parent();
  const done = await driver.until(`return window.msgs.find((m) => m.data.type === 'cbt-panel:outcome')`);
  assert.equal(done.origin, panelOrigin);
  assert.equal(done.data.outcome, 'stopped');
  assert.equal(done.data.inventory.uuid, TASKS.created);
  assert.equal(done.data.inventory.status, 'Stopped');
  const resizes = await driver.run(`return window.msgs.filter((m) => m.data.type === 'cbt-panel:resize')`);
  assert.ok(resizes.length > 0 && resizes.every((m) => m.data.height > 0));
});

test('Firefox: a host not in allowedOrigins gets nothing', async () => {
  // The same panel framed from the panel's own sibling origin that is not
  // allowed: the static host's 127.0.0.1 name.
  await driver.go(host.base + '/blank.html');
  await driver.run(`
    window.msgs = [];
    addEventListener('message', (e) => window.msgs.push(e.data));
    const f = document.createElement('iframe');
    f.src = arguments[0];
    document.body.append(f);`, [sim.base + '/']);
  // Positive control: the panel did boot in the frame (its stop button is
  // drawn by the wasm), so the silence below is the origin check's doing.
  await driver.frame(await driver.find('iframe'));
  await driver.until(`return document.querySelector('form.form button[type=submit]') !== null`);
  await driver.parent();
  await new Promise((r) => setTimeout(r, 1000));
  assert.deepEqual(await driver.run('return window.msgs'), []);
});

test('Firefox: <cbt-stop-panel> mounts in its shadow root, stops a task and tells its host by an event', async () => {
  // A host page on the panel's own origin: the element's module, nothing inline.
  writeFileSync(join(dir, 'element-host.html'), '<!doctype html><title>host</title>'
    + '<script type="module" src="./cbt-stop-panel.js"></script>'
    + '<cbt-stop-panel id="a" lang="en"></cbt-stop-panel>');
  await driver.go(sim.base + '/element-host.html');
  const inside = (css) => `document.querySelector('#a').shadowRoot.querySelector(${JSON.stringify(css)})`;
  await driver.until(`return ${inside('form.form button[type=submit]')} !== null`);
  await driver.run(`
    window.outcomes = [];
    document.addEventListener('cbt-panel-outcome', (e) => window.outcomes.push({ composed: e.composed, detail: e.detail }));
    const el = document.querySelector('#a');
    el.session = arguments[0];
    const uuid = ${inside('#task-uuid')};
    uuid.value = arguments[1];
    uuid.dispatchEvent(new Event('input'));
    ${inside('form.form button[type=submit]')}.click();`, [sim.session, TASKS.created]);
  const got = await driver.until('return window.outcomes.length > 0 && window.outcomes');
  assert.equal(got[0].composed, true);
  assert.equal(got[0].detail.type, 'cbt-panel:outcome');
  assert.equal(got[0].detail.outcome, 'stopped');
  assert.equal(await driver.run(`return ${inside('[role=region]')}.dataset.outcome`), 'stopped');
  assert.equal(await driver.run('return document.querySelector("#a").getAttribute("session")'), null);
});
