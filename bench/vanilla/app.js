// The floor: the panel's stop (POST with both force shapes and a job id,
// job polling, read-back, result text and a nested error tree) by hand.
'use strict';
const $ = (id) => document.getElementById(id);
const region = $('result');
const uuidRe = /^[0-9a-f]{32}$/;
const norm = (s) => s.trim().replace(/-/g, '').toLowerCase();
const tags = (s) => s.split('\n').map((t) => t.trim()).filter(Boolean);
const hex = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function show(kind, ...nodes) {
  region.dataset.outcome = kind;
  region.replaceChildren(...nodes);
}
function text(tag, s) {
  const e = document.createElement(tag);
  e.textContent = s;
  return e;
}
// Nested ErrorCode nodes, 24 levels at a time, as the panel shows them.
function errorNode(e, level) {
  const div = document.createElement('div');
  div.className = 'node';
  div.dataset.errorCode = e.code || '';
  div.append(text('strong', `${e.code || '—'} `), text('span', e.description || ''));
  if (e.details) div.append(text('p', e.details));
  const causes = [e.cause, ...(e.causes || [])].filter((c) => c && typeof c === 'object');
  if (level < 23) for (const c of causes.slice(0, 50)) div.append(errorNode(c, level + 1));
  else if (causes.length) div.append(text('button', 'Show deeper causes'));
  return div;
}
function card(inv) {
  const a = document.createElement('article');
  a.dataset.status = inv.status;
  a.append(text('h3', inv.name || ''), text('p', `${inv.uuid} · ${inv.status} · ${inv.description || ''}`));
  return a;
}
async function reply(r) {
  const body = await r.text();
  let json;
  try { json = JSON.parse(body); } catch { json = undefined; }
  return { status: r.status, body, json };
}
async function stop(ev) {
  ev.preventDefault();
  const session = norm($('session').value);
  const uuid = norm($('uuid').value);
  if (!uuidRe.test(session) || !uuidRe.test(uuid)) return show('invalid-input', text('p', 'Session and task must be UUIDs.'));
  $('stop').disabled = true;
  const auth = { Authorization: `OAuth ${session}` };
  const force = $('force').checked;
  try {
    const job = hex();
    let r = await reply(await fetch(`/zstack/v1/cbt-task/disable/${uuid}`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json;charset=UTF-8', 'X-Job-UUID': job },
      body: JSON.stringify({ params: { force }, force, systemTags: tags($('system-tags').value), userTags: tags($('user-tags').value) }),
    }));
    if (r.status === 202) {
      show('waiting', text('p', `Job ${job}`));
      const path = r.json.location.slice(r.json.location.indexOf('/zstack/v1/api-jobs/'));
      for (let wait = 0; ; wait = Math.min(Math.max(wait * 1.5, 250), 2000)) {
        if (wait) await sleep(wait);
        r = await reply(await fetch(path));
        if (r.status !== 202) break;
      }
    }
    const e = r.json && (r.json.error || (r.json.success === false ? {} : null));
    if (e) return show('api-error', errorNode(e, 0));
    if (r.status === 404) return show('job-expired', text('p', 'The job result is gone.'));
    if (r.status >= 300) return show('http-error', text('p', `HTTP ${r.status}`), text('pre', r.body.slice(0, 4096)));
    if (!r.json) return show('bad-response', text('pre', r.body.slice(0, 4096)));
    let inv = r.json.inventory;
    if (!inv) {
      const back = await reply(await fetch(`/zstack/v1/cbt-task/${uuid}`, { headers: auth }));
      inv = back.json && back.json.inventories && back.json.inventories[0];
      if (!inv || inv.status !== 'Stopped') return show('unconfirmed', text('p', 'The task is not confirmed stopped.'));
    }
    show('stopped', text('p', 'The task was stopped'), card(inv));
  } catch (err) {
    show('network-error', text('p', `The request did not reach the server (${err})`));
  } finally {
    $('stop').disabled = false;
  }
}
$('form').addEventListener('submit', stop);
// Usable from here on: before this line a click would submit the form
// natively (a page load, not a stop), so the button starts disabled (the
// bench's ready rule for both pages is an enabled stop button).
$('stop').disabled = false;
