// A task try page: the task's state in one run, its tries as tabs, the selected try's log
// following live, and clear / mark success / mark failed behind a confirm.
import {h, replace, byId} from './dom.js';
import {api, get, patch, post, query} from './api.js';
import {startPage, canOperate, notify, confirmChange, showFailure} from './shell.js';
import {every} from './poll.js';
import {badge} from './states.js';
import {dateTime, duration, secondsBetween} from './time.js';
import {LogView} from './logview.js';

const [, , dagPart, , runPart, , taskPart] = location.pathname.split('/');
const dagId = decodeURIComponent(dagPart);
const runId = decodeURIComponent(runPart);
const taskId = decodeURIComponent(taskPart);
const basePath = api('dags', dagId, 'dagRuns', runId, 'taskInstances', taskId);
const search = new URLSearchParams(location.search);
// `?map_index=I` shows one instance of a mapped task; without it a mapped task lists its instances.
const mapIndex = search.has('map_index') ? Number(search.get('map_index')) : null;
const tiPath = mapIndex === null ? basePath : basePath + '/' + mapIndex;
// `?try=N` (the link in failure alerts) opens that try's log instead of the newest.
const state = {ti: null, shownTry: null, pinnedTry: Number(search.get('try')) || null, session: null, mapped: null};
const log = new LogView(byId('log'), byId('log-status'), byId('follow'));
let refresher;

async function refresh() {
  if (await drawMapped()) return;
  state.ti = await get(tiPath);
  drawHead();
  drawSummary();
  drawRendered();
  drawTries();
  await log.poll();
}

/**
 * A mapped task that has expanded: a map-index picker, and without a chosen index the list of its
 * instances (each links to its own page). @returns true when only the list is shown
 */
async function drawMapped() {
  if (state.isMapped === undefined) state.isMapped = (await get(api('dags', dagId, 'tasks', taskId))).is_mapped;
  if (!state.isMapped) return false;
  const listing = await get(basePath + '/listMapped' + query({limit: 1000}));
  if (listing.total_entries === 0) return false;
  drawPicker(listing.task_instances);
  if (mapIndex !== null) return false;
  drawInstances(listing);
  return true;
}

function drawPicker(instances) {
  const signature = JSON.stringify(instances.map((ti) => ti.state));
  const holder = byId('map-picker');
  if (holder.dataset.signature === signature) return;
  holder.dataset.signature = signature;
  const select = h('select', {id: 'map-index', 'aria-label': 'Map index', on: {change: (event) => {
    const index = event.target.value;
    location.search = index === '' ? '' : query({map_index: index});
  }}}, h('option', {value: '', text: `All ${instances.length} instances`}),
  instances.map((ti) => h('option', {value: String(ti.map_index), text: `${ti.map_index} · ${ti.state || 'none'}`,
    selected: ti.map_index === mapIndex})));
  replace(holder, h('label', {class: 'map-picker'}, 'Map index ', select));
}

/** The instances of a mapped task in this run, as a table of links. */
function drawInstances(listing) {
  const head = byId('task-head');
  if (!head.dataset.signature) {
    head.dataset.signature = 'mapped';
    replace(head, h('div', {class: 'dag-title'}, h('h1', {text: `${taskId} [${listing.total_entries}]`})));
  }
  const link = (ti) => location.pathname + query({map_index: ti.map_index});
  replace(byId('task-summary'), h('table', {class: 'table', 'data-testid': 'mapped-instances'},
    h('thead', {}, h('tr', {}, ['Map index', 'State', 'Tries', 'Duration'].map((t) => h('th', {text: t})))),
    h('tbody', {}, listing.task_instances.map((ti) => h('tr', {'data-map-index': String(ti.map_index)},
      h('td', {}, h('a', {href: link(ti), text: String(ti.map_index)})),
      h('td', {}, badge(ti.state)),
      h('td', {text: String(ti.try_number)}),
      h('td', {text: ti.start_date ? duration(secondsBetween(ti.start_date, ti.end_date)) : '—'}))))));
  byId('log').textContent = 'Pick a map index to see its log.';
}

function drawHead() {
  const ti = state.ti;
  const signature = JSON.stringify([ti.state, ti.try_number]);
  const head = byId('task-head');
  if (head.dataset.signature === signature) return;
  head.dataset.signature = signature;
  const dagHref = '/dags/' + encodeURIComponent(dagId);
  replace(head,
    h('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'},
      h('a', {href: '/dags', text: 'DAGs'}), ' / ',
      h('a', {href: dagHref, text: dagId}), ' / ',
      h('a', {href: dagHref + query({run_id: runId}), text: runId}), ' / ',
      h('span', {text: taskId})),
    h('div', {class: 'dag-title'}, h('h1', {text: mapIndex === null ? taskId : `${taskId} [${mapIndex}]`}),
      h('span', {'data-testid': 'task-state'}, badge(ti.state))));
}

