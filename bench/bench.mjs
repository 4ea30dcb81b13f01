// Benchmarks (never pass/fail), side by side in one run of Debian's Chromium:
// the panel, a hand-written HTML + JS page doing the same stop (bench/vanilla,
// the floor) and Swagger UI 5 with a one-operation OpenAPI file
// (bench/swagger). All three are served by one plain static server that
// passes /zstack/ to zstack-sim. Prints a table with ratios to the floor and
// writes it to BENCHMARKS.md. `make bench`; RUNS=<n> (default 15: a median
// of 9 still moved 10 to 25 ms between runs on a 2-CPU machine);
// DIST=<folder> measures another build of the panel; ONLY=panel,floor
// measures only those (a quick look while working).
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startSim, startBrowser, startStatic, TASKS } from '../tests/e2e/harness.mjs';
import { loadTimes, watchLoad } from './load-timing.mjs';

const RUNS = Number(process.env.RUNS || 15);
const DIST = process.env.DIST || 'dist';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// gzip -9 itself, as `make dist` and the budget count.
const gz = (files) => files.reduce((n, f) => n + execFileSync('gzip', ['-9c', f]).length, 0);
const inDir = (d, re) => readdirSync(d).filter((f) => re.test(f) && statSync(join(d, f)).isFile()).map((f) => join(d, f));

const FINAL = ['stopped', 'api-error', 'http-error', 'bad-response', 'network-error', 'timed-out', 'cancelled', 'job-expired', 'unconfirmed', 'invalid-input'];
const contenders = {
  panel: { url: '/', ready: 'form.form button[type=submit]:not([disabled])', session: '#session', uuid: '#task-uuid', stop: 'form.form button[type=submit]' },
  floor: { url: '/vanilla/', ready: '#stop:not([disabled])', session: '#session', uuid: '#uuid', stop: '#stop' },
  swagger: { url: '/swagger/', ready: 'button.try-out__btn' },
};
const sizes = {
  panel: gz(inDir(DIST, /\.(html|js|wasm|css)$/)),
  floor: gz(inDir('bench/vanilla', /\.(html|js)$/)),
  swagger: gz([...inDir('bench/swagger', /\.(html|js|json)$/), 'node_modules/swagger-ui-dist/swagger-ui-bundle.js', 'node_modules/swagger-ui-dist/swagger-ui.css']),
};

/** A 200 in the published shape whose error is a `cause` chain `depth` deep. */
function deepBody(depth) {
  const node = (i) => `{"code":"SYS.1000","description":"An internal error happened in system","details":"level ${i}"`;
  return `{"success":false,"error":${Array.from({ length: depth }, (_, i) => node(i) + ',"cause":').join('')}${node(depth)}${'}'.repeat(depth + 1)}}`;
}

const asyncSim = await startSim(['--job-delay-ms', '0', '--tasks', '1000']);
const docSim = await startSim(['--job-delay-ms', '0', '--style', 'documented']);
const mounts = { '/': DIST, '/vanilla/': 'bench/vanilla', '/swagger/': 'bench/swagger', '/swagger-ui/': 'node_modules/swagger-ui-dist' };
const hosts = { async: await startStatic(asyncSim.base, mounts), documented: await startStatic(docSim.base, mounts) };
const sessions = { async: asyncSim.session, documented: docSim.session };
const browser = await startBrowser();

/** A fresh page, with the moment the ready selector first matched recorded. */
async function open(who, style, route) {
  const c = contenders[who];
  const context = await browser.newContext();
  await watchLoad(context, c.ready);
  const page = await context.newPage();
  if (route) await page.route(...route);
  await page.goto(hosts[style].base + c.url);
  await page.waitForFunction(() => window.__ready);
  return page;
}

/** How long one measure may take before it is reported as "over". */
const LIMIT_MS = 60_000;

/** Milliseconds from the click to the final answer on screen; Infinity
 * past LIMIT_MS or when the page crashes. */
async function clickToResult(who, page, style, uuid) {
  // A page busy rendering cannot run its own timer: the limit is kept here.
  const over = new Promise((resolve) => setTimeout(() => resolve(Infinity), LIMIT_MS + 5000).unref());
  try {
    return await Promise.race([measureClick(who, page, style, uuid), over]);
  } catch {
    return Infinity;
  }
}

