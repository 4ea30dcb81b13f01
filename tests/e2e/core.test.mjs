// End-to-end, the core in every engine (Chromium, Firefox, WebKit) through
// WebdriverIO: one-task stops, the error tree, replies shown as text,
// sign-in, the finder, several tasks, the iframe protocol, the custom
// element, and the strict CSP through each flow (every test ends with
// `assertClean`: nothing violated, nothing thrown). Each engine has its
// own zstack-sim (fresh task states), a host console on another origin,
// and one browser session.
import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSim, startStatic, inlineScriptRuns, TASKS, batchName as name, batchUuid as uuidOf } from './harness.mjs';
import {
  ENGINES, engineTest, startEngine, openPanel, watchPage, fill, until, outcome, resultText, count, press,
  assertClean, assertAccessible, reported,
} from './engines.mjs';

const STOP = 'form.form button[type=submit]';

/** Requests in zstack-sim's log from `from` on: [method, path]. */
function requests(sim, from = 0) {
  return sim.log().slice(from).split('\n')
    .map((l) => l.trim().match(/^(GET|POST|PUT|DELETE) (\S+) \d{3} /))
    .filter(Boolean)
    .map((m) => [m[1], m[2]]);
}

for (const engine of ENGINES) {
  describe(engine.name, () => {
    let sim;
    let host;
    let dir;
    let b;
    const it = engineTest(engine, () => b);

    before(async () => {
      // The host console, on another origin (localhost, not 127.0.0.1).
      host = await startStatic('http://127.0.0.1:9');
      const hostOrigin = host.base.replace('127.0.0.1', 'localhost');
      // The panel: a copy of dist/ whose configuration allows that host,
      // with a page on its own origin that holds the custom element.
      dir = mkdtempSync(join(tmpdir(), 'cbt-panel-core-'));
      cpSync('dist', dir, { recursive: true });
      writeFileSync(join(dir, 'panel.config.json'), JSON.stringify({ allowedOrigins: [hostOrigin] }));
      writeFileSync(join(dir, 'element-host.html'), '<!doctype html><title>host</title>'
        + '<script type="module" src="./cbt-stop-panel.js"></script>'
        + '<cbt-stop-panel id="a" lang="en"></cbt-stop-panel>');
      sim = await startSim(['--dist', dir, '--tasks', '100']);
      b = await startEngine(engine);
    });
    after(async () => {
      await b?.quit();
      await sim?.stop();
      await host?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** A fresh panel with the session and `uuid` typed in, Stop pressed. */
    async function stopTask(uuid, url = sim.base + '/') {
      await openPanel(b, url);
      await fill(b, '#session', sim.session);
      await fill(b, '#task-uuid', uuid);
      await (await b.$(STOP)).click();
    }

    it(`an async stop (202) waits on its job, reads the task back and shows its card`, async () => {
      await stopTask(TASKS.myTask);
      await outcome(b, 'waiting');
      await (await b.$('.job-id')).waitForExist();
      assert.equal(await (await b.$(STOP)).isEnabled(), false, 'no second stop while one is in flight');
      assert.ok(await (await b.$('button=Cancel')).isDisplayed());
      await outcome(b, 'stopped');
      const card = await b.$('[role=region] [data-status]');
      assert.equal(await card.getAttribute('data-status'), 'Stopped');
      assert.equal(await (await card.$(':is(h2, h3, h4)')).getText(), 'My Task');
      assert.match(await card.getText(), /Nightly changed-block backup/);
      assert.equal(await (await b.$('button=Cancel')).isExisting(), false);
      await assertClean(b, sim);
    });

    it(`a documented stop (200 with the inventory at once) shows its card`, async () => {
      const documented = await startSim(['--style', 'documented']);
      try {
        await openPanel(b, documented.base + '/');
        await fill(b, '#session', documented.session);
        await fill(b, '#task-uuid', TASKS.created);
        await b.keys(['Enter']);
        await outcome(b, 'stopped');
        assert.deepEqual(requests(documented).filter(([, p]) => p.includes('api-jobs')), [], 'answered at once, no job polled');
        assert.equal(await (await b.$('[role=region] [data-status]')).getAttribute('data-status'), 'Stopped');
        await assertClean(b, documented);
      } finally {
        await documented.stop();
      }
    });

    it(`the error tree nests in order; a 1,500-deep chain shows deeper causes on demand`, async () => {
      await stopTask(TASKS.nested);
      await outcome(b, 'api-error');
      const direct = await b.execute(() => {
        const root = document.querySelector('[role=region] [data-error-code]');
        return [root.dataset.errorCode, ...[...root.querySelectorAll('[data-error-code]')]
          .filter((n) => n.parentElement.closest('[data-error-code]') === root).map((n) => n.dataset.errorCode)];
      });
      assert.deepEqual(direct, ['SYS.1000', 'HOST.1000', 'VOLUME.1000', 'VOLUME.1000']);
      assert.equal(await count(b, '[data-error-code="SYS.1000"] [data-error-code="HOST.1000"] [data-error-code="SYS.1001"] [data-error-code="SYS.1000"]'), 1);
      assert.match(await resultText(b), /The host agent did not release/);
      assert.equal(await (await b.$('#task-uuid')).getValue(), TASKS.nested, 'what was typed is kept');
      await assertAccessible(b, 'an error tree');
      await fill(b, '#task-uuid', TASKS.deep);
      await (await b.$(STOP)).click();
      await until(b, () => document.querySelectorAll('[role=region] [data-error-code]').length >= 24 && document.querySelector('[role=region]').dataset.outcome === 'api-error');
      const shown = await count(b, '[role=region] [data-error-code]');
      await press(b, 'Show deeper causes');
      await until(b, (n) => document.querySelectorAll('[role=region] [data-error-code]').length >= n + 24, [shown]);
      await assertClean(b, sim);
    });

    it(`an HTML 502, a 2xx that is not JSON and markup in an error are shown as text; the policy is in force`, async () => {
      await stopTask(TASKS.html502);
      await outcome(b, 'http-error');
      assert.match(await resultText(b), /HTTP 502 Bad Gateway/);
      assert.match(await (await b.$('[role=region] pre')).getText(), /<h1>502 Bad Gateway<\/h1>/);
      assert.equal(await count(b, '[role=region] h1, [role=region] script'), 0);
      await fill(b, '#task-uuid', TASKS.notJson);
      await (await b.$(STOP)).click();
      await outcome(b, 'bad-response');
      assert.match(await (await b.$('[role=region] pre')).getText(), /OK: task stop scheduled/);
      await fill(b, '#task-uuid', TASKS.markup);
      await (await b.$(STOP)).click();
      await outcome(b, 'api-error');
      const text = await resultText(b);
      assert.ok(text.includes('<script>window.__xss=2</script>') && text.includes('<b>bold</b>'), text);
      assert.equal(await count(b, '[role=region] :is(b, img, script, iframe)'), 0);
      assert.equal(await b.execute(() => window.__xss), null);
      await assertClean(b, sim);
      // The policy is in force: an inline script does not run, and the
      // engine reports it (so silence in the other tests means something).
      assert.equal(await b.execute(inlineScriptRuns), false);
      await until(b, () => window.__csp.length > 0); // one event per policy: the header's and the page's
      await b.waitUntil(async () => reported(sim).length > 0, { timeout: 5000, timeoutMsg: 'no report reached zstack-sim' });
      assert.match(reported(sim).join('\n'), /^CSP violation: script-src\S* inline on /);
      sim.checkedTo = sim.log().length;
    });

    it(`sign-in: a wrong password is ID.1000; signed in, a stop; signing out ends the session`, async () => {
      await openPanel(b, sim.base + '/');
      await (await b.$('#sign-in summary')).click();
      await fill(b, '#account-name', 'admin');
      await fill(b, '#password', 'wrong');
      await press(b, 'Sign in');
      await outcome(b, 'api-error');
      assert.equal(await (await b.$('[role=region] [data-error-code]')).getAttribute('data-error-code'), 'ID.1000');
      assert.equal(await (await b.$('#account-name')).getValue(), 'admin');
      await fill(b, '#password', 'password');
      await press(b, 'Sign in');
      await (await b.$('button=Sign out')).waitForExist();
      const session = await (await b.$('#session')).getValue();
      assert.match(session, /^[0-9a-f]{32}$/);
      await fill(b, '#task-uuid', TASKS.created);
      await (await b.$(STOP)).click();
      await outcome(b, 'stopped');
      await press(b, 'Sign out');
      await until(b, () => document.querySelector('#session').value === '');
      const valid = await b.executeAsync((s, done) => {
        fetch(`/zstack/v1/accounts/sessions/${s}/valid`).then((r) => r.json()).then(done);
      }, session);
      assert.equal(valid.valid, false);
      await assertClean(b, sim);
    });

    it(`the finder finds a task by part of its name with the keyboard, then it is stopped`, async () => {
      const sim2 = await startSim();
      try {
        await openPanel(b, sim2.base + '/');
        await fill(b, '#session', sim2.session);
        await (await b.$('#finder')).setValue('db-pri');
        await until(b, () => document.querySelectorAll('#finder-list [role=option]').length === 1
          && document.querySelector('#finder-list [role=option]').textContent.includes('db-primary-hourly'));
        assert.equal(await (await b.$('#finder')).getAttribute('aria-expanded'), 'true');
        await b.keys(['ArrowDown']);
        const option = await b.$('#finder-list [role=option]');
        assert.equal(await (await b.$('#finder')).getAttribute('aria-activedescendant'), await option.getAttribute('id'));
        await b.keys(['Enter']);
        assert.equal(await (await b.$('#task-uuid')).getValue(), TASKS.created);
        assert.equal(await (await b.$('#finder')).getAttribute('aria-expanded'), 'false');
        assert.deepEqual(requests(sim2).filter(([m]) => m === 'POST'), [], 'Enter in the finder sends no stop');
        await until(b, () => document.querySelector('#task-summary')?.dataset.taskStatus === 'Created');
        await assertAccessible(b, 'the finder and the summary line');
        await (await b.$(STOP)).click();
        await outcome(b, 'stopped');
        await until(b, () => document.querySelector('#task-summary')?.dataset.taskStatus === 'Stopped');
        await assertClean(b, sim2);
      } finally {
        await sim2.stop();
      }
    });

    it(`several tasks: the dialog lists them, Back sends nothing, at most 4 at once, results and CSV`, async () => {
      await openPanel(b, sim.base + '/');
      await fill(b, '#session', sim.session);
      await (await b.$('#tab-several')).click();
      await until(b, () => document.querySelectorAll('table.tasks tbody tr').length > 0);
      const picked = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
      for (const n of picked) {
        await fill(b, '#filter-tasks', name(n));
        await until(b, (label) => [...document.querySelectorAll('table.tasks tbody tr td.task-name')].some((td) => td.textContent === label), [name(n)]);
        await (await b.$(`input[aria-label="Select ${name(n)}"]`)).click();
      }
      await until(b, (n) => document.querySelector('.selected-count')?.textContent === `${n} tasks selected`, [picked.length]);
      const from = sim.log().length;
      await press(b, 'Stop selected tasks');
      const dialog = await b.$('dialog.confirm');
      await dialog.waitForDisplayed();
      assert.equal(await (await b.$('#confirm-title')).getText(), `Stop ${picked.length} tasks?`);
      assert.deepEqual(await b.execute(() => [...document.querySelectorAll('dialog.confirm li')].map((l) => l.textContent)), picked.map(name));
      await assertAccessible(b, 'the confirmation dialog');
      await press(b, 'Back');
      await dialog.waitForDisplayed({ reverse: true });
      assert.deepEqual(requests(sim, from).filter(([m]) => m === 'POST'), [], 'nothing sent before the answer');
      await press(b, 'Stop selected tasks');
      await press(b, `Stop ${picked.length} tasks`);
      await outcome(b, 'batch', 30000);
      let flying = 0;
      let most = 0;
      for (const [m, p] of requests(sim, from)) {
        if (m === 'POST' && p.includes('/cbt-task/disable/')) flying += 1;
        if (m === 'GET' && /\/cbt-task\/[0-9a-f]{32}$/.test(p)) flying -= 1;
        most = Math.max(most, flying);
      }
      assert.equal(most, 4, 'the default limit, reached and never passed');
      const rows = await b.execute(() => [...document.querySelectorAll('table.results tr[data-task-uuid]')].map((r) => [r.dataset.taskUuid, r.dataset.outcome]));
      assert.deepEqual(rows.map(([u]) => u), picked.map(uuidOf), 'in the order selected');
      assert.deepEqual(rows.filter(([, k]) => k === 'api-error').map(([u]) => u), [uuidOf(20)], 'batch-0020 fails (every tenth)');
      assert.equal(await (await b.$('.batch-sentence')).getText(), '9 stopped, 1 failed');
      await assertAccessible(b, 'the stop results');
      // Copy results: what the panel hands the clipboard, caught in the page.
      await b.execute(() => { navigator.clipboard.writeText = (t) => { window.__copied = t; return Promise.resolve(); }; });
      await press(b, 'Copy results');
      const csv = await b.waitUntil(() => b.execute(() => window.__copied), { timeout: 5000 });
      const lines = csv.split('\r\n');
      assert.equal(lines[0], 'uuid,name,outcome,code,message');
      assert.equal(lines.length, picked.length + 2);
      assert.ok(lines.includes(`${uuidOf(11)},${name(11)},stopped,,The task was stopped`), csv);
      assert.match(csv, new RegExp(`${uuidOf(20)},${name(20)},api-error,SYS.1000,`));
      await assertClean(b, sim);
    });

    /** The host console's page, framing the panel and keeping its messages. */
    async function hostConsole(origin) {
      await b.url(origin + '/blank.html');
      await b.execute((src) => {
        window.msgs = [];
        addEventListener('message', (e) => { if (e.source === frames[0]) window.msgs.push({ origin: e.origin, data: e.data }); });
        const f = document.createElement('iframe');
        f.title = 'panel'; f.width = 900; f.height = 700; f.src = src;
        document.body.append(f);
      }, sim.base + '/');
    }
    const messages = (type) => b.execute((t) => window.msgs.filter((m) => m.data.type === t), type);

    it(`iframe: ready, configure, a stop and its outcome for an allowed host; another origin gets nothing`, async () => {
      await hostConsole(host.base.replace('127.0.0.1', 'localhost'));
      await b.waitUntil(async () => (await messages('cbt-panel:ready')).length > 0, { timeout: 15000 });
      assert.deepEqual((await messages('cbt-panel:ready'))[0], { origin: sim.base, data: { type: 'cbt-panel:ready', version: 1 } });
      await b.execute((s, u, o) => frames[0].postMessage({ type: 'cbt-panel:configure', version: 1, session: s, uuid: u, force: true }, o),
        sim.session, TASKS.created, sim.base);
      await b.switchFrame(await b.$('iframe'));
      await watchPage(b);
      await until(b, (s, u) => document.querySelector('#session')?.value === s && document.querySelector('#task-uuid').value === u
        && document.querySelector('#force').checked, [sim.session, TASKS.created]);
      await (await b.$(STOP)).click();
      await outcome(b, 'stopped');
      await assertClean(b, sim);
      await b.switchFrame(null);
      const [done] = await b.waitUntil(() => messages('cbt-panel:outcome').then((m) => m.length && m), { timeout: 15000 });
      assert.equal(done.origin, sim.base);
      assert.equal(done.data.outcome, 'stopped');
      assert.equal(done.data.inventory.uuid, TASKS.created);
      assert.ok((await messages('cbt-panel:resize')).every((m) => m.data.height > 0));
      // The same panel framed from an origin not in allowedOrigins: it
      // boots (the positive control) and tells that host nothing.
      await hostConsole(host.base);
      await b.switchFrame(await b.$('iframe'));
      await (await b.$(STOP)).waitForExist({ timeout: 15000 });
      await b.switchFrame(null);
      await b.execute((s, o) => frames[0].postMessage({ type: 'cbt-panel:configure', version: 1, session: s }, o), sim.session, sim.base);
      await new Promise((r) => setTimeout(r, 1000)); // checks that nothing arrives
      assert.deepEqual(await b.execute(() => window.msgs), []);
      await b.switchFrame(await b.$('iframe'));
      assert.equal(await (await b.$('#session')).getValue(), '', 'configured nothing');
      await b.switchFrame(null);
    });

    it(`<cbt-stop-panel> stops a task and tells its host by a composed event; removed mid-stop it sends nothing more`, async () => {
      await b.url(sim.base + '/element-host.html');
      await watchPage(b);
      const panel = await b.$('#a');
      await (await panel.shadow$(STOP)).waitForExist({ timeout: 15000 });
      await b.execute((s) => {
        window.outcomes = [];
        document.addEventListener('cbt-panel-outcome', (e) => window.outcomes.push({ composed: e.composed, detail: e.detail }));
        document.querySelector('#a').session = s;
      }, sim.session);
      await (await panel.shadow$('#task-uuid')).setValue(TASKS.created);
      await (await panel.shadow$(STOP)).click();
      const [got] = await b.waitUntil(() => b.execute(() => window.outcomes.length > 0 && window.outcomes), { timeout: 15000 });
      assert.equal(got.composed, true);
      assert.equal(got.detail.type, 'cbt-panel:outcome');
      assert.equal(got.detail.outcome, 'stopped');
      assert.equal(await b.execute(() => document.querySelector('#a').getAttribute('session')), null, 'the session stays out of the DOM');
      // A stop that hangs, then the element removed while it waits.
      await (await panel.shadow$('#task-uuid')).clearValue();
      await (await panel.shadow$('#task-uuid')).setValue(TASKS.hang);
      await (await panel.shadow$(STOP)).click();
      await (await panel.shadow$('.job-id')).waitForExist({ timeout: 15000 });
      await b.execute(() => { window.__kept = document.querySelector('#a'); window.__kept.remove(); });
      // A poll already on the wire may still be logged; then, for longer
      // than the longest wait between polls, nothing.
      await new Promise((r) => setTimeout(r, 500));
      const removedAt = sim.log().length;
      await new Promise((r) => setTimeout(r, 2500)); // checks that nothing more is sent
      assert.deepEqual(requests(sim, removedAt), [], 'nothing sent after removal');
      await b.execute(() => document.body.append(window.__kept));
      await until(b, () => document.querySelector('#a').shadowRoot?.querySelector('form.form button[type=submit]') !== null);
      assert.equal(await b.execute(() => document.querySelector('#a').shadowRoot.querySelector('#task-uuid').value), '', 'added again, it starts afresh');
      await assertClean(b, sim);
    });
  });
}
