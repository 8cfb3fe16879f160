// A task try page: the task's state in one run, its tries as tabs, the selected try's log
// following live, and clear / mark success / mark failed behind a confirm.
import {h, replace, byId} from './dom.js';
import {api, get, post, query} from './api.js';
import {startPage, canOperate, notify, showFailure} from './shell.js';
import {every} from './poll.js';
import {badge, stateLabel} from './states.js';
import {dateTime, duration, secondsBetween, useDagZone} from './time.js';
import {LogView} from './logview.js';
import {openTaskClear, openTaskMark} from './taskclear.js';

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
  drawActions();
  drawRendered();
  drawTries();
  await log.poll();
}

/**
 * A mapped task that has expanded: a map-index picker, and without a chosen index the list of its
 * instances (each links to its own page). @returns true when only the list is shown
 */
async function drawMapped() {
  if (state.isMapped === undefined) {
    state.task = await get(api('dags', dagId, 'tasks', taskId));
    state.isMapped = state.task.is_mapped;
  }
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
    state.shownTry = null;
    // Asked again only when the state changes, not on every refresh.
    if (state.whyFor !== state.ti.state) {
      state.whyFor = state.ti.state;
      byId('log').textContent = 'This task has not run in this run.';
      whyNotRun().then((text) => { byId('log').textContent = text; }, () => { state.whyFor = null; });
    }
    return;
  }
  state.whyFor = null;
  if (wanted !== state.shownTry) {
    state.shownTry = wanted;
    log.show(dagId, runId, taskId, wanted, mapIndex);
  }
}

/**
 * Why a task never ran in this run, as Airflow's dependencies view says it: marked by an
 * operator, or held back by its trigger rule (naming the upstream tasks and their states).
 */
async function whyNotRun() {
  const ti = state.ti;
  const ups = state.task.upstream_task_ids;
  const upstream = ups.length ? (await get(api('dags', dagId, 'dagRuns', runId, 'taskInstances') + query({limit: 1000})))
    .task_instances.filter((u) => ups.includes(u.task_id)) : [];
  const rule = `Trigger rule ${state.task.trigger_rule}`;
  const states = upstream.length ? `upstream: ${upstream.map((u) => `${u.task_id} is ${stateLabel(u.state)}`).join(', ')}` : 'no upstream tasks';
  if (ti.state === 'upstream_failed') return `Did not run: ${rule} can no longer be met; ${states}.`;
  if (ti.state === 'skipped') return `Skipped without running: ${rule}, or a branch chose other tasks; ${states}.`;
  if (['success', 'failed'].includes(ti.state)) return `Marked ${ti.state} by an operator without running; ${states}.`;
  return `Not started yet: ${rule}; ${states}.`;
}

function pickTry(n) {
  state.pinnedTry = n;
  drawTries();
  refresher.now();
}

/** Clear and mark, for operators; a mark to the state the task already has is disabled. */
function drawActions() {
  // Clear and mark act on a whole task; one instance of a mapped task is read-only here.
  if (!canOperate(state.session) || mapIndex !== null) return;
  const holder = byId('task-actions');
  if (holder.dataset.signature === state.ti.state) return;
  holder.dataset.signature = state.ti.state;
  replace(holder,
    h('button', {type: 'button', class: 'btn', id: 'clear', text: '↻ Clear', on: {click: clear}}),
    h('button', {type: 'button', class: 'btn btn-success', id: 'mark-success', text: '✓ Mark success',
      disabled: state.ti.state === 'success', on: {click: () => mark('success')}}),
    h('button', {type: 'button', class: 'btn btn-danger', id: 'mark-failed', text: '✗ Mark failed',
      disabled: state.ti.state === 'failed', on: {click: () => mark('failed')}}));
}

async function clear() {
  const form = await openTaskClear(dagId, runId, taskId);
  if (!form) return;
  state.pinnedTry = null;
  await act(() => post(api('dags', dagId, 'clearTaskInstances'), {...form, dry_run: false}), `Cleared ${taskId}`);
}

async function mark(newState) {
  const form = await openTaskMark(dagId, runId, taskId, newState);
  if (!form) return;
  await act(() => post(api('dags', dagId, 'updateTaskInstancesState'), {...form, dry_run: false}), `Marked ${taskId} as ${newState}`);
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

/** The log's search (only matching lines stay) and download (the log as shown, as a text file). */
function setUpLogTools() {
  const input = byId('log-search');
  input.addEventListener('input', () => {
    const matches = log.search(input.value.trim());
    byId('log-matches').textContent = input.value.trim() ? `${matches} matching line${matches === 1 ? '' : 's'}` : '';
  });
  byId('log-download').addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([byId('log').textContent], {type: 'text/plain'}));
    const name = `${dagId}__${runId}__${taskId}__try${state.shownTry || 0}.log`.replace(/[^\w.-]+/g, '_');
    const link = h('a', {href: url, download: name});
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  });
}

/** An unknown DAG, run or task: a not-found page with a way back, no actions, and no polling. */
function showNotFound(error) {
  showFailure(byId('main'), error);
  const dagHref = '/dags/' + encodeURIComponent(dagId);
  byId('main').firstChild.append(h('p', {}, h('a', {href: dagHref, text: `Back to ${dagId}`}), ' · ', h('a', {href: '/dags', text: 'All DAGs'})));
  document.title = `Not found · Orchestrator`;
}

try {
  state.session = await startPage('dags');
  document.title = `${taskId} · ${dagId} · Orchestrator`;
  useDagZone((await get(api('dags', dagId, 'details'))).timezone);
  // The first read decides between the page and a not-found page; only then does polling start
  // (any other failure is retried by the polling, which shows "Reconnecting…").
  const failed = await refresh().then(() => null, (error) => error);
  if (failed?.status === 404) {
    showNotFound(failed);
  } else {
    setUpLogTools();
    refresher = every(1000, refresh);
  }
} catch (error) {
  showFailure(byId('main'), error);
}