async function measureClick(who, page, style, uuid) {
  if (who === 'swagger') {
    await page.evaluate((s) => window.ui.preauthorizeApiKey('session', `OAuth ${s}`), sessions[style]);
    await page.locator('button.try-out__btn').click();
    await page.locator('input[placeholder="uuid"]').fill(uuid);
    // Swagger UI's Execute answers a real click only; the observer is set
    // first and the time is taken from just before the click.
    await page.evaluate(() => {
      new MutationObserver((_, obs) => {
        if (document.querySelector('.live-responses-table .response')) {
          obs.disconnect();
          window.__done = performance.now();
        }
      }).observe(document.body, { subtree: true, childList: true });
      window.__t0 = performance.now();
    });
    await page.locator('button.execute').click();
    await page.waitForFunction(() => window.__done, null, { timeout: LIMIT_MS });
    return page.evaluate(() => window.__done - window.__t0);
  }
  const c = contenders[who];
  await page.locator(c.session).fill(sessions[style]);
  await page.locator(c.uuid).fill(uuid);
  return page.evaluate(([stop, final]) => new Promise((resolve) => {
    const region = document.querySelector('[role=region]');
    const t = performance.now();
    new MutationObserver((_, obs) => {
      if (final.includes(region.dataset.outcome) && region.querySelector('*')) {
        obs.disconnect();
        resolve(performance.now() - t);
      }
    }).observe(region, { attributes: true, childList: true, subtree: true });
    document.querySelector(stop).click();
  }), [c.stop, FINAL]);
}

/** The 200 seeded tasks a batch stops: batch-0800 to batch-0999, the first
 * 200 the list shows for "batch-0" (job delay 0; every tenth fails). */
const BATCH = Array.from({ length: 200 }, (_, i) => 'ba7c' + (800 + i).toString(16).padStart(28, '0'));

/**
 * 200 stops: the panel's "Several tasks" at its default limit (4 at once),
 * from "Stop 200 tasks" to the last result, with the longest main-thread
 * task seen meanwhile; the floor's page doing the same 200 one after another
 * (a plain loop over its form). Milliseconds.
 */
async function twoHundred(who) {
  const page = await open(who, 'async');
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((l) => l.getEntries().forEach((e) => { window.__longest = Math.max(window.__longest, e.duration); }))
      .observe({ type: 'longtask', buffered: false });
  });
  const c = contenders[who];
  await page.locator(c.session).fill(sessions.async);
  if (who === 'floor') {
    const ms = await page.evaluate(async (uuids) => {
      const t = performance.now();
      for (const u of uuids) {
        const region = document.querySelector('[role=region]');
        delete region.dataset.outcome;
        document.querySelector('#uuid').value = u;
        document.querySelector('#stop').click();
        while (!region.dataset.outcome || document.querySelector('#stop').disabled) await new Promise((r) => setTimeout(r, 1));
      }
      return performance.now() - t;
    }, BATCH);
    return { ms, longest: await page.evaluate(() => window.__longest) };
  }
  await page.getByRole('tab', { name: 'Several tasks' }).click();
  await page.getByRole('searchbox', { name: 'Filter tasks' }).fill('batch-0');
  // The filtered list, not the first one (the filter waits for typing to pause).
  await page.waitForFunction(() => {
    const names = [...document.querySelectorAll('table.tasks td.task-name')].map((td) => td.textContent);
    return names.length === 50 && names.every((n) => n.startsWith('batch-0'));
  });
  for (let shown = 50; shown < 200; shown += 50) {
    await page.getByRole('button', { name: 'Show more' }).click();
    await page.locator('table.tasks tbody tr').nth(shown + 49).waitFor();
  }
  await page.getByRole('button', { name: 'Select all shown' }).click();
  await page.getByRole('button', { name: 'Stop selected tasks' }).click();
  const go = page.getByRole('dialog').getByRole('button', { name: 'Stop 200 tasks' });
  await go.waitFor();
  const ms = await page.evaluate(() => new Promise((resolve) => {
    const region = document.querySelector('[role=region]');
    const t = performance.now();
    new MutationObserver((_, obs) => {
      if (region.dataset.outcome === 'batch') {
        obs.disconnect();
        resolve(performance.now() - t);
      }
    }).observe(region, { attributes: true });
    document.querySelector('dialog.confirm .primary').click();
  }));
  return { ms, longest: await page.evaluate(() => window.__longest) };
}

