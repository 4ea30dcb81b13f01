// Benchmarks (never pass/fail): how big the panel is and how fast it shows
// what matters, in Debian's Chromium against zstack-sim. `make bench`;
// DIST=<folder> measures another build (an older one, to compare).
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { startSim, startBrowser, openPanel, fillForm, TASKS } from './harness.mjs';

const RUNS = Number(process.env.RUNS || 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let total = 0;
const dist = process.env.DIST || 'dist';
for (const f of readdirSync(dist).filter((f) => /\.(html|js|wasm|css)$/.test(f))) {
  const n = gzipSync(readFileSync(`${dist}/${f}`), { level: 9 }).length;
  total += n;
  console.log(`${f.padEnd(44)} ${String(n).padStart(7)} B gzip`);
}
console.log(`${'total shipped'.padEnd(44)} ${String(total).padStart(7)} B gzip\n`);

const sim = await startSim(['--job-delay-ms', '0']);
const browser = await startBrowser();
try {
  const ready = [];
  const deep = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = Date.now();
    const page = await openPanel(browser, sim.base + '/');
    // Usable: the button can be pressed (the configuration is settled).
    await page.locator('form.form button[type=submit]:not([disabled])').waitFor();
    ready.push(Date.now() - t0);
    await fillForm(page, { session: sim.session, uuid: TASKS.deep });
    // From the click to the 1,500-deep chain's first 24 levels in the DOM,
    // measured inside the page.
    const ms = await page.evaluate(() => new Promise((resolve) => {
      const t = performance.now();
      const region = document.querySelector('[role=region]');
      new MutationObserver((_, obs) => {
        if (region.dataset.outcome === 'api-error') {
          obs.disconnect();
          resolve(performance.now() - t);
        }
      }).observe(region, { attributes: true, childList: true, subtree: true });
      document.querySelector('form.form button[type=submit]').click();
    }));
    deep.push(ms);
    await page.context().close();
  }
  console.log(`page load to a usable form (median of ${RUNS}):        ${median(ready)} ms`);
  console.log(`click to a 1,500-deep error chain shown (median of ${RUNS}): ${median(deep).toFixed(0)} ms`);
  console.log('  (includes the POST, the job polls and decoding)');
} finally {
  await browser.close();
  await sim.stop();
}
