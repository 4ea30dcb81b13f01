// End-to-end: "Several tasks" (behaviour §6) in Debian's Chromium against a
// zstack-sim seeded with 1,000 more tasks (`--tasks 1000`; every tenth of
// them fails its stop with a nested error).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSim, startBrowser, openPanel, openSeveral, outcome, result, SHOTS,
  batchUuid as uuidOf, batchName as name, taskRows as rows, resultRows as results, pickTask as pick,
} from './harness.mjs';

let sim;
let browser;
before(async () => {
  sim = await startSim(['--tasks', '1000', '--job-delay-ms', '150']);
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
  await sim?.stop();
});

/** The panel with the session, on "Several tasks", allowed the clipboard. */
async function several() {
  const page = await openSeveral(browser, sim.base + '/', sim.session);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  return page;
}

/** Requests of the simulator's log from `from` on: [method, path]. */
function requests(from = 0) {
  return sim.log().slice(from).split('\n')
    .map((l) => l.trim().match(/^(GET|POST|PUT|DELETE) (\S+) \d{3} /))
    .filter(Boolean)
    .map((m) => [m[1], m[2]]);
}

test('two tabs under the session; only the shown one is in the document; nothing typed is lost', async () => {
  const page = await openPanel(browser, sim.base + '/');
  const one = page.getByRole('tab', { name: 'One task' });
  assert.equal(await one.getAttribute('aria-selected'), 'true');
  await page.getByLabel('Task UUID').fill('5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71');
  await page.getByLabel('Session UUID').fill(sim.session);
  await page.getByRole('tab', { name: 'Several tasks' }).click();
  assert.equal(await page.getByLabel('Task UUID').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Stop CBT Task' }).count(), 0);
  assert.equal(await page.getByLabel('Force').count(), 1, 'one Force: the shown tab\'s');
  await page.getByRole('searchbox', { name: 'Filter tasks' }).fill('batch-09');
  await page.getByLabel('Force').check();
  await one.click();
  assert.equal(await page.getByLabel('Task UUID').inputValue(), '5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71');
  assert.equal(await page.getByLabel('Force').isChecked(), false, 'the one-task Force is its own');
  await page.getByRole('tab', { name: 'Several tasks' }).click();
  assert.equal(await page.getByRole('searchbox', { name: 'Filter tasks' }).inputValue(), 'batch-09');
  assert.equal(await page.getByLabel('Force').isChecked(), true);
});

test('the list: 50 a page, narrowed on the server by name and status, a selection that survives', async () => {
  const page = await several();
  assert.equal(await rows(page).count(), 50);
  const first = rows(page).first();
  assert.match(await first.getAttribute('data-task-uuid'), /^[0-9a-f]{32}$/);
  assert.ok(await first.getAttribute('data-task-status'));
  const from = sim.log().length;
  await page.getByRole('button', { name: 'Show more' }).click();
  await rows(page).nth(99).waitFor();
  assert.ok(requests(from).some(([m, p]) => m === 'GET' && p.includes('start=50') && p.includes('limit=50')));
  await pick(page, name(123));
  await pick(page, name(456));
  assert.match(await page.locator('.selected-count').textContent(), /^2 tasks selected$/);
  // The status narrows on the server too.
  const before = sim.log().length;
  await page.getByRole('searchbox', { name: 'Filter tasks' }).fill('batch-01');
  await page.getByLabel('Status').selectOption('Stopped');
  await page.waitForFunction(() => [...document.querySelectorAll('table.tasks tbody tr')].every((r) => r.dataset.taskStatus === 'Stopped'));
  assert.ok(requests(before).some(([, p]) => p.includes('q=status%3DStopped')));
  assert.match(await page.locator('.selected-count').textContent(), /^2 tasks selected$/, 'kept across filtering');
  await page.getByRole('button', { name: 'Select all shown' }).click();
  const shown = await rows(page).count();
  assert.match(await page.locator('.selected-count').textContent(), new RegExp(`^${shown + 2} tasks selected$`));
  await page.getByRole('button', { name: 'Clear selection' }).click();
  assert.match(await page.locator('.selected-count').textContent(), /^0 tasks selected$/);
  assert.equal(await page.getByRole('button', { name: 'Stop selected tasks' }).isDisabled(), true);
});

test('two or more ask first: "Back" sends nothing; "Stop N tasks" stops them, at most 4 at once', async () => {
  const page = await several();
  const picked = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22];
  for (const n of picked) await pick(page, name(n));
  await page.getByRole('button', { name: 'Stop selected tasks' }).click();
  const dialog = page.getByRole('dialog', { name: `Stop ${picked.length} tasks?` });
  await dialog.waitFor();
  assert.deepEqual(await dialog.locator('li').allTextContents(), picked.map(name));
  await dialog.getByRole('button', { name: 'Back' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(page.posts.length, 0, 'nothing sent before the answer');
  const from = sim.log().length;
  await page.getByRole('button', { name: 'Stop selected tasks' }).click();
  await dialog.getByRole('button', { name: `Stop ${picked.length} tasks` }).click();
  await page.getByRole('progressbar', { name: 'Stopping tasks' }).waitFor();
  await outcome(page, 'batch', 30000);
  // In flight at any moment: stops posted and not yet read back.
  let flying = 0;
  let most = 0;
  for (const [m, p] of requests(from)) {
    if (m === 'POST' && p.includes('/cbt-task/disable/')) flying += 1;
    if (m === 'GET' && /\/cbt-task\/[0-9a-f]{32}$/.test(p)) flying -= 1;
    most = Math.max(most, flying);
  }
  assert.equal(most, 4, 'the default limit, reached and never passed');
  assert.deepEqual(await results(page).evaluateAll((rs) => rs.map((r) => r.dataset.taskUuid)), picked.map(uuidOf), 'in the order selected');
  const kinds = await results(page).evaluateAll((rs) => rs.map((r) => r.dataset.outcome));
  assert.equal(kinds.filter((k) => k === 'api-error').length, 1, 'batch-0020 fails (every tenth)');
  assert.equal(await result(page).locator('.batch-sentence').textContent(), '11 stopped, 1 failed');
  // "Show" opens that task's full result in place.
  const failed = results(page).filter({ hasText: name(20) });
  assert.equal(await failed.locator('td').nth(2).textContent(), 'SYS.1000');
  await failed.getByRole('button', { name: 'Show' }).click();
  await result(page).locator('.result-detail [data-error-code="SYS.1000"]').first().waitFor();
  await result(page).screenshot({ path: `${SHOTS}/stop-results.png` });
  // Copy results: RFC 4180 CSV.
  await result(page).getByRole('button', { name: 'Copy results' }).click();
  const csv = await page.evaluate(() => navigator.clipboard.readText());
  const lines = csv.split('\r\n');
  assert.equal(lines[0], 'uuid,name,outcome,code,message');
  assert.equal(lines.length, picked.length + 2);
  assert.ok(lines.includes(`${uuidOf(11)},${name(11)},stopped,,The task was stopped`), csv);
  assert.match(csv, new RegExp(`${uuidOf(20)},${name(20)},api-error,SYS.1000,`));
  // Every stop went into the tab's history.
  assert.equal(await page.locator('#history li').count(), picked.length);
  // Retry the rest: only the one that did not stop, without asking.
  const retryFrom = sim.log().length;
  await result(page).getByRole('button', { name: 'Retry the rest' }).click();
  await page.waitForFunction(() => document.querySelector('[role=region]').dataset.outcome === 'batch'
    && document.querySelectorAll('table.results tr[data-task-uuid]').length === 1);
  const posts = requests(retryFrom).filter(([m]) => m === 'POST');
  assert.deepEqual(posts.map(([, p]) => p), [`/zstack/v1/cbt-task/disable/${uuidOf(20)}`]);
  assert.deepEqual(page.errors, []);
});

test('an expired session (ID.1001) sends nothing more and says so', async () => {
  // Picked while the session is good; stopped once it is not.
  const picked = [31, 32, 33, 34, 35, 36, 37, 38];
  const valid = await several();
  for (const n of picked) await pick(valid, name(n));
  await valid.getByLabel('Session UUID').fill('00000000000000000000000000000001');
  const from = sim.log().length;
  await valid.getByRole('button', { name: 'Stop selected tasks' }).click();
  await valid.getByRole('dialog').getByRole('button', { name: `Stop ${picked.length} tasks` }).click();
  await outcome(valid, 'batch', 30000);
  const kinds = await results(valid).evaluateAll((rs) => rs.map((r) => r.dataset.outcome));
  assert.ok(kinds.filter((k) => k === 'not-sent').length >= picked.length - 4, kinds.join());
  assert.ok(requests(from).filter(([m]) => m === 'POST').length <= 4, 'none sent after the answer');
  assert.match(await result(valid).locator('.batch-sentence').textContent(), /not sent/);
  await result(valid).getByText('The session expired, so the tasks after it were not sent').waitFor();
});

test('Cancel: the stops in flight end cancelled, the rest are not sent, nothing more goes out', async () => {
  const page = await openPanel(browser, sim.base + '/');
  await page.route('**/panel.config.json', (r) => r.fulfill({ json: { maxParallelStops: 1 } }));
  await page.reload();
  await page.getByLabel('Session UUID').fill(sim.session);
  await page.getByRole('tab', { name: 'Several tasks' }).click();
  await rows(page).first().waitFor();
  await pick(page, 'fault: never answers');
  await pick(page, name(41));
  await pick(page, name(42));
  await page.getByRole('button', { name: 'Stop selected tasks' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Stop 3 tasks' }).click();
  const bar = page.getByRole('progressbar', { name: 'Stopping tasks' });
  await bar.waitFor();
  assert.equal(await bar.getAttribute('aria-valuemax'), '3');
  assert.equal(await bar.getAttribute('aria-valuenow'), '0');
  await page.waitForTimeout(400);
  const from = sim.log().length;
  await result(page).getByRole('button', { name: 'Cancel' }).click();
  await outcome(page, 'batch');
  const kinds = await results(page).evaluateAll((rs) => rs.map((r) => r.dataset.outcome));
  assert.deepEqual(kinds, ['cancelled', 'not-sent', 'not-sent']);
  await page.waitForTimeout(500);
  assert.equal(requests(from).filter(([m]) => m === 'POST').length, 0);
});

test('a host opens "Several tasks" with uuids, checked first; outcomes and one batch message go to it', async () => {
  const panelUrl = sim.base + '/';
  const hostUrl = sim.base.replace('127.0.0.1', 'localhost') + '/host-console';
  const context = await browser.newContext();
  await context.route('**/panel.config.json', (r) => r.fulfill({ json: { allowedOrigins: [new URL(hostUrl).origin] } }));
  const page = await context.newPage();
  await page.goto(hostUrl);
  await page.setContent(`<!doctype html><title>host</title><script>
      window.msgs = [];
      addEventListener('message', (e) => { if (e.source === frames[0]) window.msgs.push(e.data); });
    </script><iframe title="panel" src="${panelUrl}" width="900" height="700"></iframe>`);
  const frame = page.frameLocator('iframe');
  await page.waitForFunction(() => window.msgs.some((m) => m.type === 'cbt-panel:ready'));
  const unknown = 'deadbeefdeadbeefdeadbeefdeadbeef';
  const uuids = [uuidOf(51), unknown, uuidOf(52)];
  await page.evaluate(([s, u, o]) => frames[0].postMessage({ type: 'cbt-panel:configure', version: 1, session: s, uuids: u }, o),
    [sim.session, uuids, new URL(panelUrl).origin]);
  assert.equal(await frame.getByRole('tab', { name: 'Several tasks' }).getAttribute('aria-selected'), 'true');
  await frame.locator(`.doubtful [data-task-uuid="${unknown}"][data-known="unknown"]`).waitFor();
  await page.waitForFunction(() => true);
  await frame.locator('.selected-count').filter({ hasText: '2 tasks selected' }).waitFor();
  await frame.getByRole('button', { name: 'Stop selected tasks' }).click();
  await frame.getByRole('dialog').getByRole('button', { name: 'Stop 2 tasks' }).click();
  await frame.locator('[role=region][data-outcome="batch"]').waitFor({ timeout: 20000 });
  await page.waitForFunction(() => window.msgs.some((m) => m.type === 'cbt-panel:batch'));
  const msgs = await page.evaluate(() => window.msgs);
  const outcomes = msgs.filter((m) => m.type === 'cbt-panel:outcome');
  assert.deepEqual(outcomes.map((m) => m.uuid).sort(), [uuidOf(51), uuidOf(52)].sort());
  const batch = msgs.find((m) => m.type === 'cbt-panel:batch');
  assert.deepEqual(batch.results, [
    { uuid: uuidOf(51), outcome: 'stopped' },
    { uuid: uuidOf(52), outcome: 'stopped' },
  ]);
  assert.ok(msgs.indexOf(batch) > msgs.indexOf(outcomes[1]), 'the batch message comes last');
});

test('example mode answers every task from the published examples, sending nothing', async () => {
  const page = await openPanel(browser, sim.base + '/?example=1');
  await page.getByRole('tab', { name: 'Several tasks' }).click();
  await rows(page).first().waitFor();
  await page.getByRole('button', { name: 'Select all shown' }).click();
  const n = await rows(page).count();
  await page.getByRole('button', { name: 'Stop selected tasks' }).click();
  await page.getByRole('dialog').getByRole('button', { name: `Stop ${n} tasks` }).click();
  await outcome(page, 'batch');
  assert.equal(await results(page).count(), n);
  assert.equal(page.posts.length, 0);
  await result(page).getByText('nothing was sent').first().waitFor();
});
