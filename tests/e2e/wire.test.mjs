// End-to-end: what happened on the wire, what was stopped before in this
// tab, and the same call in ZStack's own clients, in Debian's
// Chromium against a zstack-sim of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { simAndBrowser, SHOTS, openPanel, fillForm, result, outcome, signIn, TASKS } from './harness.mjs';

const env = simAndBrowser();

const stopButton = (page) => page.getByRole('button', { name: 'Stop CBT Task' });
const details = (page) => page.locator('#request-details');
const steps = (page) => details(page).locator('li.step');

/** Stops `uuid` and waits for `kind`. */
async function stop(page, uuid, kind) {
  await page.getByLabel('Task UUID').fill(uuid);
  await stopButton(page).click();
  await outcome(page, kind);
}

/** The task as the simulator holds it now. */
async function taskStatus(uuid) {
  const r = await fetch(`${env.sim.base}/zstack/v1/cbt-task/${uuid}`, { headers: { Authorization: `OAuth ${env.sim.session}` } });
  return (await r.json()).inventories[0].status;
}

test('request details list an async stop step by step: POST 202, its polls, the read-back', async () => {
  const page = await openPanel(env.browser, env.sim.base + '/');
  await fillForm(page, { session: env.sim.session, uuid: TASKS.myTask });
  await stopButton(page).click();
  await outcome(page, 'stopped');
  // The POST, at least one poll (the job takes 600 ms), the final poll,
  // then the read-back of the task.
  await page.waitForFunction(() => {
    const s = [...document.querySelectorAll('#request-details li.step')];
    return s.length >= 3 && s[s.length - 1].textContent.includes('/zstack/v1/cbt-task/');
  });
  const timing = page.locator('#timing');
  const polls = Number(await timing.getAttribute('data-polls'));
  assert.ok(polls >= 2, `polls: ${polls}`);
  assert.match(await timing.textContent(), new RegExp(`^Took \\d+\\.\\d s · ${polls} polls$`));
  assert.ok(Number(await timing.getAttribute('data-elapsed-ms')) >= 600);

  await details(page).locator('summary', { hasText: 'Request details' }).click();
  const all = await steps(page).allTextContents();
  assert.equal(all.length, polls + 2, all.join('\n'));
  const [post, ...rest] = all;
  const readBack = rest.pop();
  assert.match(post, new RegExp(`POST /zstack/v1/cbt-task/disable/${TASKS.myTask}`));
  assert.match(post, /202 Accepted/);
  // ZStack names the job in the body (a Location header would show too).
  assert.match(post, /"location":"http[^"]*\/zstack\/v1\/api-jobs\//);
  assert.match(post, /Content-Type.*application\/json/);
  // The session shows masked, as in the preview.
  assert.match(post, new RegExp(`Authorization.*OAuth ••••${env.sim.session.slice(-4)}`));
  assert.ok(!(await details(page).textContent()).includes(env.sim.session), 'the session never shows');
  for (const poll of rest.slice(0, -1)) assert.match(poll, /GET \/zstack\/v1\/api-jobs\/.*202 Accepted/);
  assert.match(rest[rest.length - 1], /GET \/zstack\/v1\/api-jobs\/.*200 OK/);
  assert.match(readBack, new RegExp(`GET /zstack/v1/cbt-task/${TASKS.myTask}.*200 OK`));
  assert.match(readBack, /"status":\s*"Stopped"/);
  // Every step has its duration and its response size.
  for (const s of all) assert.match(s, /\d+ ms · \d+ B/);
  assert.equal(await steps(page).first().getAttribute('data-http-status'), '202');
  assert.equal(await details(page).getByRole('button', { name: 'Copy' }).count(), all.length);

  // Each body is copied whole.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await steps(page).last().getByRole('button', { name: 'Copy' }).click();
  await steps(page).last().getByRole('button', { name: 'Copied' }).waitFor();
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  assert.equal(copied.inventories[0].uuid, TASKS.myTask);

  await details(page).screenshot({ path: `${SHOTS}/details.png` });
  const axe = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(axe.violations.map((v) => v.id), []);
  assert.deepEqual(page.errors, []);
});

test('the history keeps three stops, newest first, and shows the first again', async () => {
  const page = await openPanel(env.browser, env.sim.base + '/');
  await page.getByLabel('Session UUID').fill(env.sim.session);
  await stop(page, TASKS.myTask, 'stopped');
  await stop(page, TASKS.plain500, 'http-error');
  await stop(page, TASKS.notJson, 'bad-response');
  const history = page.getByRole('region', { name: 'Stopped in this tab' });
  const entries = history.getByRole('listitem');
  assert.equal(await entries.count(), 3);
  assert.deepEqual(
    await entries.evaluateAll((es) => es.map((e) => e.dataset.kind)),
    ['bad-response', 'http-error', 'stopped'],
  );
  const first = entries.nth(2);
  assert.match(await first.textContent(), /My Task/);
  assert.match(await first.textContent(), /The task was stopped/);
  assert.match(await first.locator('time').getAttribute('datetime'), /^\d{4}-\d\d-\d\dT/);
  // Named as the summary line read it; its UUID on hover.
  assert.match(await entries.nth(1).textContent(), /fault: plain-text 500/);
  assert.equal(await entries.nth(1).locator('.history-task').getAttribute('title'), TASKS.plain500);

  await first.getByRole('button', { name: 'Show' }).click();
  await outcome(page, 'stopped');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'result');
  assert.match(await result(page).textContent(), /My Task/);
  // Its own exchange comes back with it.
  await details(page).locator('summary').click();
  assert.match(await steps(page).first().textContent(), new RegExp(`POST /zstack/v1/cbt-task/disable/${TASKS.myTask}.*202 Accepted`));
  assert.equal(await entries.count(), 3, 'showing again adds nothing');
  assert.deepEqual(page.errors, []);
});