/** JS heap and wasm memory growth (bytes) over `n` stops in one page. */
async function memoryGrowth(who, n) {
  const page = await open(who, 'documented');
  const cdp = await page.context().newCDPSession(page);
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    // The wasm's memory, whatever its export is called (dist/ shortens the names).
    const wasm = await page.evaluate(() => Object.values(window.__wasm || {}).find((v) => v instanceof WebAssembly.Memory)?.buffer.byteLength ?? 0);
    if (process.env.MEMDEBUG) console.log(who, { usedSize, wasm });
    return usedSize + wasm;
  };
  const c = contenders[who];
  await page.locator(c.session).fill(sessions.documented);
  await page.locator(c.uuid).fill(TASKS.created);
  const once = () => page.evaluate(([stop, final]) => new Promise((resolve) => {
    const region = document.querySelector('[role=region]');
    delete region.dataset.outcome;
    new MutationObserver((_, obs) => {
      if (final.includes(region.dataset.outcome)) { obs.disconnect(); resolve(); }
    }).observe(region, { attributes: true });
    document.querySelector(stop).click();
  }), [c.stop, FINAL]);
  await once();
  const before = await measure();
  for (let i = 0; i < n; i++) await once();
  if (process.env.MEMDEBUG) {
    // Closures handed to JS are freed by a FinalizationRegistry after a
    // collection: give it time, then see whether a second batch reuses it.
    await measure();
    await page.waitForTimeout(1000);
    const mid = await measure();
    for (let i = 0; i < n; i++) await once();
    console.log('second batch', (await measure()) - mid);
  }
  const after = await measure();
  await page.context().close();
  return after - before;
}

/** Closes a measured page, then lets the machine settle: a closing page's
 * process (a 10,000-deep chain's most of all) would otherwise still be
 * exiting on the 2 CPUs while the next fresh load is measured. */
async function close(page) {
  await page.context().close().catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 500));
}

/** `n` results of `f`, one after the other. */
async function sequence(n, f) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}

const results = {};
const only = process.env.ONLY ? process.env.ONLY.split(',') : Object.keys(contenders);
try {
  for (const who of only) {
    const r = { ready: [], wasm: [], wasmFetched: [], glue: [], doc: [], async: [], deep: [], deeper: [] };
    for (let i = 0; i < RUNS; i++) {
      process.stderr.write(`  ${who} run ${i + 1}/${RUNS}\r`);
      let page = await open(who, 'documented');
      const t = await loadTimes(page);
      r.ready.push(t.ready);
      if (t.instantiated) r.wasm.push(t.instantiated);
      if (t.wasmFetched) r.wasmFetched.push(t.wasmFetched);
      if (t.glue) r.glue.push(t.glue);
      r.doc.push(await clickToResult(who, page, 'documented', TASKS.created));
      await close(page);
      if (who !== 'swagger') {
        page = await open(who, 'async');
        r.async.push(await clickToResult(who, page, 'async', TASKS.created));
        await close(page);
      }
      // A measure already over the limit is not repeated (Swagger UI's deep
      // chains would otherwise take minutes each).
      if (!r.deep.includes(Infinity)) {
        page = await open(who, 'documented');
        r.deep.push(await clickToResult(who, page, 'documented', TASKS.deep));
        await close(page);
      }
      if (!r.deeper.includes(Infinity)) {
        const deeper = ['**/zstack/v1/cbt-task/disable/**', (route) => route.fulfill({ contentType: 'application/json', body: deepBody(10_000) })];
        page = await open(who, 'documented', deeper);
        r.deeper.push(await clickToResult(who, page, 'documented', TASKS.created));
        await close(page);
      }
    }
    results[who] = {
      ready: median(r.ready), wasm: r.wasm.length ? median(r.wasm) : null, doc: median(r.doc),
      glue: r.glue.length ? median(r.glue) : null, wasmFetched: r.wasmFetched.length ? median(r.wasmFetched) : null, async: r.async.length ? median(r.async) : null,
      deep: median(r.deep), deeper: median(r.deeper),
      // The median of three pages: one page's growth moves with when the
      // engine collects and when the wasm memory takes its next 64 KB page.
      memory: who === 'swagger' ? null : median(await sequence(3, () => memoryGrowth(who, Number(process.env.STOPS || 500)))),
      batch: who === 'swagger' ? null : await twoHundred(who),
    };
  }
} finally {
  await browser.close();
  await hosts.async.stop();
  await hosts.documented.stop();
  await asyncSim.stop();
  await docSim.stop();
}

