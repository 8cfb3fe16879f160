// A DAG's page: its header (pause, trigger), the run selector, and the Grid, Graph, Gantt and
// Details and Code tabs, all refreshed every 1.5 s while runs progress.
import {h, replace, byId} from './dom.js';
import {api, fetchAll, get, patch, query} from './api.js';
import {startPage, canOperate, notify, showFailure} from './shell.js';
import {every} from './poll.js';
import {badge, legend} from './states.js';
import {dateTime, duration, relative, secondsBetween, useDagZone} from './time.js';
import {scheduleCell} from './schedule.js';
import {RunData} from './dagmodel.js';
import {Grid, topologicalOrder} from './grid.js';
import {Graph} from './graph.js';
import {Groups} from './groups.js';
import {renderGantt} from './gantt.js';
import {renderDetails} from './details.js';
import {renderVersions} from './versions.js';
import {renderCode} from './code.js';
import {renderDurations} from './durations.js';
import {openTrigger} from './trigger.js';
import {gridToolbar as makeGridToolbar, shownTasks} from './gridfilters.js';
import {runActions} from './runactions.js';
import {renderCalendar} from './calendar.js';

const TABS = ['grid', 'graph', 'gantt', 'durations', 'calendar', 'details', 'code'];
const dagId = decodeURIComponent(location.pathname.split('/')[2]);
const state = {
  tab: TABS.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'grid',
  run: new URLSearchParams(location.search).get('run_id'),
  details: null, dag: null, tasks: [], order: [], groups: null, session: null,
};
const RUN_COUNTS = [25, 50, 100, 365, 500, 1000];
const asked = Number(new URLSearchParams(location.search).get('runs'));
const data = new RunData(dagId, RUN_COUNTS.includes(asked) ? asked : 25);
const gantt = {key: null, instances: null, tries: null};
let grid;
let graph;
let toolbar;
let refresher;

function selectedRun() {
  return data.runs.find((r) => r.dag_run_id === state.run) || data.runs[data.runs.length - 1];
}

function selectRun(runId) {
  state.run = runId;
  history.replaceState(null, '', location.pathname + query({run_id: runId, runs: runsParam()}) + location.hash);
  draw();
  if (state.tab === 'gantt') refresher.now();
}

function runsParam() {
  return data.limit === 25 ? null : data.limit;
}

function draw() {
  const run = selectedRun();
  const runId = run?.dag_run_id;
  drawHead();
  drawRunBar(run);
  if (state.tab === 'grid') grid.render(shownTasks(state.order, toolbar.rows, data), data, runId, state.groups);
  if (state.tab === 'graph') graph.render(state.tasks, runId, data.instances.get(runId));
  if (state.tab === 'gantt') {
    const loaded = gantt.key?.startsWith(`${runId}|`);
    renderGantt(byId('panel-gantt'), dagId, run, loaded ? gantt.instances : null, loaded ? gantt.tries : null);
  }
  if (state.tab === 'durations') renderDurations(byId('panel-durations'), state.order, data);
}

/**
 * A deep link (?run_id=) to a run older than the runs shown: the grid then shows the runs up to
 * that run's logical date, so the link opens the run it names, not the latest.
 */
async function showLinkedRun() {
  if (!state.run || data.runs.some((r) => r.dag_run_id === state.run)) return;
  let run;
  try {
    run = await get(api('dags', dagId, 'dagRuns', state.run));
  } catch (error) {
    if (error.status !== 404) throw error;
    notify(`Run ${state.run} of ${dagId} was not found; showing the latest runs`, 'error');
    state.run = null;
    return;
  }
  toolbar.showUpTo(run.logical_date);
  data.setFilters({...data.filters, logical_date_lte: run.logical_date});
  await data.refresh();
}

async function refresh() {
  const [dag] = await Promise.all([get(api('dags', dagId)), data.refresh()]);
  state.dag = dag;
  if (state.tab === 'gantt' && selectedRun()) await loadGantt(selectedRun());
  draw();
}

/** The Gantt needs each instance's times and every ended try: read them for its run, again only while it changes. */
async function loadGantt(run) {
  const key = `${run.dag_run_id}|${run.state}|${run.end_date}`;
  if (gantt.key === key && ['success', 'failed'].includes(run.state)) return;
  const [tis, tries] = await Promise.all([
    fetchAll(api('dags', dagId, 'dagRuns', run.dag_run_id, 'taskInstances'), {}, 'task_instances'),
    get(`/ui/api/dags/${encodeURIComponent(dagId)}/dagRuns/${encodeURIComponent(run.dag_run_id)}/tries`)]);
  gantt.key = key;
  gantt.instances = new Map(tis.map((ti) => [ti.task_id, ti]));
  gantt.tries = new Map();
  for (const t of tries.tries) {
    if (!gantt.tries.has(t.task_id)) gantt.tries.set(t.task_id, []);
    gantt.tries.get(t.task_id).push(t);
  }
}

