// End-to-end: the built panel (dist/) in Debian's Chromium against zstack-sim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simAndBrowser, SHOTS, startStatic, openPanel, fillForm, result, outcome, inlineScriptRuns, TASKS } from './harness.mjs';

const env = simAndBrowser();

const stopButton = (page) => page.getByRole('button', { name: 'Stop CBT Task' });

async function stopTask(uuid, { session = env.sim.session, url = env.sim.base + '/', setup } = {}) {
  const page = await openPanel(env.browser, url);
  if (setup) await setup(page);
  await fillForm(page, { session, uuid });
  await stopButton(page).click();
  return page;
}

async function assertFormKept(page, uuid, session = env.sim.session) {
  assert.equal(await page.getByLabel('Task UUID').inputValue(), uuid);
  assert.equal(await page.getByLabel('Session UUID').inputValue(), session);
  assert.ok(await stopButton(page).isEnabled());
}

test('stopped: waits on the job, reads the task back and shows its card', async () => {
  const page = await stopTask(TASKS.myTask);
  await outcome(page, 'waiting');
  await page.locator('.job-id').waitFor();
  assert.ok(await stopButton(page).isDisabled());
  assert.ok(await page.getByRole('button', { name: 'Cancel' }).isVisible());
  await outcome(page, 'stopped');
  const card = result(page).locator('[data-status]');
  assert.equal(await card.getAttribute('data-status'), 'Stopped');
  assert.equal(await card.getByRole('heading').textContent(), 'My Task');
  assert.match(await card.textContent(), /5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71/);
  assert.match(await card.textContent(), /Nightly changed-block backup/);
  assert.equal(await result(page).getAttribute('aria-live'), 'polite');
  const created = card.locator('time').first();
  assert.equal(await created.getAttribute('title'), 'Nov 14, 2017 10:20:57 PM');
  assert.match(await created.textContent(), /2017/);
  assert.equal(await page.getByRole('button', { name: 'Cancel' }).count(), 0);
  await result(page).screenshot({ path: `${SHOTS}/inventory-card.png` });
  // The request carried both shapes of force and the session.
  const post = page.posts[0];
  assert.equal(post.headers()['authorization'], `OAuth ${env.sim.session}`);
  assert.deepEqual(JSON.parse(post.postData()), { params: { force: false }, force: false, systemTags: [], userTags: [] });
  assert.deepEqual(page.errors, []);
});

test('a stop whose answer is lost still ends as stopped, through its own job id', async () => {
  const page = await stopTask(TASKS.lostReply);
  await outcome(page, 'stopped');
  assert.equal(await result(page).locator('[data-status]').getAttribute('data-status'), 'Stopped');
  const ids = page.posts.map((p) => p.headers()['x-job-uuid']);
  assert.ok(ids.length >= 1 && ids.every((id) => /^[0-9a-f]{32}$/.test(id)), String(ids));
  assert.equal(new Set(ids).size, 1, 'a re-sent POST carries the same job id');
  assert.deepEqual(page.errors.filter((e) => !/ERR_EMPTY_RESPONSE|Failed to fetch/.test(e)), []);
  // A second stop has a job id of its own.
  await fillForm(page, { session: env.sim.session, uuid: TASKS.created });
  await stopButton(page).click();
  await outcome(page, 'waiting');
  await outcome(page, 'stopped');
  const last = page.posts[page.posts.length - 1].headers()['x-job-uuid'];
  assert.match(last, /^[0-9a-f]{32}$/);
  assert.notEqual(last, ids[0]);
});

test('unconfirmed: the server accepted the stop, but the task reads back as Running', async () => {
  const page = await stopTask(TASKS.created, {
    setup: (p) => p.route(`**/zstack/v1/cbt-task/${TASKS.created}`, (r) => r.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ inventories: [{ uuid: TASKS.created, name: 'db-primary-hourly', status: 'Running' }] }),
    })),
  });
  await outcome(page, 'unconfirmed');
  assert.match(await result(page).textContent(), /not confirmed stopped/);
  assert.equal(await result(page).locator('[data-status]').getAttribute('data-status'), 'Running');
  await assertFormKept(page, TASKS.created);
});