if (process.env.ONLY) {
  for (const who of only) console.log(who, JSON.stringify(results[who]));
  process.exit(0);
}

const ms = (v) => (v === null ? 'n/a' : v === Infinity ? `over ${LIMIT_MS / 1000} s` : `${v.toFixed(0)} ms`);
const ratio = (v, floor) => (v === null || v === Infinity || !floor ? '' : ` (${(v / floor).toFixed(2)}x)`);
const rows = [
  ['shipped (gzip -9)', (w) => `${(sizes[w] / 1000).toFixed(1)} KB${ratio(sizes[w], sizes.floor)}`],
  ['navigation → usable button', (w) => ms(results[w].ready) + ratio(results[w].ready, results.floor.ready)],
  ['click → result, documented 200', (w) => ms(results[w].doc) + ratio(results[w].doc, results.floor.doc)],
  ['click → result, async 202 (job delay 0)', (w) => ms(results[w].async) + ratio(results[w].async, results.floor.async)],
  ['1,500-deep chain → tree visible', (w) => ms(results[w].deep) + ratio(results[w].deep, results.floor.deep)],
  ['10,000-deep chain → tree visible', (w) => ms(results[w].deeper) + ratio(results[w].deeper, results.floor.deeper)],
  ['200 stops (job delay 0): to the last result; longest task', (w) => (results[w].batch ? `${ms(results[w].batch.ms)} (${(results[w].batch.ms / results.floor.batch.ms).toFixed(2)}x); ${ms(results[w].batch.longest)}` : 'n/a')],
  ['JS heap + wasm memory growth, 500 stops', (w) => (results[w].memory === null ? 'n/a' : `${(results[w].memory / 1e6).toFixed(2)} MB`)],
];
const table = [
  '| measure (median of ' + RUNS + ' fresh loads; memory: of 3 pages) | panel | hand-written floor | Swagger UI 5 |',
  '| --- | --- | --- | --- |',
  ...rows.map(([name, f]) => `| ${name} | ${f('panel')} | ${f('floor')} | ${f('swagger')} |`),
].join('\n');
console.log(table);
// Each run is a block of its own; earlier runs stay below the newest (at
// most five), so a change's before and after sit side by side.
const commit = execFileSync('git', ['log', '-1', '--format=%h %s']).toString().trim().slice(0, 90);
const block = `## ${new Date().toISOString().slice(0, 10)} at ${commit}

${table}

Where the panel's "usable button" time goes (medians, after navigation): the JS glue has
arrived at ${ms(results.panel.glue)} and the wasm at ${ms(results.panel.wasmFetched)}; it is compiled and
instantiated at ${ms(results.panel.wasm)}, and the first mount takes the rest
(${ms(results.panel.ready - results.panel.wasm)}). \`make mount-profile\` says what the main thread runs meanwhile.
`;
let earlier = [];
try {
  earlier = readFileSync('BENCHMARKS.md', 'utf8').split(/^(?=## )/m).slice(1).slice(0, 4);
} catch {}
const md = `# Benchmarks

Written by \`make bench\` (headless Debian Chromium, no throttling), newest run first. The panel is
\`${DIST}/\`; the floor is a hand-written HTML + JS page doing the same stop (\`bench/vanilla\`);
Swagger UI 5 (npm \`swagger-ui-dist\`) shows a one-operation OpenAPI file of the call
(\`bench/swagger\`). Ratios are to the floor. Swagger UI does not follow the job of a 202 (it
shows the 202), so that row and memory are not measured for it; its "result" is its response
table. A button is usable once a click on it does the stop: the panel's is drawn by its code,
the floor's is disabled until its script has attached the stop. docs/performance.md says where
the time goes.

${block}
${earlier.join('')}`;
writeFileSync('BENCHMARKS.md', md);
console.log('\nwritten to BENCHMARKS.md');
