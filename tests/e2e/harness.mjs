// Starts zstack-sim and Debian's Chromium for the end-to-end tests.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { before, after } from 'node:test';
import { once } from 'node:events';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

export const TASKS = {
  myTask: '5c1e0b8e7d2a4f0c9b3e6a1d2f4c8e71',
  created: '0b7f3a9c2e5d4b18a6c1f0e9d8b7a652',
  nested: 'fa110000000000000000000000000001',
  hang: 'fa110000000000000000000000000002',
  plain500: 'fa110000000000000000000000000003',
  html502: 'fa110000000000000000000000000004',
  rateLimited: 'fa110000000000000000000000000005',
  expires: 'fa110000000000000000000000000006',
  notJson: 'fa110000000000000000000000000007',
  deep: 'fa110000000000000000000000000008',
  markup: 'fa110000000000000000000000000009',
  lostReply: 'fa11000000000000000000000000000a',
};

/** Starts the simulator on a free port; resolves with its base URL and session. */
export async function startSim(extra = []) {
  const bin = process.env.ZSTACK_SIM || 'target/debug/zstack-sim';
  const child = spawn(bin, ['--port', '0', '--dist', process.env.DIST || 'dist', '--job-delay-ms', '600', ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const base = out.match(/API base: (http:\/\/\S+)/);
      const session = out.match(/session:\s+([0-9a-f]{32})/);
      if (base && session && out.includes('requests:')) resolve({ base: base[1], session: session[1] });
    });
    child.once('exit', (code) => reject(new Error(`zstack-sim exited (${code}): ${out}`)));
  });
  const info = await ready;
  // `log()`: everything the simulator printed so far (one line a request).
  return { ...info, child, log: () => out, stop: async () => { child.kill(); await once(child, 'exit').catch(() => {}); } };
}

/** Where screenshots go: target/ on every run; `make screenshots` sets docs/. */
export const SHOTS = process.env.SCREENSHOTS || 'target/screenshots';

/**
 * A simulator of the file's own (so task states are fresh) and Chromium,
 * started before the file's tests and stopped after: `env.sim`, `env.browser`.
 */
export function simAndBrowser() {
  const env = {};
  before(async () => {
    env.sim = await startSim();
    env.browser = await startBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await env.browser?.close();
    await env.sim?.stop();
  });
  return env;
}

export async function startBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A fresh page that fails the test on any page error or CSP violation. */
export async function openPanel(browser, url, { locale = 'en-US' } = {}) {
  const context = await browser.newContext({ locale });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) page.errors.push(m.text()); });
  page.posts = [];
  page.on('request', (r) => { if (r.method() === 'POST') page.posts.push(r); });
  await page.goto(url);
  await page.getByRole('button', { name: /Stop CBT Task|停止 CBT 任务/ }).waitFor();
  return page;
}

export async function fillForm(page, { session, uuid, force = false }) {
  await page.getByLabel('Session UUID').fill(session);
  await page.getByLabel('Task UUID').fill(uuid);
  if (force) await page.getByLabel('Force').check();
}

/** Opens "Sign in to get a session" and signs in as admin with `password`. */
export async function signIn(page, password = 'password') {
  await page.getByText('Sign in to get a session').click();
  await page.getByLabel('Account name').fill('admin');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export function result(page) {
  return page.getByRole('region', { name: 'Result' });
}

/** Waits until the result region shows `kind`. */
export async function outcome(page, kind, timeout = 15000) {
  await page.locator(`[role=region][data-outcome="${kind}"]`).waitFor({ timeout });
}

/**
 * A plain static server that sends no headers of its own (as object storage
 * or a CDN would) and passes /zstack/ through to `apiBase` (as a reverse
 * proxy would). `mounts` maps URL prefixes to folders (dist/ at the root by
 * default). Resolves with its base URL.
 */
export async function startStatic(apiBase, mounts = { '/': 'dist' }) {
  const { createServer, request } = await import('node:http');
  const { readFile } = await import('node:fs/promises');
  const { extname, join, normalize } = await import('node:path');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    if (req.url.startsWith('/zstack/')) {
      const up = request(apiBase + req.url, { method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      });
      up.on('error', () => { res.destroy(); });
      req.pipe(up);
      return;
    }
    if (req.url === '/blank.html') {
      // An empty page to rewrite as a host console.
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>host</title><body></body>');
      return;
    }
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const prefix = prefixes.find((p) => path.startsWith(p));
    const rel = path.slice(prefix.length);
    const file = join(mounts[prefix], rel === '' || rel.endsWith('/') ? rel + 'index.html' : rel);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const stop = () => {
    server.closeAllConnections();
    return new Promise((r) => server.close(r));
  };
  return { base: `http://127.0.0.1:${server.address().port}`, stop };
}

/**
 * Run in a page: adds an inline script and says whether it ran (under the
 * panel's policy it must not). Playwright's evaluate and WebdriverIO's
 * execute both take it.
 */
export function inlineScriptRuns() {
  const s = document.createElement('script');
  s.textContent = 'window.__inline = true';
  document.head.append(s);
  return window.__inline === true;
}

/** The tasks `--tasks N` seeds: the UUID and the name of the nth. */
export const batchUuid = (n) => 'ba7c' + n.toString(16).padStart(28, '0');
export const batchName = (n) => `batch-${String(n).padStart(4, '0')}`;

/** The rows of "Several tasks"' table "Tasks", and of "Stop results". */
export const taskRows = (page) => page.getByRole('table', { name: 'Tasks' }).locator('tbody tr');
export const resultRows = (page) => page.getByRole('table', { name: 'Stop results' }).locator('tr[data-task-uuid]');

/** A fresh panel at `url` with `session`, on "Several tasks", its first page listed. */
export async function openSeveral(browser, url, session) {
  const page = await openPanel(browser, url);
  await page.getByLabel('Session UUID').fill(session);
  await page.getByRole('tab', { name: 'Several tasks' }).click();
  await taskRows(page).first().waitFor();
  return page;
}

/** Narrows the list to `label` and ticks the task named so. */
export async function pickTask(page, label) {
  await page.getByRole('searchbox', { name: 'Filter tasks' }).fill(label);
  await page.locator(`table.tasks tbody tr:has(td.task-name:text-is("${label}"))`).waitFor();
  await page.getByRole('checkbox', { name: `Select ${label}` }).check();
}