test('api error: the nested chain nests in the DOM, in order', async () => {
  const page = await stopTask(TASKS.nested);
  await outcome(page, 'api-error');
  const root = result(page).locator('[data-error-code]').first();
  assert.equal(await root.getAttribute('data-error-code'), 'SYS.1000');
  const chain = result(page).locator('[data-error-code="SYS.1000"] [data-error-code="HOST.1000"] [data-error-code="SYS.1001"] [data-error-code="SYS.1000"]');
  assert.equal(await chain.count(), 1);
  const direct = await root.evaluate((el) =>
    [...el.querySelectorAll('[data-error-code]')].filter((n) => n.parentElement.closest('[data-error-code]') === el).map((n) => n.dataset.errorCode));
  assert.deepEqual(direct, ['HOST.1000', 'VOLUME.1000', 'VOLUME.1000']);
  const text = await result(page).textContent();
  for (const s of ['failed to stop the cbt task', 'hostUuid', '"drive-virtio-disk0"', 'globalErrorCode', 'The host agent did not release']) {
    assert.ok(text.includes(s), s);
  }
  await result(page).screenshot({ path: `${SHOTS}/error-tree.png` });
  await assertFormKept(page, TASKS.nested);
});

test('api error: an unknown session is ID.1001, an unknown task SYS.1006', async () => {
  let page = await stopTask(TASKS.myTask, { session: '0123456789abcdef0123456789abcdef' });
  await outcome(page, 'api-error');
  assert.equal(await result(page).locator('[data-error-code]').first().getAttribute('data-error-code'), 'ID.1001');
  assert.match(await result(page).textContent(), /Session expired/);
  page = await stopTask('ABCDEF01-2345-6789-abcd-ef0123456789');
  await outcome(page, 'api-error');
  assert.equal(await result(page).locator('[data-error-code]').first().getAttribute('data-error-code'), 'SYS.1006');
  assert.match(await result(page).textContent(), /cannot find the cbt task\[uuid:abcdef0123456789abcdef0123456789\]/);
  assert.ok(page.posts[0].url().endsWith('/zstack/v1/cbt-task/disable/abcdef0123456789abcdef0123456789'));
  assert.equal(await page.getByLabel('Task UUID').inputValue(), 'ABCDEF01-2345-6789-abcd-ef0123456789');
});

