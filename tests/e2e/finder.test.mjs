// End-to-end: finding a task, seeing it before stopping it, and the hints
// that say what to do next, in Debian's Chromium against
// zstack-sim (a simulator of its own, so the tasks' states are fresh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { simAndBrowser, SHOTS, openPanel, fillForm, result, outcome, TASKS } from './harness.mjs';

const env = simAndBrowser();
const STOPPED_TASK = '7d4b2e8f0a1c4d6e9b3a5c7e1f0d2a48';
const UNKNOWN_TASK = '0123456789abcdef0123456789abcdef';

const finder = (page) => page.getByRole('combobox', { name: 'Find a task' });
const summary = (page) => page.locator('#task-summary');
const stopButton = (page) => page.getByRole('button', { name: 'Stop CBT Task' });

/** Opens the panel with a session and records every query it sends. */
async function openWithSession(url = env.sim.base + '/') {
  const page = await openPanel(env.browser, url);
  page.queries = [];
  page.on('request', (r) => { if (r.method() === 'GET' && r.url().includes('/zstack/v1/cbt-task')) page.queries.push(r.url()); });
  await page.getByLabel('Session UUID').fill(env.sim.session);
  return page;
}

/** Waits until the summary line says `status` (as sent, or `none`). */
async function summaryIs(page, status) {
  await page.locator(`#task-summary[data-task-status="${status}"]`).waitFor({ timeout: 10000 });
  return summary(page).textContent();
}

test('finds a task by part of its name with the keyboard, then stops it', async () => {
  const page = await openWithSession();
  const box = finder(page);
  await box.fill('db-pri');
  const option = page.getByRole('option', { name: 'db-primary-hourly' });
  await option.waitFor();
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.getByRole('listbox').getByRole('option').count(), 1);
  assert.match(await option.textContent(), /Created/);
  assert.match(await option.textContent(), /…b7a652/);
  await page.locator('.finder').screenshot({ path: `${SHOTS}/finder.png` });
  // ZStack's query API: a LIKE on the name, paged, sorted and counted.
  const q = new URL(page.queries.find((u) => u.includes('q=')));
  assert.equal(q.pathname, '/zstack/v1/cbt-task');
  assert.equal(q.searchParams.get('q'), 'name~=%db-pri%');
  assert.equal(q.searchParams.get('limit'), '10');
  assert.equal(q.searchParams.get('start'), '0');
  assert.equal(q.searchParams.get('replyWithCount'), 'true');
  // Arrow down makes the option active; Enter chooses it and sends no stop.
  await box.press('ArrowDown');
  assert.equal(await box.getAttribute('aria-activedescendant'), await option.getAttribute('id'));
  assert.equal(await option.getAttribute('aria-selected'), 'true');
  await box.press('Enter');
  assert.equal(await page.getByLabel('Task UUID').inputValue(), TASKS.created);
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  assert.equal(page.posts.length, 0, 'Enter in the finder never sends the stop');
  assert.match(await summaryIs(page, 'Created'), /db-primary-hourly · .*Created/);
  await stopButton(page).click();
  await outcome(page, 'stopped');
  // After the stop the summary line reads the task again.
  assert.match(await summaryIs(page, 'Stopped'), /already stopped/);
  assert.deepEqual(page.errors, []);
});

