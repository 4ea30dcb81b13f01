// The three engines through WebdriverIO: Debian's Chromium (ChromeDriver),
// Firefox ESR (geckodriver) and WebKitGTK's MiniBrowser (WebKitWebDriver,
// under Xvfb when there is no display). Each driver is started here on a
// free port and spoken to as a plain W3C WebDriver (no BiDi: WebKitGTK's
// driver has none, and every engine then runs the same commands).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { remote } from 'webdriverio';
import { AxeBuilder } from '@axe-core/webdriverio';
import { CHROMIUM_ARGS } from './harness.mjs';

const ALL = [
  {
    name: 'Chromium',
    driver: (port) => [process.env.CHROMEDRIVER || '/usr/bin/chromedriver', [`--port=${port}`]],
    capabilities: {
      browserName: 'chrome',
      'goog:chromeOptions': { binary: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS },
    },
  },
  {
    name: 'Firefox',
    driver: (port) => [process.env.GECKODRIVER || `${process.env.HOME}/.cargo/bin/geckodriver`, ['--port', String(port), '--host', '127.0.0.1']],
    capabilities: {
      browserName: 'firefox',
      'moz:firefoxOptions': { binary: process.env.FIREFOX || '/usr/bin/firefox-esr', args: ['-headless'] },
    },
  },
  {
    name: 'WebKit',
    // With no capabilities WebKitWebDriver starts MiniBrowser in its
    // automation mode; MiniBrowser needs a display.
    driver: (port) => process.env.DISPLAY
      ? ['WebKitWebDriver', [`--port=${port}`]]
      : ['xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`]],
    capabilities: {},
  },
];

/** Where each driver's output goes: `<engine>-<port>.log`. */
const LOGS = 'target/e2e-drivers';

/** The engines to run: all three, or those `ENGINES=firefox,webkit` names. */
export const ENGINES = process.env.ENGINES
  ? ALL.filter((e) => process.env.ENGINES.toLowerCase().split(',').includes(e.name.toLowerCase()))
  : ALL;

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * Starts `engine`'s driver and one session in it. Resolves with the
 * WebdriverIO browser; `quit()` ends the session and the driver (with
 * xvfb-run's display: the driver runs in a process group of its own).
 */
export async function startEngine(engine) {
  const port = await freePort();
  const [cmd, args] = engine.driver(port);
  // What the driver and its browser print goes to a file, so a browser
  // that dies mid-test leaves its last words behind.
  mkdirSync(LOGS, { recursive: true });
  const logFile = join(LOGS, `${engine.name}-${port}.log`);
  const log = openSync(logFile, 'w');
  const child = spawn(cmd, args, { stdio: ['ignore', log, log], detached: true });
  closeSync(log);
  let gone = false;
  const exited = new Promise((_, reject) => child.once('exit', (code) => {
    gone = true;
    reject(new Error(`${cmd} exited (${code}): ${readFileSync(logFile, 'utf8')}`));
  }));
  const up = (async () => {
    while (!gone) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) return;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await Promise.race([up, exited]);
  const browser = await remote({
    hostname: '127.0.0.1', port, path: '/', logLevel: 'error', connectionRetryCount: 0,
    capabilities: { ...engine.capabilities, 'wdio:enforceWebDriverClassic': true },
  });
  browser.driverLog = logFile;
  browser.quit = async () => {
    await browser.deleteSession().catch(() => {});
    try { process.kill(-child.pid); } catch { /* already gone */ }
  };
  return browser;
}

/** Records, in the page, CSP violations and uncaught errors from now on. */
export function watchPage(b) {
  return b.execute(() => {
    window.__csp = [];
    window.__errors = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    addEventListener('error', (e) => window.__errors.push(String(e.message)));
    addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));
  });
}

/**
 * The panel at `url`, its storage from earlier tests cleared, mounted (its
 * Stop button drawn by the wasm) and watched.
 */
export async function openPanel(b, url) {
  await b.url(url);
  if (await b.execute(() => sessionStorage.length + localStorage.length)) {
    await b.execute(() => { sessionStorage.clear(); localStorage.clear(); });
    await b.refresh();
  }
  await b.$('form.form button[type=submit]').waitForExist({ timeout: 15000 });
  await watchPage(b);
}

/**
 * Types `value` into the field `css` in place of what it held, as a person
 * does: what it held selected and deleted with Backspace, then `value`
 * typed, so the page sees input events for both (WebDriver's clear sends
 * none in Chromium, and WebKitWebDriver drops a repeated key from a key
 * action; typing into the element does not).
 */
export async function fill(b, css, value) {
  const el = await b.$(css);
  await el.click();
  if (await el.getValue()) {
    await b.execute((e) => e.select(), el);
    await b.keys(['Backspace']);
  }
  if (value !== '') await el.addValue(value);
}

/** Waits until `script` (run in the page) returns something truthy. */
export function until(b, script, args = [], timeout = 15000, what = String(script)) {
  return b.waitUntil(() => b.execute(script, ...args), { timeout, interval: 50, timeoutMsg: `timed out waiting for ${what}` });
}

/** Waits until the result region shows `kind`. */
export function outcome(b, kind, timeout = 15000) {
  return until(b, (k) => document.querySelector('[role=region]')?.dataset.outcome === k, [kind], timeout, `outcome ${kind}`);
}

/** The result region's text. */
export function resultText(b) {
  return b.execute(() => document.querySelector('[role=region]').textContent);
}

/** Counts the elements matching `css` in the page. */
export function count(b, css) {
  return b.execute((c) => document.querySelectorAll(c).length, css);
}

/** Clicks the button whose text is `text`, exactly. */
export async function press(b, text) {
  await (await b.$(`button=${text}`)).click();
}

/**
 * Asserts that the page broke no CSP rule and threw nothing since it was
 * watched, and that zstack-sim printed no violation report since the last
 * such check (which also covers the page's load, before the watch began).
 */
export async function assertClean(b, sim) {
  assert.deepEqual(await b.execute(() => window.__csp), [], 'CSP violations');
  assert.deepEqual(await b.execute(() => window.__errors), [], 'page errors');
  assert.deepEqual(reported(sim), [], 'violations reported to zstack-sim');
  sim.checkedTo = sim.log().length;
}

/** The violation reports zstack-sim printed since the last `assertClean`. */
export function reported(sim) {
  return sim.log().slice(sim.checkedTo ?? 0).split('\n').filter((l) => l.startsWith('CSP violation'));
}

/** Asserts that axe finds nothing serious or critical in the page. */
export async function assertAccessible(b, what) {
  const scan = await new AxeBuilder({ client: b }).analyze();
  const bad = scan.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help}`), [], what);
}

/**
 * Whether `b`'s session still has its browser (the command that failed
 * first when it died may have said only "unknown error"; the driver says
 * what happened to the next one).
 */
async function alive(b) {
  try {
    await b.getUrl();
    return true;
  } catch (e) {
    return !/session deleted because of page crash or hang|invalid session id|no such window/.test(String(e?.message));
  }
}

/**
 * `test`, for a suite that runs in `engine` in the browser `browser()`
 * gives: the test is named by the engine, and when the browser itself dies
 * under it (WebKitGTK's MiniBrowser now and then does, mid-test, and its
 * driver then answers "session deleted because of page crash or hang"),
 * it says so, with the driver's log, and runs once more from its start in
 * a new session. Any other failure, and a second loss, fail the test.
 */
export function engineTest(engine, browser) {
  return (name, body) => test(`${engine.name}: ${name}`, async (t) => {
    try {
      await body();
    } catch (e) {
      const b = browser();
      if (await alive(b)) throw e;
      t.diagnostic(`${engine.name} went away (${e.message}); its driver's log: ${b.driverLog}; once more in a new session`);
      await b.reloadSession();
      await body();
    }
  });
}