test('http error: plain text 500, HTML 502 shown as text, 429', async () => {
  let page = await stopTask(TASKS.plain500);
  await outcome(page, 'http-error');
  assert.match(await result(page).textContent(), /HTTP 500 Internal Server Error/);
  assert.match(await result(page).locator('pre').textContent(), /NullPointerException/);
  page = await stopTask(TASKS.html502);
  await outcome(page, 'http-error');
  assert.match(await result(page).textContent(), /HTTP 502 Bad Gateway/);
  assert.match(await result(page).locator('pre').textContent(), /<h1>502 Bad Gateway<\/h1>/);
  assert.equal(await result(page).locator('h1, script').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await assertFormKept(page, TASKS.html502);
  page = await stopTask(TASKS.rateLimited);
  await outcome(page, 'http-error');
  assert.match(await result(page).textContent(), /HTTP 429 Too Many Requests/);
});

test('network error: says the request did not reach the server', async () => {
  const page = await stopTask(TASKS.myTask, {
    setup: (p) => p.route('**/zstack/v1/cbt-task/disable/**', (r) => r.abort('connectionrefused')),
  });
  await outcome(page, 'network-error');
  const text = await result(page).textContent();
  assert.match(text, /did not reach the server/);
  assert.match(text, /CORS/);
  await assertFormKept(page, TASKS.myTask);
});

test('timed out: stops at the configured deadline', async () => {
  const page = await stopTask(TASKS.hang, {
    setup: (p) => p.route('**/panel.config.json', (r) => r.fulfill({ json: { requestTimeoutMs: 1500 } })).then(() => p.reload()),
  });
  await outcome(page, 'timed-out');
  assert.match(await result(page).textContent(), /may still complete/);
  await assertFormKept(page, TASKS.hang);
});

test('cancelled: Cancel ends the wait at once', async () => {
  const page = await stopTask(TASKS.hang);
  await outcome(page, 'waiting');
  await page.locator('.job-id').waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await outcome(page, 'cancelled');
  assert.match(await result(page).textContent(), /Nothing more will be waited for/);
  await assertFormKept(page, TASKS.hang);
});

test('a second click or Enter while in flight sends nothing', async () => {
  const page = await openPanel(env.browser, env.sim.base + '/');
  await fillForm(page, { session: env.sim.session, uuid: TASKS.created });
  await stopButton(page).dblclick();
  await page.getByLabel('Task UUID').press('Enter');
  await page.getByLabel('Task UUID').press('Enter');
  await outcome(page, 'stopped');
  assert.equal(page.posts.length, 1);
});

test('documented shape: a 200 with success and inventory', async () => {
  const inventory = { uuid: TASKS.myTask, name: 'My Task', description: 'd', status: 'Paused', createDate: 1510698057000, lastOpDate: 'soon' };
  const page = await stopTask(TASKS.myTask, {
    setup: (p) => p.route('**/zstack/v1/cbt-task/disable/**', (r) => r.fulfill({ json: { success: true, inventory, error: null } })),
  });
  await outcome(page, 'stopped');
  const card = result(page).locator('[data-status]');
  assert.equal(await card.getAttribute('data-status'), 'Paused');
  assert.match(await card.textContent(), /soon/);
});

test('documented shape: success false is an api error', async () => {
  const error = { code: 'SYS.1006', description: 'x', details: 'cannot find the cbt task[uuid:1]', brandNew: { a: 1 } };
  const page = await stopTask(TASKS.myTask, {
    setup: (p) => p.route('**/zstack/v1/cbt-task/disable/**', (r) => r.fulfill({ json: { success: false, inventory: null, error } })),
  });
  await outcome(page, 'api-error');
  assert.match(await result(page).textContent(), /brandNew/);
});

test('request preview: curl with the session masked unless shown', async () => {
  const page = await openPanel(env.browser, env.sim.base + '/?uuid=5C1E0B8E-7D2A-4F0C-9B3E-6A1D2F4C8E71&force=true');
  assert.equal(await page.getByLabel('Force').isChecked(), true);
  await page.getByLabel('Session UUID').fill(env.sim.session);
  await page.getByLabel('System tags').fill('a::b\n\n  c  ');
  const curl = page.locator('pre.curl');
  const tail = env.sim.session.slice(-4);
  assert.ok((await curl.textContent()).includes(`OAuth ••••${tail}`));
  assert.ok(!(await curl.textContent()).includes(env.sim.session));
  assert.ok((await curl.textContent()).includes('{"params":{"force":true},"force":true,"systemTags":["a::b","c"],"userTags":[]}'));
  assert.ok((await curl.textContent()).includes('/zstack/v1/cbt-task/disable/5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71'));
  await page.getByLabel('Show session').check();
  assert.ok((await curl.textContent()).includes(`OAuth ${env.sim.session}`));
  assert.equal(await page.getByLabel('Session UUID').getAttribute('type'), 'text');
});

test('strict CSP: no inline script, assets with integrity, no violation in any flow', async () => {
  const page = await openPanel(env.browser, env.sim.base + '/');
  const policy = (await page.request.get(env.sim.base + '/')).headers()['content-security-policy'];
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.equal(await page.locator('script:not([src])').count(), 0);
  for (const el of await page.locator('script[src], link[rel=stylesheet], link[rel=modulepreload]').all()) {
    assert.match(await el.getAttribute('integrity'), /^sha384-/);
  }
  for (const uuid of [TASKS.nested, TASKS.html502, TASKS.markup, TASKS.myTask]) {
    await fillForm(page, { session: env.sim.session, uuid });
    await stopButton(page).click();
    await page.waitForFunction(() => !['waiting', null].includes(document.querySelector('[role=region]').dataset.outcome ?? null));
  }
  await page.getByLabel('Show session').check();
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(page.errors, []);
});

test('static host without headers: the meta policy holds and no flow violates it', async () => {
  const host = await startStatic(env.sim.base);
  try {
    const page = await openPanel(env.browser, host.base + '/');
    const served = await page.request.get(host.base + '/');
    assert.equal(served.headers()['content-security-policy'], undefined);
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    for (const d of ["script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
      assert.ok(meta.includes(d), d);
    }
    for (const uuid of [TASKS.myTask, TASKS.nested, TASKS.html502, TASKS.markup]) {
      await fillForm(page, { session: env.sim.session, uuid });
      await stopButton(page).click();
      await page.waitForFunction(() => !['waiting', null].includes(document.querySelector('[role=region]').dataset.outcome ?? null), null, { timeout: 15000 });
    }
    await page.getByLabel('Show session').check();
    await page.getByLabel('Use example responses').check();
    await stopButton(page).click();
    await outcome(page, 'stopped');
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(page.errors, []);
    // The policy is in force: an inline script does not run.
    assert.equal(await page.evaluate(inlineScriptRuns), false);
  } finally {
    await host.stop();
  }
});

test('a malformed panel.config.json is a configuration error, not a blank page', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.route('**/panel.config.json', (r) => r.fulfill({ body: '{"apiBase": ', contentType: 'application/json' }));
  await page.goto(env.sim.base + '/');
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /panel\.config\.json/);
  assert.ok(await stopButton(page).isDisabled());
  // Sign-in is blocked too: the password's digest must not go to the wrong place.
  await page.getByText('Sign in to get a session').click();
  assert.ok(await page.getByRole('button', { name: 'Sign in' }).isDisabled());
});

