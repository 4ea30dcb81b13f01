// End-to-end, an operator in every engine (Chromium, Firefox, WebKit)
// through WebdriverIO: the keyboard, slips (a bad UUID, a second Enter, a
// shortcut on the wrong tab), a reply lost on the way back, the history,
// Chinese and example mode. Where engines differ most: key events, the
// <dialog> element's Escape, focus, a dropped connection under fetch.
import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Key } from 'webdriverio';
import { startSim, TASKS, batchName as name, batchUuid as uuidOf } from './harness.mjs';
import { ENGINES, engineTest, startEngine, openPanel, fill, until, outcome, resultText, press, assertClean } from './engines.mjs';

const STOP = 'form.form button[type=submit]';

for (const engine of ENGINES) {
  describe(engine.name, () => {
    let sim;
    let b;
    const it = engineTest(engine, () => b);
    before(async () => {
      sim = await startSim(['--tasks', '1000']);
      b = await startEngine(engine);
    });
    after(async () => {
      await b?.quit();
      await sim?.stop();
    });

    /** The stops zstack-sim was sent since `from` in its log: task UUIDs. */
    const stopsSince = (from) => sim.log().slice(from).split('\n')
      .map((l) => l.trim().match(/^POST \/zstack\/v1\/cbt-task\/disable\/([0-9a-f]{32}) /))
      .filter(Boolean).map((m) => m[1]);

    async function stop(uuid, kind) {
      await fill(b, '#task-uuid', uuid);
      await (await b.$(STOP)).click();
      await outcome(b, kind);
    }

    it(`keyboard: Enter stops once however often it is pressed; Ctrl+Enter from a tags box; Escape cancels; the result takes focus`, async () => {
      await openPanel(b, sim.base + '/');
      await fill(b, '#session', sim.session);
      const from = sim.log().length;
      await fill(b, '#task-uuid', TASKS.created);
      await b.keys(['Enter']);
      await b.keys(['Enter']);
      await b.keys(['Enter']);
      await outcome(b, 'stopped');
      assert.deepEqual(stopsSince(from), [TASKS.created], 'one stop for three Enters');
      await fill(b, '#task-uuid', TASKS.hang);
      await (await b.$('#user-tags')).click();
      await b.keys([Key.Ctrl, 'Enter']);
      await outcome(b, 'waiting');
      assert.equal(await (await b.$('#user-tags')).getValue(), '', 'no new line in the tags');
      await (await b.$('.job-id')).waitForExist();
      await b.keys(['Escape']);
      await outcome(b, 'cancelled');
      assert.match(await resultText(b), /Nothing more will be waited for/);
      await until(b, () => document.activeElement?.id === 'result');
      assert.equal(await (await b.$('#task-uuid')).getValue(), TASKS.hang, 'what was typed is kept');
      assert.match(await (await b.$('.shortcuts')).getText(), /Ctrl\+Enter/);
      assert.deepEqual(stopsSince(from), [TASKS.created, TASKS.hang]);
      await assertClean(b, sim);
    });

    it(`slips: a bad UUID and a missing session are refused inline and nothing is sent; an expired job is said`, async () => {
      await openPanel(b, sim.base + '/');
      const from = sim.log().length;
      await fill(b, '#session', sim.session);
      await fill(b, '#task-uuid', 'not-a-uuid');
      await (await b.$(STOP)).click();
      await outcome(b, 'invalid-input');
      assert.match(await (await b.$('#uuid-error')).getText(), /'n' is not allowed/);
      assert.equal(await (await b.$('#task-uuid')).getAttribute('aria-invalid'), 'true');
      await fill(b, '#task-uuid', '5c1e0b8e');
      await b.keys(['Enter']);
      await until(b, () => /has 8/.test(document.querySelector('#uuid-error')?.textContent));
      await fill(b, '#session', '');
      await (await b.$(STOP)).click();
      await until(b, () => /Enter a session UUID/.test(document.querySelector('[role=region]').textContent));
      assert.equal(await (await b.$('#task-uuid')).getValue(), '5c1e0b8e');
      assert.deepEqual(stopsSince(from), []);
      await fill(b, '#session', sim.session);
      await stop(TASKS.expires, 'job-expired');
      assert.match(await resultText(b), /Read the task/);
      await assertClean(b, sim);
    });

    it(`a stop whose reply is lost on the way back still ends stopped, through its own job`, async () => {
      await openPanel(b, sim.base + '/');
      await fill(b, '#session', sim.session);
      const from = sim.log().length;
      await stop(TASKS.lostReply, 'stopped');
      assert.equal(await (await b.$('[role=region] [data-status]')).getAttribute('data-status'), 'Stopped');
      // The first POST is never logged (its connection is dropped before
      // the answer). Chromium and Firefox send it again on a new
      // connection by themselves, WebKit does not; either way the panel
      // followed the stop's own job to its end and read the task back.
      assert.ok(/GET \/zstack\/v1\/cbt-task\/fa11000000000000000000000000000a /.test(sim.log().slice(from)), 'read back');
      // The dropped connection may be logged by the engine as a failed
      // load; nothing else may be.
      await b.execute(() => { window.__errors = window.__errors.filter((e) => !/fetch|network|load failed/i.test(e)); });
      await assertClean(b, sim);
    });

    it(`several tasks: Ctrl+Enter never stops the hidden form's task; no shortcut sends from the dialog; Escape closes it`, async () => {
      const hidden = uuidOf(901);
      await openPanel(b, `${sim.base}/?uuid=${hidden}&force=true`);
      await fill(b, '#session', sim.session);
      await (await b.$('#tab-several')).click();
      await until(b, () => document.querySelectorAll('table.tasks tbody tr').length > 0);
      const from = sim.log().length;
      await (await b.$('#filter-tasks')).click();
      await b.keys([Key.Ctrl, 'Enter']);
      await new Promise((r) => setTimeout(r, 300)); // checks that nothing is sent
      assert.deepEqual(stopsSince(from), [], 'nothing selected: nothing sent, and never the hidden task');
      for (const n of [902, 903]) {
        await fill(b, '#filter-tasks', name(n));
        await until(b, (label) => [...document.querySelectorAll('table.tasks td.task-name')].some((td) => td.textContent === label), [name(n)]);
        await (await b.$(`input[aria-label="Select ${name(n)}"]`)).click();
      }
      await (await b.$('#filter-tasks')).click();
      await b.keys([Key.Ctrl, 'Enter']);
      const dialog = await b.$('dialog.confirm');
      await dialog.waitForDisplayed();
      assert.equal(await (await b.$('#confirm-title')).getText(), 'Stop 2 tasks?');
      await b.keys([Key.Ctrl, 'Enter']);
      await b.execute(() => document.querySelector('dialog.confirm button.primary').focus());
      await b.keys([Key.Ctrl, 'Enter']);
      await b.keys([Key.Command, 'Enter']);
      await new Promise((r) => setTimeout(r, 300)); // checks that nothing is sent
      assert.deepEqual(stopsSince(from), [], 'no shortcut sends while the dialog is open');
      await b.keys(['Escape']);
      await dialog.waitForDisplayed({ reverse: true });
      await new Promise((r) => setTimeout(r, 300)); // checks that nothing is sent
      assert.deepEqual(stopsSince(from), []);
      // What was confirmed is what is stopped: the two, not the hidden one.
      await press(b, 'Stop selected tasks');
      await press(b, 'Stop 2 tasks');
      await outcome(b, 'batch', 30000);
      assert.deepEqual(stopsSince(from).sort(), [uuidOf(902), uuidOf(903)]);
      await assertClean(b, sim);
    });

    it(`the history keeps stops newest first and shows one again with its own exchange`, async () => {
      await openPanel(b, sim.base + '/');
      await fill(b, '#session', sim.session);
      await stop(TASKS.myTask, 'stopped');
      await stop(TASKS.plain500, 'http-error');
      await stop(TASKS.notJson, 'bad-response');
      const kinds = await b.execute(() => [...document.querySelectorAll('#history li.history-entry')].map((e) => e.dataset.kind));
      assert.deepEqual(kinds, ['bad-response', 'http-error', 'stopped']);
      const first = await b.$('#history li.history-entry:last-child');
      assert.match(await first.getText(), /My Task/);
      await (await first.$('button')).click();
      await outcome(b, 'stopped');
      await until(b, () => document.activeElement?.id === 'result');
      assert.match(await resultText(b), /My Task/);
      await (await b.$('#request-details summary')).click();
      await until(b, (u) => new RegExp(`POST /zstack/v1/cbt-task/disable/${u}.*202 Accepted`).test(document.querySelector('#request-details').textContent), [TASKS.myTask]);
      assert.equal(await b.execute(() => document.querySelectorAll('#history li.history-entry').length), 3, 'showing again adds nothing');
      await assertClean(b, sim);
    });

    it(`Chinese labels and status; example mode answers from the published replies and sends nothing`, async () => {
      await openPanel(b, sim.base + '/panel/?lang=zh');
      assert.equal(await b.execute(() => document.documentElement.lang), 'zh-CN');
      assert.equal(await (await b.$(STOP)).getText(), '停止 CBT 任务');
      await fill(b, '#session', sim.session);
      await stop(TASKS.myTask, 'stopped');
      assert.match(await (await b.$('[role=region] [data-status]')).getText(), /已停止/);
      await assertClean(b, sim);
      await openPanel(b, sim.base + '/?example=1');
      const from = sim.log().length;
      await (await b.$(STOP)).click();
      await outcome(b, 'stopped');
      assert.equal(await (await b.$('[role=region]')).getAttribute('data-example'), 'true');
      assert.match(await resultText(b), /Example answer: nothing was sent/);
      await fill(b, '#task-uuid', '0B7F3A9C-2E5D-4B18-A6C1-F0E9D8B7A652');
      await (await b.$('#example-answer')).selectByVisibleText('Task not found (SYS.1006)');
      await (await b.$(STOP)).click();
      await outcome(b, 'api-error');
      assert.match(await (await b.$('[data-error-code="SYS.1006"]')).getText(), /0b7f3a9c2e5d4b18a6c1f0e9d8b7a652/);
      assert.deepEqual(sim.log().slice(from).split('\n').filter((l) => /\/zstack\//.test(l)), [], 'nothing sent');
      await assertClean(b, sim);
    });
  });
}
