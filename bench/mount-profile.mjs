// Where the panel's first mount spends its time: a sampling CPU profile of
// fresh loads (Chromium's profiler, 50 µs), from navigation to the usable
// "Stop CBT Task" button, its samples summed by what ran. Needs a build
// whose wasm keeps its function names (`make mount-profile` makes one in
// target/mount-profile/dist without wasm-opt). Never pass/fail.
// Usage: DIST=<folder> RUNS=<n> node bench/mount-profile.mjs
import { startSim, startBrowser, startStatic } from '../tests/e2e/harness.mjs';
import { loadTimes, watchLoad } from './load-timing.mjs';

const DIST = process.env.DIST || 'target/mount-profile/dist';
const RUNS = Number(process.env.RUNS || 7);
const sim = await startSim(['--job-delay-ms', '0']);
const host = await startStatic(sim.base, { '/': DIST });
const browser = await startBrowser();

// What a frame is, by its function's name (Rust paths, wasm-bindgen's
// imports, or the engine's own entries).
const kinds = [
  ['the engine: parsing, compiling the wasm, style and layout', (f) => f.functionName === '(program)'],
  ['idle: waiting for the network', (f) => f.functionName === '(idle)'],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['Leptos: building the view (tachys)', (f) => /tachys/.test(f.functionName)],
  ['Leptos: the reactive graph', (f) => /reactive_graph|reactive_stores|any_spawner|futures/.test(f.functionName)],
  ['Leptos: components and context', (f) => /leptos/.test(f.functionName)],
  ['the panel\'s own code', (f) => /cbt_panel/.test(f.functionName)],
  ['Rust: allocation, formatting, hashing', (f) => /dlmalloc|alloc|core::|std::|hashbrown|__rust|memcpy|memset/.test(f.functionName)],
  ['serde and serde-wasm-bindgen', (f) => /serde/.test(f.functionName)],
  ['measuring (the test driver\'s own scripts)', (f) => /InjectedScript|UtilityScript|evaluate|SelectorEvaluator|predicate|parseEvaluationResultValue|MutationObserver/.test(f.functionName)],
  ['JS: wasm-bindgen glue, the boot and DOM calls', (f) => (f.url !== '' && !/^wasm:/.test(f.url)) || f.url === ''],
];
const totals = new Map();
const others = new Map();
let spans = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext();
  await watchLoad(context, 'form.form button[type=submit]:not([disabled])');
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await page.goto(host.base + '/');
  await page.waitForFunction(() => window.__ready);
  const { profile } = await cdp.send('Profiler.stop');
  const t = await loadTimes(page);
  spans.push(t);
  // Self time of the samples taken while the page had no usable button.
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  profile.samples.forEach((id, k) => {
    const f = byId.get(id);
    const kind = (kinds.find(([, test]) => test(f)) || ['other'])[0];
    if (kind === 'other') others.set(f.functionName, (others.get(f.functionName) || 0) + profile.timeDeltas[k] / 1000 / RUNS);
    totals.set(kind, (totals.get(kind) || 0) + profile.timeDeltas[k] / 1000 / RUNS);
  });
  await context.close();
}
await browser.close();
await host.stop();
await sim.stop();

const median = (xs) => [...xs].filter((x) => x !== null).sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const m = (k) => median(spans.map((s) => s[k]));
console.log(`medians of ${RUNS} fresh loads (ms after navigation):`);
for (const k of ['html', 'glue', 'config', 'wasmFetched', 'instantiated', 'ready']) console.log(`  ${k.padEnd(13)} ${m(k).toFixed(1)}`);
console.log(`main thread by what ran, mean ms a load (profiled: slower than a plain load):`);
for (const [k, v] of [...totals].sort((a, b) => b[1] - a[1])) console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
if (process.env.OTHERS) for (const [k, v] of [...others].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${v.toFixed(2)} ${k.slice(0, 110)}`);
