// End-to-end: <cbt-stop-panel> (behaviour §7) in Debian's Chromium: two
// elements on a host page whose own CSS restyles buttons and inputs and
// whose CSP is strict (no 'unsafe-inline'), the module loaded from another
// path than the page's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSim, startBrowser, startStatic, TASKS } from './harness.mjs';

let sim;
let host;
let browser;

/** The host console's page: strict CSP, its own styles, two elements. */
const HOST_PAGE = `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:">
<title>host console</title>
<link rel="stylesheet" href="/host.css">
<script type="module" src="/cdn/cbt-stop-panel.js"></script>
<script type="module" src="/cdn/cbt-stop-panel.js?again"></script>
</head><body>
<h1>Host console</h1>
<cbt-stop-panel id="a" lang="en"></cbt-stop-panel>
<cbt-stop-panel id="b" lang="zh" theme="dark"></cbt-stop-panel>
</body></html>`;

const HOST_CSS = `button { background: rgb(255, 0, 0) !important; font-size: 40px; }
input { border: 7px solid rgb(0, 255, 0); }
#b { --cbt-accent: rgb(1, 2, 3); }`;

before(async () => {
  sim = await startSim(['--job-delay-ms', '300']);
  const dir = mkdtempSync(join(tmpdir(), 'cbt-host-'));
  writeFileSync(join(dir, 'index.html'), HOST_PAGE);
  writeFileSync(join(dir, 'host.css'), HOST_CSS);
  host = await startStatic(sim.base, { '/cdn/': 'dist', '/': dir });
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
  await host?.stop?.();
  await sim?.stop();
});

