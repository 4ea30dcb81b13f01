// End-to-end: several tasks stops exactly what the person confirmed
// (behaviour §6.1), tried as an operator who slips, a host that changes
// things mid-way and a hostile server would, in Debian's Chromium against
// zstack-sim with 1,000 more tasks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSim, startBrowser, openPanel, openSeveral, outcome, result,
  batchUuid as uuidOf, batchName as name, taskRows as rows, resultRows as results, pickTask as pick,
} from './harness.mjs';

let sim;
let browser;
before(async () => {
  sim = await startSim(['--tasks', '1000', '--job-delay-ms', '400']);
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
  await sim?.stop();
});

const several = (url = '/') => openSeveral(browser, sim.base + url, sim.session);

const stops = (page) => page.posts.filter((r) => r.url().includes('/cbt-task/disable/')).map((r) => r.url().split('/').pop());

test('a running row says "Stopping…" (data-state running), a waiting one "Waiting", every row ends "ended"', async () => {
  const page = await several();
  const picked = [911, 912, 913, 914, 915, 916, 917, 918];
  for (const n of picked) await pick(page, name(n));
  await page.getByRole('button', { name: 'Stop selected tasks' }).click();
  await page.getByRole('dialog').getByRole('button', { name: `Stop ${picked.length} tasks` }).click();
  const running = results(page).and(page.locator('[data-state="running"]'));
  await running.first().waitFor();
  assert.equal(await running.first().locator('td').nth(1).textContent(), 'Stopping…');
  assert.equal(await running.first().getAttribute('data-outcome'), null);
  const queued = results(page).and(page.locator('[data-state="queued"]'));
  assert.equal(await queued.count(), 4, 'the rest wait for a place');
  assert.equal(await queued.first().locator('td').nth(1).textContent(), 'Waiting');
  await outcome(page, 'batch', 30000);
  const states = await results(page).evaluateAll((rs) => rs.map((r) => `${r.dataset.state}:${r.dataset.outcome}`));
  assert.deepEqual(states, picked.map(() => 'ended:stopped'));
});