test('signing out forgets the history; example mode marks its entry and details', async () => {
  const page = await openPanel(env.browser, env.sim.base + '/');
  await signIn(page);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await stop(page, TASKS.created, 'stopped');
  const history = page.getByRole('region', { name: 'Stopped in this tab' });
  assert.equal(await history.getByRole('listitem').count(), 1);
  await page.getByRole('button', { name: 'Sign out' }).click();
  assert.equal(await history.count(), 0);
  assert.equal(await details(page).count(), 0);

  await page.getByLabel('Use example responses').check();
  await stopButton(page).click();
  await outcome(page, 'stopped');
  assert.equal(await history.getByRole('listitem').count(), 1);
  assert.match(await history.textContent(), /Example: nothing was sent/);
  await details(page).locator('summary').click();
  assert.match(await details(page).textContent(), /Example: nothing was sent/);
  assert.match(await steps(page).first().textContent(), /POST \/zstack\/v1\/cbt-task\/disable\/.*200 OK/);
  assert.equal(await page.locator('#timing').count(), 0, 'an example took no time');
  assert.deepEqual(page.errors, []);
});

/** Chooses `format`, copies it (the session unmasked) and returns it. */
async function copied(page, format, label) {
  await page.getByLabel('Code for').selectOption(format);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.locator('.preview').getByRole('button', { name: label }).click();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('the copied curl command stops the task against zstack-sim', async () => {
  const page = await openPanel(env.browser, env.sim.base + '/');
  await fillForm(page, { session: env.sim.session, uuid: TASKS.created, force: true });
  const command = await copied(page, 'curl', 'Copy as curl');
  assert.match(command, /^curl -X POST/);
  assert.ok(command.includes(env.sim.session), 'the copy carries the real session');
  const reply = JSON.parse(execFileSync('sh', ['-c', `${command} -sS`], { encoding: 'utf8' }));
  // The real server's asynchronous answer: a job to poll.
  assert.match(reply.location, /\/zstack\/v1\/api-jobs\/[0-9a-f]{32}$/);
  const job = await (await fetch(reply.location.replace(/^https?:\/\/[^/]+/, env.sim.base))).status;
  assert.ok(job === 202 || job === 200, `job: ${job}`);
  for (let i = 0; i < 50 && (await taskStatus(TASKS.created)) !== 'Stopped'; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(await taskStatus(TASKS.created), 'Stopped');
});

test('the copied Python program stops the task against zstack-sim, polling its job', async () => {
  const page = await openPanel(env.browser, env.sim.base + '/');
  await fillForm(page, { session: env.sim.session, uuid: TASKS.myTask });
  const program = await copied(page, 'python', 'Copy');
  assert.match(program, /^import json, sys, time, urllib\.error, urllib\.request/);
  const dir = mkdtempSync(join(tmpdir(), 'cbt-python-'));
  writeFileSync(join(dir, 'stop.py'), program);
  const out = execFileSync('python3', [join(dir, 'stop.py')], { encoding: 'utf8' });
  assert.equal(out.trim(), 'My Task Stopped');
  // Shown masked until revealed; the other formats are there too.
  for (const [format, start] of [['zstack-cli', /^# zstack-cli/], ['java', /^import org\.zstack\.sdk\.\*;/], ['go', /^package main/]]) {
    await page.getByLabel('Code for').selectOption(format);
    const shown = await page.locator('.preview pre').textContent();
    assert.match(shown, start);
    assert.ok(!shown.includes(env.sim.session), `${format} shows the session masked`);
  }
  assert.deepEqual(page.errors, []);
});

test('in Chinese: the details, the history and the timing have their own words', async () => {
  const page = await openPanel(env.browser, env.sim.base + '/?lang=zh');
  await page.getByLabel('会话 UUID').fill(env.sim.session);
  await page.getByLabel('任务 UUID').fill(TASKS.myTask);
  await page.getByRole('button', { name: '停止 CBT 任务' }).click();
  await outcome(page, 'stopped');
  assert.match(await page.locator('#timing').textContent(), /^用时 \d+\.\d 秒 · 轮询 \d+ 次$/);
  await details(page).locator('summary', { hasText: '请求详情' }).click();
  assert.match(await steps(page).first().textContent(), /\d+ ms · \d+ 字节/);
  assert.equal(await page.getByRole('region', { name: '本标签页的操作' }).getByRole('listitem').count(), 1);
  assert.equal(await page.getByLabel('代码格式').count(), 1);
  assert.deepEqual(page.errors, []);
});