async function hostPage() {
  const context = await browser.newContext({ locale: 'en-US' });
  await context.addInitScript(() => {
    window.__csp = [];
    window.__events = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    for (const type of ['cbt-panel-ready', 'cbt-panel-outcome', 'cbt-panel-batch']) {
      document.addEventListener(type, (e) => window.__events.push({ id: e.target.id, type, detail: e.detail, bubbles: e.bubbles, composed: e.composed }));
    }
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(host.base + '/');
  await page.waitForFunction(() => window.__events.filter((e) => e.type === 'cbt-panel-ready').length === 2);
  return page;
}

const panel = (page, id) => page.locator(`cbt-stop-panel#${id}`);

test('two elements work independently, tell their host by events, and keep the session out of the DOM', async () => {
  const page = await hostPage();
  await page.evaluate(([base, s]) => {
    for (const el of document.querySelectorAll('cbt-stop-panel')) {
      el.setAttribute('api-base', base);
      el.session = s;
    }
  }, [host.base, sim.session]);
  const a = panel(page, 'a');
  const b = panel(page, 'b');
  await a.getByLabel('Task UUID').fill(TASKS.myTask);
  await a.getByRole('button', { name: 'Stop CBT Task' }).click();
  await b.getByLabel('任务 UUID').fill(TASKS.created);
  await b.getByRole('button', { name: '停止 CBT 任务' }).click();
  await a.locator('[role=region][data-outcome="stopped"]').waitFor({ timeout: 15000 });
  await b.locator('[role=region][data-outcome="stopped"]').waitFor({ timeout: 15000 });
  const events = await page.evaluate(() => window.__events.filter((e) => e.type === 'cbt-panel-outcome'));
  assert.deepEqual(events.map((e) => [e.id, e.detail.type, e.detail.version, e.detail.outcome, e.detail.inventory.uuid]).sort(), [
    ['a', 'cbt-panel:outcome', 1, 'stopped', TASKS.myTask],
    ['b', 'cbt-panel:outcome', 1, 'stopped', TASKS.created],
  ]);
  assert.ok(events.every((e) => e.bubbles && e.composed));
  // The session is a property only: never an attribute, never in the DOM.
  const dom = await page.evaluate(() => [...document.querySelectorAll('cbt-stop-panel')]
    .map((el) => el.outerHTML + el.shadowRoot.innerHTML + [...el.attributes].map((x) => x.value).join()).join());
  assert.ok(!dom.includes(sim.session), 'the session appears nowhere in the DOM');
  assert.equal(await page.evaluate(() => document.querySelector('#a').session), undefined);
  // An attribute named session is ignored.
  await page.evaluate(() => document.querySelector('#a').setAttribute('session', '0123456789abcdef0123456789abcdef'));
  assert.notEqual(await a.getByLabel('Session UUID').inputValue(), '0123456789abcdef0123456789abcdef');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(page.errors, []);
});

test('the page\'s styles do not reach in; custom properties theme it', async () => {
  const page = await hostPage();
  const button = panel(page, 'a').getByRole('button', { name: 'Stop CBT Task' });
  const style = await button.evaluate((el) => {
    const s = getComputedStyle(el);
    return { bg: s.backgroundColor, size: s.fontSize };
  });
  assert.notEqual(style.bg, 'rgb(255, 0, 0)');
  assert.notEqual(style.size, '40px');
  const border = await panel(page, 'a').getByLabel('Task UUID').evaluate((el) => getComputedStyle(el).borderTopWidth);
  assert.notEqual(border, '7px');
  const accent = await panel(page, 'b').getByRole('button', { name: '停止 CBT 任务' })
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(accent, 'rgb(1, 2, 3)', '--cbt-accent set on the element reaches the button');
  // And the panel's styles do not leak out.
  assert.equal(await page.locator('body > h1').evaluate((el) => getComputedStyle(el).fontFamily.includes('ui-monospace')), false);
});

test('an invalid attribute gets the configuration\'s message inside the element', async () => {
  const page = await hostPage();
  await page.evaluate(() => document.querySelector('#a').setAttribute('max-parallel-stops', '99'));
  await panel(page, 'a').getByRole('alert').filter({ hasText: 'maxParallelStops must be a whole number from 1 to 16' }).waitFor();
  await page.evaluate(() => document.querySelector('#a').setAttribute('max-parallel-stops', '2'));
  await panel(page, 'a').getByRole('alert').waitFor({ state: 'detached' });
});

test('removing an element mid-stop sends nothing more; added again it starts afresh', async () => {
  const page = await hostPage();
  await page.evaluate(([base, s]) => {
    const el = document.querySelector('#a');
    el.setAttribute('api-base', base);
    el.session = s;
  }, [host.base, sim.session]);
  const a = panel(page, 'a');
  await a.getByLabel('Task UUID').fill('fa110000000000000000000000000002');
  await a.getByRole('button', { name: 'Stop CBT Task' }).click();
  await a.locator('.job-id').waitFor();
  await page.waitForTimeout(300);
  await page.evaluate(() => { window.__kept = document.querySelector('#a'); window.__kept.remove(); });
  const after = sim.log().length;
  await page.waitForTimeout(2500);
  const polls = sim.log().slice(after).split('\n').filter((l) => /api-jobs/.test(l));
  assert.deepEqual(polls, [], 'no poll after removal');
  await page.evaluate(() => document.body.append(window.__kept));
  await a.getByRole('button', { name: 'Stop CBT Task' }).waitFor();
  assert.equal(await a.getByLabel('Task UUID').inputValue(), '', 'a fresh panel');
  assert.equal(await a.locator('[role=region]').getAttribute('data-outcome'), null);
});

test('NaN, Infinity and 1e400 are refused with the key\'s message, under a title that names the attributes', async () => {
  const page = await hostPage();
  const a = panel(page, 'a');
  for (const [name, value, rule] of [
    ['max-parallel-stops', 'NaN', 'maxParallelStops must be a whole number from 1 to 16'],
    ['max-parallel-stops', 'Infinity', 'maxParallelStops must be a whole number from 1 to 16'],
    ['request-timeout-ms', '1e400', 'requestTimeoutMs must be a positive whole number'],
    ['request-timeout-ms', '-Infinity', 'requestTimeoutMs must be a positive whole number'],
  ]) {
    await page.evaluate(([n, v]) => document.querySelector('#a').setAttribute(n, v), [name, value]);
    const alert = a.locator('.config-error[role=alert]');
    await alert.filter({ hasText: rule }).waitFor();
    assert.equal(await alert.locator('h2').textContent(), 'Configuration error in the attributes of <cbt-stop-panel>', `${name}=${value}`);
    assert.ok(!(await alert.textContent()).includes('panel.config.json'));
    await page.evaluate((n) => document.querySelector('#a').removeAttribute(n), name);
    await alert.waitFor({ state: 'detached' });
  }
});

test('a host\'s duplicate task UUIDs count once and none stays "checking"', async () => {
  const page = await hostPage();
  await page.evaluate(([base, s, u]) => {
    const el = document.querySelector('#a');
    el.setAttribute('api-base', base);
    el.session = s;
    el.taskUuids = [u, u.toUpperCase(), ` ${u} `];
  }, [host.base, sim.session, TASKS.myTask]);
  const a = panel(page, 'a');
  await a.locator('.selected-count').filter({ hasText: /^1 task selected$/ }).waitFor();
  await page.waitForTimeout(500);
  assert.equal(await a.locator('.doubtful li').count(), 0, 'nothing left checking or unknown');
});

test('remember-session="tab": each element keeps its own session under its id, reads it back, clears it when unticked', async () => {
  const page = await hostPage();
  const one = '0123456789abcdef0123456789abcdef';
  const two = 'fedcba9876543210fedcba9876543210';
  await page.evaluate(() => document.querySelectorAll('cbt-stop-panel').forEach((el) => el.setAttribute('remember-session', 'tab')));
  const a = panel(page, 'a');
  const b = panel(page, 'b');
  await a.getByLabel('Session UUID').fill(one);
  await a.getByLabel('Remember for this tab').check();
  await b.getByLabel('会话 UUID').fill(two);
  await b.getByLabel('在此标签页中记住').check();
  const kept = () => page.evaluate(() => Object.fromEntries(Object.entries(sessionStorage)));
  assert.deepEqual(await kept(), { 'cbt-panel.session:a': one, 'cbt-panel.session:b': two });
  // Removed for good and added again, A starts afresh and reads its own back.
  await page.evaluate(async () => {
    window.__kept = document.querySelector('#a');
    window.__kept.remove();
    await new Promise((r) => setTimeout(r, 50));
    document.body.append(window.__kept);
  });
  await a.getByLabel('Remember for this tab').waitFor();
  assert.equal(await a.getByLabel('Session UUID').inputValue(), one);
  assert.equal(await a.getByLabel('Remember for this tab').isChecked(), true);
  await a.getByLabel('Remember for this tab').uncheck();
  assert.deepEqual(await kept(), { 'cbt-panel.session:b': two });
  // Without an id there is no key of its own: the option is not offered.
  await page.evaluate(() => {
    const el = document.createElement('cbt-stop-panel');
    el.className = 'anonymous';
    el.setAttribute('remember-session', 'tab');
    document.body.append(el);
  });
  const anonymous = page.locator('cbt-stop-panel.anonymous');
  await anonymous.getByLabel('Session UUID').waitFor();
  assert.equal(await anonymous.getByLabel('Remember for this tab').count(), 0);
});

test('session and taskUuids set before the module loads, and inside cbt-panel-ready, take effect', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(host.base + '/blank.html');
  await page.evaluate(async ([base, s, early, inReady]) => {
    // Before the element is defined: own properties, upgraded by the class.
    const first = document.createElement('cbt-stop-panel');
    first.id = 'early';
    first.setAttribute('api-base', base);
    first.session = s;
    first.taskUuids = [early];
    document.body.append(first);
    // Set synchronously inside the ready handler.
    const second = document.createElement('cbt-stop-panel');
    second.id = 'in-ready';
    second.setAttribute('api-base', base);
    second.addEventListener('cbt-panel-ready', () => {
      second.session = s;
      second.taskUuids = [inReady];
    });
    document.body.append(second);
    await import('/cdn/cbt-stop-panel.js');
  }, [host.base, sim.session, TASKS.myTask, TASKS.created]);
  for (const [id, uuid] of [['early', TASKS.myTask], ['in-ready', TASKS.created]]) {
    const el = page.locator(`cbt-stop-panel#${id}`);
    await el.locator('.selected-count').filter({ hasText: /^1 task selected$/ }).waitFor({ timeout: 15000 });
    assert.equal(await el.locator('.doubtful li').count(), 0, `${id}: its task is known`);
    assert.equal(await el.getByLabel('Session UUID').inputValue(), `••••${sim.session.slice(-4)}`, `${id}: the session, masked`);
    assert.equal(await page.evaluate((i) => Object.prototype.hasOwnProperty.call(document.getElementById(i), 'session'), id), false, 'no own property hides the setter');
    await el.getByRole('button', { name: 'Stop selected tasks' }).click();
    await el.locator('[role=region][data-outcome="batch"]').waitFor({ timeout: 15000 });
    assert.equal(await el.locator('table.results tr[data-task-uuid]').getAttribute('data-task-uuid'), uuid);
  }
  await context.close();
});