test('"Retry the rest" after ID.1001 uses the session signed in since, with the first run\'s tasks and Force', async () => {
  const page = await several();
  const picked = [921, 922, 923];
  for (const n of picked) await pick(page, name(n));
  await page.getByLabel('Force').check();
  await page.getByLabel('Session UUID').fill('00000000000000000000000000000001');
  await page.getByRole('button', { name: 'Stop selected tasks' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Stop 3 tasks' }).click();
  await outcome(page, 'batch', 30000);
  assert.ok((await results(page).evaluateAll((rs) => rs.map((r) => r.dataset.outcome))).every((k) => k !== 'stopped'));
  // The operator pastes a good session, unticks Force and clears the
  // selection: the retry is still the first run's tasks, with its Force.
  await page.getByLabel('Session UUID').fill(sim.session);
  await page.getByLabel('Force').uncheck();
  await page.getByRole('button', { name: 'Clear selection' }).click();
  const before = page.posts.length;
  await result(page).getByRole('button', { name: 'Retry the rest' }).click();
  await page.waitForFunction(() => document.querySelectorAll('table.results tr[data-state="ended"]').length === 3
    && document.querySelector('[role=region]').dataset.outcome === 'batch', null, { timeout: 30000 });
  const retried = page.posts.slice(before).filter((r) => r.url().includes('/cbt-task/disable/'));
  assert.deepEqual(retried.map((r) => r.url().split('/').pop()).sort(), picked.map(uuidOf).sort());
  for (const r of retried) {
    assert.equal(r.headers().authorization, `OAuth ${sim.session}`);
    assert.equal(JSON.parse(r.postData()).params.force, true);
  }
  assert.deepEqual(await results(page).evaluateAll((rs) => rs.map((r) => r.dataset.outcome)), ['stopped', 'stopped', 'stopped']);
});

test('a hostile list page: only the 50 asked for are kept, a path in a UUID is not a task, a 7 MB name is clipped', async () => {
  const page = await openPanel(browser, sim.base + '/');
  const evil = '../../accounts/sessions/x?';
  await page.route('**/zstack/v1/cbt-task?*', (r) => {
    // 50,000 rows when 50 were asked for; a task named with 7 MB when the
    // filter asks for it.
    if (r.request().url().includes('long')) {
      return r.fulfill({ json: { inventories: [{ uuid: uuidOf(931), name: 'N'.repeat(7_000_000), status: 'Running' }], total: 1 } });
    }
    const items = [{ uuid: evil, name: 'evil', status: 'Running' }];
    for (let i = 0; i < 50_000; i++) items.push({ uuid: uuidOf(100_000 + i), name: `hostile-${i}`, status: 'Running' });
    return r.fulfill({ json: { inventories: items, total: 50_001 } });
  });
  await page.getByLabel('Session UUID').fill(sim.session);
  await page.getByRole('tab', { name: 'Several tasks' }).click();
  await rows(page).first().waitFor({ timeout: 30000 });
  assert.equal(await rows(page).count(), 50, 'only the page size asked for');
  const box = page.getByRole('checkbox', { name: 'Select hostile-5' });
  await box.check();
  assert.match(await page.locator('.selected-count').textContent(), /^1 task selected$/);
  await box.uncheck();
  assert.match(await page.locator('.selected-count').textContent(), /^0 tasks selected$/);
  await page.getByRole('button', { name: 'Select all shown' }).click();
  assert.match(await page.locator('.selected-count').textContent(), /^49 tasks selected$/, 'the path is not a task');
  await page.locator(`.doubtful [data-known="unknown"]`).first().waitFor();
  await page.getByRole('searchbox', { name: 'Filter tasks' }).fill('long');
  await page.locator(`tr[data-task-uuid="${uuidOf(931)}"]`).waitFor({ timeout: 30000 });
  const long = await rows(page).first().locator('td.task-name').textContent();
  assert.ok(long.length <= 513 && long.endsWith('…'), `a clipped name, ${long.length} characters`);
  await page.unroute('**/zstack/v1/cbt-task?*');
  await page.route('**/zstack/v1/cbt-task/disable/**', (r) => r.fulfill({ status: 503, json: { error: { code: 'SYS.1006', description: 'no such task' } } }));
  await page.getByRole('button', { name: 'Stop selected tasks' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Stop 49 tasks' }).click();
  await outcome(page, 'batch', 60000);
  const sent = page.posts.map((r) => new URL(r.url()).pathname);
  assert.equal(sent.length, 49);
  assert.ok(sent.every((p) => /^\/zstack\/v1\/cbt-task\/disable\/[0-9a-f]{32}$/.test(p)), sent.find((p) => !p.includes('disable')));
});

test('in an example batch, each history entry shows its own task again', async () => {
  const page = await openPanel(browser, sim.base + '/?example=1');
  await page.getByRole('tab', { name: 'Several tasks' }).click();
  await rows(page).first().waitFor();
  await page.getByRole('button', { name: 'Select all shown' }).click();
  const n = await rows(page).count();
  assert.ok(n >= 2);
  await page.getByRole('button', { name: 'Stop selected tasks' }).click();
  await page.getByRole('dialog').getByRole('button', { name: `Stop ${n} tasks` }).click();
  await outcome(page, 'batch');
  const entries = page.locator('#history li');
  assert.equal(await entries.count(), n);
  for (let i = 0; i < n; i++) {
    const uuid = await entries.nth(i).getAttribute('data-uuid');
    await entries.nth(i).getByRole('button', { name: 'Show' }).click();
    const card = result(page).locator('[data-status]');
    await card.waitFor();
    assert.ok((await card.textContent()).includes(uuid), `entry ${i} shows ${uuid}`);
  }
});