test('finder: a UUID fragment, Escape, "More" and a click', async () => {
  const page = await openWithSession();
  const box = finder(page);
  await box.fill('5C1E-0B8E');
  await page.getByRole('option', { name: 'My Task' }).waitFor();
  assert.ok(page.queries.some((u) => new URL(u).searchParams.get('q') === 'uuid~=%5c1e0b8e%'));
  await box.press('Escape');
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  assert.equal(await box.inputValue(), '5C1E-0B8E', 'Escape keeps what was typed');
  // ArrowDown opens the list again; leaving the combobox closes it.
  await box.press('ArrowDown');
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  await page.getByRole('heading', { name: 'Stop CBT Task' }).click();
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  // Sixteen tasks hold an "a": ten at a time, then "More".
  await box.fill('a');
  await page.getByText(/^10 of \d+$/).waitFor();
  assert.equal(await page.getByRole('listbox').getByRole('option').count(), 10);
  await page.getByRole('button', { name: 'More' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[role=option]').length > 10);
  const total = Number((await page.locator('#finder-state').textContent()).split(' of ')[1]);
  assert.equal(await page.getByRole('listbox').getByRole('option').count(), Math.min(total, 20));
  assert.ok(page.queries.some((u) => new URL(u).searchParams.get('start') === '10'));
  await page.getByRole('option', { name: 'mail-archive' }).click();
  assert.equal(await page.getByLabel('Task UUID').inputValue(), '9a8b7c6d5e4f40312a1b0c9d8e7f6a5b');
  assert.match(await summaryIs(page, 'Failed'), /mail-archive/);
});

test('finder: nothing matches, no session, an expired session, all said in place', async () => {
  const page = await openPanel(env.browser, env.sim.base + '/');
  const box = finder(page);
  await box.fill('web');
  await page.getByText('Enter the session UUID first (or sign in).').first().waitFor();
  await page.getByLabel('Session UUID').fill(UNKNOWN_TASK);
  await box.fill('webx');
  await page.locator('#finder-state', { hasText: /session has expired/ }).waitFor();
  assert.equal(await result(page).getAttribute('data-outcome'), null, 'never in the result region');
  await page.getByLabel('Session UUID').fill(env.sim.session);
  await box.fill('no task has such a name');
  await page.locator('#finder-state', { hasText: 'No CBT task matches.' }).waitFor();
  assert.equal(await page.getByRole('listbox').getByRole('option').count(), 0);
});

test('summary line: a running, a stopped and an unknown task; prefilled by ?uuid=', async () => {
  const page = await openWithSession(`${env.sim.base}/?uuid=${TASKS.myTask}`);
  assert.match(await summaryIs(page, 'Running'), /My Task · .*Running/);
  await page.getByLabel('Task UUID').fill(STOPPED_TASK);
  const stopped = await summaryIs(page, 'Stopped');
  assert.match(stopped, /fileserver-daily/);
  assert.match(stopped, /already stopped; stopping it again is allowed/);
  assert.ok(await stopButton(page).isEnabled());
  await page.getByLabel('Task UUID').fill(UNKNOWN_TASK);
  assert.match(await summaryIs(page, 'none'), /No CBT task has this UUID/);
  assert.ok(page.queries.some((u) => u.endsWith(`/zstack/v1/cbt-task/${UNKNOWN_TASK}`)));
  await page.locator('.task-row').screenshot({ path: `${SHOTS}/summary.png` });
});

test('summary line: one read once the field settles; a stop pressed before then takes its place', async () => {
  const page = await openWithSession();
  const uuid = page.getByLabel('Task UUID');
  // Puts `values` in the field one after the other; then, when told, the
  // stop is pressed in the next task (well inside the 250 ms the field
  // takes to settle).
  const put = (values, stop) => uuid.evaluate(async (el, [values, stop]) => {
    for (const v of values) {
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
    if (stop) {
      await new Promise((r) => setTimeout(r, 0));
      document.querySelector('form.form button[type=submit]').click();
    }
  }, [values, stop]);
  // Three changes in a row (as a paste and two edits would make): one read,
  // of the UUID that stayed.
  await put([TASKS.myTask, TASKS.created, STOPPED_TASK], false);
  assert.match(await summaryIs(page, 'Stopped'), /fileserver-daily/);
  assert.deepEqual(page.queries, [`${env.sim.base}/zstack/v1/cbt-task/${STOPPED_TASK}`]);
  // A UUID put in and stopped at once: the stop goes out first and alone,
  // then its read-back fills the summary line.
  const order = [];
  page.on('request', (r) => { if (r.url().includes('/zstack/v1/cbt-task')) order.push(r.method()); });
  await put([TASKS.created], true);
  await outcome(page, 'stopped');
  await page.locator('#task-summary[data-task-status="Stopped"]', { hasText: 'db-primary-hourly' }).waitFor();
  assert.deepEqual(order, ['POST', 'GET']);
  assert.deepEqual(page.errors, []);
});

test('hints: an expired session opens sign-in, an unknown task goes to the finder', async () => {
  let page = await openPanel(env.browser, env.sim.base + '/');
  await fillForm(page, { session: UNKNOWN_TASK, uuid: TASKS.myTask });
  await stopButton(page).click();
  await outcome(page, 'api-error');
  assert.match(await result(page).textContent(), /session has expired or is not valid/);
  await result(page).getByRole('button', { name: 'Sign in' }).click();
  assert.ok(await page.locator('#sign-in').evaluate((d) => d.open));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'account-name');
  // The full error tree stays below the hint.
  assert.equal(await result(page).locator('[data-error-code="ID.1001"]').count(), 1);

  page = await openPanel(env.browser, env.sim.base + '/');
  await fillForm(page, { session: env.sim.session, uuid: UNKNOWN_TASK });
  await stopButton(page).click();
  await outcome(page, 'api-error');
  assert.match(await result(page).textContent(), /Find the task by its name/);
  await result(page).getByRole('button', { name: 'Find a task' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'finder');
});

test('hints: 429 says wait; a lost answer and a timeout offer "Check the task"', async () => {
  let page = await openPanel(env.browser, env.sim.base + '/');
  await fillForm(page, { session: env.sim.session, uuid: TASKS.rateLimited });
  await stopButton(page).click();
  await outcome(page, 'http-error');
  assert.match(await result(page).textContent(), /Wait a minute, then stop the task again/);

  // The POST and the job poll both fail: the panel cannot tell, and says so.
  page = await openWithSession();
  await page.route('**/zstack/v1/cbt-task/disable/**', (r) => r.abort('connectionrefused'));
  await page.route('**/zstack/v1/api-jobs/**', (r) => r.abort('connectionrefused'));
  await fillForm(page, { session: env.sim.session, uuid: TASKS.myTask });
  await summaryIs(page, 'Running');
  await stopButton(page).click();
  await outcome(page, 'network-error');
  assert.match(await result(page).textContent(), /it may or may not have/);
  const reads = page.queries.length;
  await result(page).getByRole('button', { name: 'Check the task' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'task-summary');
  for (let i = 0; i < 50 && page.queries.length <= reads; i++) await page.waitForTimeout(100);
  await summaryIs(page, 'Running');
  assert.ok(page.queries.length > reads, 'Check the task reads the task again');
});

test('hints: a network error against another origin names CORS and the proxy', async () => {
  const page = await openPanel(env.browser, env.sim.base + '/');
  await page.route('**/panel.config.json', (r) => r.fulfill({ json: { apiBase: 'http://127.0.0.1:9' } }));
  await page.reload();
  await stopButton(page).waitFor();
  await fillForm(page, { session: env.sim.session, uuid: TASKS.myTask });
  await stopButton(page).click();
  await outcome(page, 'network-error');
  const text = await result(page).textContent();
  assert.match(text, /another origin/);
  assert.match(text, /Same origin through a proxy/);
});

test('hints: SYS.1001 in example mode; the finder and summary answer from examples', async () => {
  const page = await openPanel(env.browser, env.sim.base + '/?example=1');
  const box = finder(page);
  await box.fill('task');
  await page.getByRole('option', { name: /^My Task / }).waitFor();
  assert.equal(await page.getByRole('listbox').getByRole('option').count(), 3);
  await page.getByRole('option', { name: 'Stopped Task' }).click();
  assert.match(await summaryIs(page, 'Stopped'), /Stopped Task/);
  await page.getByLabel('Task UUID').fill(TASKS.myTask);
  await summaryIs(page, 'Running');
  await page.getByLabel('Example answer').selectOption('timeout');
  await stopButton(page).click();
  await outcome(page, 'api-error');
  assert.match(await result(page).textContent(), /server timed out waiting for the task; it may still stop/);
  await result(page).getByRole('button', { name: 'Check the task' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'task-summary');
  assert.equal(page.posts.length, 0);
  assert.deepEqual(page.errors, []);
});

test('accessibility: the open list, the summary line and a hint have no serious axe violation', async () => {
  const page = await openWithSession(`${env.sim.base}/?uuid=${UNKNOWN_TASK}`);
  await summaryIs(page, 'none');
  await stopButton(page).click();
  await outcome(page, 'api-error');
  await finder(page).fill('mail');
  await page.getByRole('option', { name: 'mail-archive' }).waitFor();
  await finder(page).press('ArrowDown');
  for (const theme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: theme });
    const scan = await new AxeBuilder({ page }).analyze();
    const bad = scan.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    assert.deepEqual(bad.map((v) => `${theme} ${v.id}: ${v.help} ${v.nodes.map((n) => n.target).join(' ')}`), []);
  }
});

test('Chinese: the finder and the summary line', async () => {
  const page = await openPanel(env.browser, `${env.sim.base}/?lang=zh&uuid=${TASKS.myTask}`);
  await page.locator('#session').fill(env.sim.session);
  await page.getByRole('combobox', { name: '查找任务' }).waitFor();
  assert.match(await summaryIs(page, 'Running'), /运行中/);
});