test('configuration: a slow file blocks sending until it arrives; an SPA fallback page means the defaults', async () => {
  const context = await env.browser.newContext();
  let release;
  const held = new Promise((r) => { release = r; });
  await context.route('**/panel.config.json', async (r) => { await held; await r.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>app</title>' }); });
  const page = await context.newPage();
  page.posts = [];
  page.on('request', (r) => { if (r.method() !== 'GET') page.posts.push(r); });
  await page.goto(env.sim.base + '/');
  await stopButton(page).waitFor();
  await fillForm(page, { session: env.sim.session, uuid: TASKS.created });
  // The button works at once; the stop waits for the file.
  assert.ok(await stopButton(page).isEnabled());
  assert.match(await page.getByRole('status').textContent(), /panel\.config\.json/);
  await page.keyboard.press('Enter');
  await outcome(page, 'waiting');
  // Cancel works while it waits for the file, too.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await outcome(page, 'cancelled');
  await stopButton(page).click();
  await outcome(page, 'waiting');
  await page.waitForTimeout(300);
  assert.equal(page.posts.length, 0, 'nothing is sent before the configuration is settled');
  release();
  await outcome(page, 'stopped');
  assert.equal(page.posts.length, 1);
  assert.equal(await page.getByRole('alert').count(), 0);
  await context.close();
});

async function hostPage(allowedOrigins) {
  // The host console lives on another origin: localhost vs 127.0.0.1.
  const panelUrl = env.sim.base + '/';
  // A 404 from the simulator: a loopback page without the panel's CSP.
  const hostUrl = env.sim.base.replace('127.0.0.1', 'localhost') + '/host-console';
  const context = await env.browser.newContext();
  await context.route('**/panel.config.json', (r) => r.fulfill({ json: { allowedOrigins } }));
  const page = await context.newPage();
  // A page really loaded from loopback (Chromium's local-network checks
  // refuse a routed one), then rewritten as the host console.
  await page.goto(hostUrl);
  await page.setContent(`<!doctype html><title>host</title><script>
      window.msgs = [];
      addEventListener('message', (e) => { if (e.source === frames[0]) window.msgs.push({ origin: e.origin, data: e.data }); });
    </script><iframe title="panel" src="${panelUrl}" width="900" height="700"></iframe>`);
  return { page, frame: page.frameLocator('iframe'), panelOrigin: new URL(panelUrl).origin };
}

const messages = (page, type) => page.evaluate((t) => window.msgs.filter((m) => m.data.type === t), type);

test('embedding: a session that is not a UUID from configure is refused inline, nothing sent', async () => {
  const { page, frame, panelOrigin } = await hostPage([env.sim.base.replace('127.0.0.1', 'localhost')]);
  await frame.getByRole('button', { name: 'Stop CBT Task' }).waitFor();
  await page.waitForFunction(() => window.msgs.some((m) => m.data.type === 'cbt-panel:ready'));
  const evil = "x' -o /dev/null; touch pwned; echo '";
  await page.evaluate(([s, u, o]) => frames[0].postMessage({ type: 'cbt-panel:configure', version: 1, session: s, uuid: u }, o),
    [evil, TASKS.created, panelOrigin]);
  await frame.locator('#session-error').filter({ hasText: 'Session UUID' }).waitFor();
  await frame.getByRole('button', { name: 'Stop CBT Task' }).click();
  await frame.locator('[role=region][data-outcome="invalid-input"]').waitFor();
  // Nothing that is not a UUID reaches the preview: a placeholder stands in.
  const preview = await frame.locator('pre.curl').textContent();
  assert.match(preview, /-H 'Authorization: OAuth <session-uuid>'/);
  assert.ok(!preview.includes('pwned'), preview);
  assert.equal((await page.evaluate(() => window.msgs.filter((m) => m.data.type === 'cbt-panel:outcome'))).length, 0);
});

test('embedding: configure switches the language and keeps what was typed', async () => {
  const { page, frame, panelOrigin } = await hostPage([env.sim.base.replace('127.0.0.1', 'localhost')]);
  await frame.getByRole('button', { name: 'Stop CBT Task' }).waitFor();
  await page.waitForFunction(() => window.msgs.some((m) => m.data.type === 'cbt-panel:ready'));
  await frame.getByLabel('Task UUID').fill('not-a-uuid');
  await frame.getByLabel('System tags').fill('a::b');
  const configure = (lang) => page.evaluate(([l, o]) => frames[0].postMessage({ type: 'cbt-panel:configure', version: 1, lang: l }, o), [lang, panelOrigin]);
  await configure('zh');
  await frame.getByRole('button', { name: '停止 CBT 任务' }).waitFor();
  assert.equal(await frame.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal(await frame.getByLabel('任务 UUID').inputValue(), 'not-a-uuid');
  assert.equal(await frame.getByLabel('系统标签').inputValue(), 'a::b');
  assert.match(await frame.locator('#uuid-error').textContent(), /任务 UUID/);
  await configure('fr');
  await page.waitForTimeout(200);
  assert.equal(await frame.locator('html').getAttribute('lang'), 'zh-CN');
  await configure('en');
  await frame.getByRole('button', { name: 'Stop CBT Task' }).waitFor();
  assert.equal(await frame.getByLabel('Task UUID').inputValue(), 'not-a-uuid');
});

test('example mode: published answers, marked as examples, no request at all', async () => {
  const page = await openPanel(env.browser, env.sim.base + '/?example=1');
  const api = [];
  page.on('request', (r) => { if (r.url().includes('/zstack/')) api.push(r.url()); });
  assert.equal(await page.getByLabel('Use example responses').isChecked(), true);
  await stopButton(page).click();
  await outcome(page, 'stopped');
  assert.equal(await result(page).getAttribute('data-example'), 'true');
  assert.match(await result(page).textContent(), /Example answer: nothing was sent/);
  assert.match(await page.locator('[data-status="Stopped"]').textContent(), /My Task/);
  await page.getByLabel('Task UUID').fill('0B7F3A9C-2E5D-4B18-A6C1-F0E9D8B7A652');
  await page.getByLabel('Example answer').selectOption({ label: 'Task not found (SYS.1006)' });
  await stopButton(page).click();
  await outcome(page, 'api-error');
  assert.match(await page.locator('[data-error-code="SYS.1006"]').textContent(), /0b7f3a9c2e5d4b18a6c1f0e9d8b7a652/);
  await page.getByLabel('Example answer').selectOption({ label: 'Timeout (SYS.1001)' });
  await stopButton(page).click();
  await page.locator('[data-error-code="SYS.1001"] [data-error-code="HOST.1000"]').waitFor();
  assert.deepEqual(api, []);
  assert.equal(page.posts.length, 0);
  // Turned off, a real stop is sent again and is not marked.
  await page.getByLabel('Use example responses').uncheck();
  await fillForm(page, { session: env.sim.session, uuid: TASKS.created });
  await stopButton(page).click();
  await outcome(page, 'stopped');
  assert.equal(await result(page).getAttribute('data-example'), null);
  assert.ok(api.length > 0);
  assert.deepEqual(page.errors, []);
});

test('a fresh deployment on a plain static host logs nothing: an icon and a default configuration ship', async () => {
  const host = await startStatic(env.sim.base);
  try {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const failed = [];
    page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
    page.on('requestfailed', (r) => failed.push(`failed ${r.url()}`));
    const logged = [];
    // What Lighthouse counts against a page: errors in the console.
    page.on('console', (m) => { if (m.type() === 'error') logged.push(m.text()); });
    await page.goto(host.base + '/');
    await page.getByRole('button', { name: 'Stop CBT Task' }).waitFor();
    await page.waitForTimeout(500);
    assert.deepEqual(failed, []);
    assert.deepEqual(logged, []);
    const config = await page.evaluate(async () => (await fetch('panel.config.json')).json());
    assert.deepEqual(config, {}, 'the defaults, to be replaced by the deployer');
    assert.equal(await page.locator('link[rel=icon]').getAttribute('href'), 'favicon.svg');
  } finally {
    await host.stop();
  }
});