function drawSummary() {
  const ti = state.ti;
  const facts = [
    ['Run', runId],
    ['Try', ti.try_number ? `${ti.try_number} of ${ti.max_tries}` : 'not started'],
    ['Operator', ti.operator || '—'],
    ['Queued', dateTime(ti.queued_when) || '—'],
    ['Started', dateTime(ti.start_date) || '—'],
    ['Ended', dateTime(ti.end_date) || '—'],
    ['Duration', ti.start_date ? duration(secondsBetween(ti.start_date, ti.end_date)) : '—'],
    ['Node', ti.hostname || '—'],
    ['Pool', ti.pool],
    ti.next_retry_at ? ['Next retry', dateTime(ti.next_retry_at)] : null,
  ].filter(Boolean);
  replace(byId('task-summary'), h('div', {class: 'meta summary'}, facts.map(([k, v]) =>
    h('div', {class: 'meta-item'}, h('span', {class: 'meta-label', text: k}), h('span', {class: 'meta-value', text: v})))));
}

/** What the current try rendered its templated fields to (secrets already masked by the server). */
function drawRendered() {
  const fields = Object.entries(state.ti.rendered_fields || {});
  const section = byId('rendered-section');
  const signature = JSON.stringify(fields);
  if (section.dataset.signature === signature) return;
  section.dataset.signature = signature;
  section.hidden = fields.length === 0;
  replace(byId('rendered'), fields.map(([name, value]) => h('div', {class: 'rendered-field', 'data-field': name},
    h('h3', {text: name}), h('pre', {class: 'log', text: typeof value === 'string' ? value : JSON.stringify(value)}))));
}

/** One tab per try; the newest is shown unless the user picked an older one. */
function drawTries() {
  const count = state.ti.try_number;
  const wanted = state.pinnedTry || count;
  const tabs = byId('tries');
  if (tabs.childElementCount !== count) {
    replace(tabs, Array.from({length: count}, (_, i) => i + 1).map((n) => h('button', {
      type: 'button', role: 'tab', class: 'try-tab', 'data-try': n, text: `Try ${n}`,
      on: {click: () => pickTry(n === count ? null : n)}})));
  }
  for (const tab of tabs.children) {
    const selected = Number(tab.dataset.try) === wanted;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
  if (count === 0) {
    byId('log-status').textContent = '';
    byId('log').textContent = 'This task has not started in this run yet.';
    state.shownTry = null;
    return;
  }
  if (wanted !== state.shownTry) {
    state.shownTry = wanted;
    log.show(dagId, runId, taskId, wanted, mapIndex);
  }
}

function pickTry(n) {
  state.pinnedTry = n;
  drawTries();
  refresher.now();
}

function drawActions() {
  // Clear and mark act on a whole task; one instance of a mapped task is read-only here.
  if (!canOperate(state.session) || mapIndex !== null) return;
  replace(byId('task-actions'),
    h('button', {type: 'button', class: 'btn', id: 'clear', text: '↻ Clear', on: {click: clear}}),
    h('button', {type: 'button', class: 'btn btn-success', id: 'mark-success', text: '✓ Mark success', on: {click: () => mark('success')}}),
    h('button', {type: 'button', class: 'btn btn-danger', id: 'mark-failed', text: '✗ Mark failed', on: {click: () => mark('failed')}}));
}

async function clear() {
  const downstream = h('input', {type: 'checkbox', id: 'clear-downstream', checked: true});
  // Unticked, the run reruns the DAG version it records; ticked, it records and runs the latest.
  const latest = h('input', {type: 'checkbox', id: 'clear-latest-version'});
  const ok = await confirmChange({
    title: `Clear ${taskId}?`,
    body: [h('p', {text: `The task is reset in run ${runId} and runs again as a new try, on the DAG version the run records.`}),
      h('label', {class: 'check'}, downstream, ' Also clear its downstream tasks'),
      h('label', {class: 'check'}, latest, ' Run on the latest version of the DAG (the run then records it)')],
    confirm: 'Clear'});
  if (!ok) return;
  state.pinnedTry = null;
  await act(() => post(api('dags', dagId, 'clearTaskInstances'), {dag_run_id: runId, task_ids: [taskId],
    include_downstream: downstream.checked, only_failed: false, dry_run: false,
    run_on_latest_version: latest.checked}), `Cleared ${taskId}`);
}

async function mark(newState) {
  const ok = await confirmChange({
    title: `Mark ${taskId} as ${newState}?`,
    body: [h('p', {text: `The task is not run; run ${runId} carries on as if it had ${newState === 'success' ? 'succeeded' : 'failed'}.`})],
    confirm: `Mark ${newState}`, danger: newState === 'failed'});
  if (!ok) return;
  await act(() => patch(tiPath, {new_state: newState, dry_run: false}), `Marked ${taskId} as ${newState}`);
}

async function act(call, done) {
  try {
    await call();
    notify(done);
  } catch (error) {
    notify(error.message, 'error');
  }
  await refresher.now();
}

try {
  state.session = await startPage('dags');
  document.title = `${taskId} · ${dagId} · Orchestrator`;
  drawActions();
  refresher = every(1000, refresh);
} catch (error) {
  showFailure(byId('main'), error);
}