function drawHead() {
  const dag = state.dag;
  const head = byId('dag-head');
  const signature = JSON.stringify([dag.is_paused, dag.next_dagrun, relative(dag.next_dagrun_create_after)]);
  if (head.dataset.signature === signature) return;
  head.dataset.signature = signature;
  const operate = canOperate(state.session);
  const toggle = h('input', {type: 'checkbox', role: 'switch', class: 'switch', id: 'pause-toggle',
    'aria-label': `${dagId} is active (unpaused)`, disabled: !operate});
  toggle.checked = !dag.is_paused;
  toggle.addEventListener('change', () => setPaused(toggle));
  replace(head,
    h('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, h('a', {href: '/dags', text: 'DAGs'}), ' / ', h('span', {text: dagId})),
    h('div', {class: 'dag-title'},
      toggle,
      h('h1', {text: dagId}),
      dag.is_paused ? h('span', {class: 'badge st-paused', text: 'paused'}) : null,
      h('span', {class: 'spacer'}),
      operate ? h('button', {type: 'button', class: 'btn btn-primary', id: 'trigger', 'data-testid': 'trigger',
        text: '▶ Trigger', on: {click: () => openTrigger(state.details, triggered)}}) : null),
    dag.description ? h('p', {class: 'description prewrap', 'data-testid': 'dag-description', text: dag.description}) : null,
    h('div', {class: 'meta'},
      meta('Owner', dag.owners.join(', ')),
      meta('Schedule', scheduleCell(dag)),
      meta('Next run', nextRun(dag)),
      meta('Tags', dag.tags.length ? h('span', {class: 'tags'}, dag.tags.map((t) => h('span', {class: 'tag', text: t.name}))) : '—')));
}

/** When the next scheduled run starts (its interval's end) and the interval it covers, as Airflow says it. */
function nextRun(dag) {
  if (!dag.next_dagrun || dag.is_paused) return '—';
  const runsAt = dag.next_dagrun_create_after || dag.next_dagrun;
  const covers = dag.next_dagrun_data_interval_end
    ? ` · covers ${dateTime(dag.next_dagrun_data_interval_start)} – ${dateTime(dag.next_dagrun_data_interval_end)}` : '';
  return h('span', {'data-testid': 'next-run', text: `runs ${dateTime(runsAt)} (${relative(runsAt)})${covers}`});
}

function meta(label, value) {
  return h('div', {class: 'meta-item'}, h('span', {class: 'meta-label', text: label}), h('span', {class: 'meta-value'}, value));
}

async function setPaused(toggle) {
  toggle.disabled = true;
  try {
    state.dag = await patch(api('dags', dagId), {is_paused: !toggle.checked});
    notify(`${dagId} ${state.dag.is_paused ? 'paused' : 'unpaused'}`);
  } catch (error) {
    toggle.checked = !toggle.checked;
    notify(`Could not change ${dagId}: ${error.message}`, 'error');
  }
  byId('dag-head').dataset.signature = '';
  draw();
}

function triggered(run) {
  notify(`Triggered run ${run.dag_run_id}`);
  state.run = run.dag_run_id;
  history.replaceState(null, '', location.pathname + query({run_id: run.dag_run_id, runs: runsParam()}) + location.hash);
  refresher.now();
}

function drawRunBar(run) {
  const bar = byId('run-bar');
  bar.hidden = ['details', 'durations', 'calendar', 'code'].includes(state.tab) || !run;
  if (!bar.firstChild) bar.append(runSearch(), h('span', {id: 'run-info', class: 'run-bar'}));
  const info = byId('run-info');
  const signature = JSON.stringify([data.runs.map((r) => [r.dag_run_id, r.state]), run, state.tab, state.runSearch]);
  if (info.dataset.signature === signature) return;
  info.dataset.signature = signature;
  if (!run) return;
  const text = state.runSearch || '';
  const select = h('select', {id: 'run-select', 'aria-label': 'Run'}, [...data.runs].reverse().map((r) => h('option',
    {value: r.dag_run_id, text: r.dag_run_id, hidden: Boolean(text) && !r.dag_run_id.toLowerCase().includes(text)})));
  select.value = run.dag_run_id;
  select.addEventListener('change', () => selectRun(select.value));
  const conf = Object.keys(run.conf || {}).length ? JSON.stringify(run.conf) : null;
  replace(info,
    h('label', {for: 'run-select', class: 'meta-label', text: 'Run'}), select,
    h('span', {'data-testid': 'run-state'}, badge(run.state)),
    h('span', {class: 'small', 'data-testid': 'run-logical-date', text: `${run.run_type} · logical date ${dateTime(run.logical_date)}`}),
    run.start_date ? h('span', {class: 'small', text: `took ${duration(secondsBetween(run.start_date, run.end_date))}${run.end_date ? '' : ' so far'}`}) : null,
    conf ? h('code', {class: 'conf small', title: 'conf', text: conf}) : null,
    canOperate(state.session) ? runActions(dagId, run, {changed: () => refresher.now(), deleted: runDeleted}) : null);
}

/**
 * Narrows the run picker to the runs whose id holds the typed text and selects the first; Enter
 * on a run id not among the shown runs opens it as a deep link would. Built once, so typing is
 * never interrupted by a refresh.
 */
function runSearch() {
  const input = h('input', {type: 'search', id: 'run-search', placeholder: 'Find a run', 'aria-label': 'Find a run by id'});
  input.addEventListener('input', () => {
    state.runSearch = input.value.trim().toLowerCase();
    const match = [...data.runs].reverse().find((r) => r.dag_run_id.toLowerCase().includes(state.runSearch));
    if (match) selectRun(match.dag_run_id); else draw();
  });
  input.addEventListener('keydown', async (event) => {
    if (event.key !== 'Enter' || !input.value.trim()) return;
    state.run = input.value.trim();
    await showLinkedRun();
    if (state.run) selectRun(state.run);
  });
  return input;
}

function runDeleted(run) {
  notify(`Deleted run ${run.dag_run_id}`);
  state.run = null;
  history.replaceState(null, '', location.pathname + query({runs: runsParam()}) + location.hash);
  refresher.now();
}

function showTab(tab, focus) {
  state.tab = tab;
  for (const name of TABS) {
    const button = byId(`tab-${name}`);
    button.setAttribute('aria-selected', String(name === tab));
    button.tabIndex = name === tab ? 0 : -1;
    byId(`panel-${name}`).hidden = name !== tab;
  }
  if (focus) byId(`tab-${tab}`).focus();
  history.replaceState(null, '', location.pathname + location.search + '#' + tab);
  if (tab === 'details') {
    renderDetails(byId('panel-details'), state.details, state.tasks);
    renderVersions(byId('versions'), dagId).catch((error) => showFailure(byId('versions'), error));
  }
  if (tab === 'code') showCode().catch((error) => showFailure(byId('panel-code'), error));
  if (tab === 'calendar') renderCalendar(byId('panel-calendar'), dagId).catch((error) => showFailure(byId('panel-calendar'), error));
  if (state.dag) draw();
  if (tab === 'gantt' && refresher) refresher.now();
}

/** The Code tab opens on the version the selected run used (the grid's runs do not carry it, so the run is read). */
async function showCode() {
  const run = selectedRun();
  const version = run ? (await get(api('dags', dagId, 'dagRuns', run.dag_run_id))).dag_version : null;
  await renderCode(byId('panel-code'), dagId, version);
}

function setUpTabs() {
  const list = byId('tabs');
  list.addEventListener('click', (event) => {
    const tab = event.target.closest('[role=tab]');
    if (tab) showTab(tab.dataset.tab, false);
  });
  list.addEventListener('keydown', (event) => {
    const step = {ArrowRight: 1, ArrowLeft: -1}[event.key];
    if (!step) return;
    event.preventDefault();
    showTab(TABS[(TABS.indexOf(state.tab) + step + TABS.length) % TABS.length], true);
  });
  // A link to another tab of this page (#graph) changes only the hash.
  window.addEventListener('hashchange', () => {
    const tab = location.hash.slice(1);
    if (TABS.includes(tab) && tab !== state.tab) showTab(tab, false);
  });
}

function gridToolbar() {
  toolbar = makeGridToolbar({counts: RUN_COUNTS, limit: data.limit, filters: data.filters,
    onRuns: (filters, limit) => {
      data.setFilters(filters);
      data.setLimit(limit);
      history.replaceState(null, '', location.pathname + query({run_id: state.run, runs: runsParam()}) + location.hash);
      refresher.now();
    },
    onRows: () => draw(),
    onJump: () => {
      if (!grid.focusFirst(['failed', 'upstream_failed'])) notify('No failed task in the shown runs');
    }});
  const body = h('div', {id: 'grid-body'});
  replace(byId('panel-grid'), toolbar.element,
    h('p', {class: 'muted small', text: 'Click a column head to select a run, a cell to open the task. M: manual run, B: backfill.'}), body);
  return body;
}

try {
  // The runs are read alongside the session and the definition, so the grid is drawn as soon as all arrive.
  const [session, details, tasks] = await Promise.all([startPage('dags'), get(api('dags', dagId, 'details')),
    get(api('dags', dagId, 'tasks')), data.refresh()]);
  state.session = session;
  state.details = details;
  state.dag = details;
  useDagZone(details.timezone);
  state.tasks = tasks.tasks;
  state.order = topologicalOrder(state.tasks);
  // One set of expanded groups for the Grid and the Graph: a group collapsed in one is collapsed in the other.
  state.groups = state.tasks.some((t) => t.task_group) ? new Groups(state.tasks) : null;
  document.title = `${dagId} · Orchestrator`;
  grid = new Grid(gridToolbar(), dagId, selectRun);
  await showLinkedRun();
  graph = new Graph(byId('panel-graph'), dagId, state.groups);
  byId('legend').append(legend());
  setUpTabs();
  showTab(state.tab, false);
  refresher = every(1500, refresh);
} catch (error) {
  showFailure(byId('main'), error);
}
