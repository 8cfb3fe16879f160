// The DAG list: search, active/paused filter, pause toggles, schedules, owners, last and next
// runs, the last 10 runs as dots, and a banner when bundles failed to load. Refreshes every 2 s.
import {h, replace, byId} from './dom.js';
import {api, fetchAll, get, patch, query} from './api.js';
import {startPage, canOperate, notify, showFailure} from './shell.js';
import {every} from './poll.js';
import {badge, legend, stateClass, stateLabel} from './states.js';
import {dateTime, relative, shortDateTime} from './time.js';
import {scheduleCell} from './schedule.js';

const RECENT = 10;
const rows = new Map();
let filter = 'all';
let latest = {dags: [], runs: {}};
let session;

async function refresh() {
  const [dags, errors] = await Promise.all([fetchAll(api('dags'), {order_by: 'dag_id'}, 'dags'), get(api('importErrors') + query({limit: 1}))]);
  const ids = dags.map((d) => d.dag_id);
  const runs = ids.length ? (await get('/ui/api/recentRuns' + query({dag_id: ids, limit: RECENT}))).dag_runs : {};
  latest = {dags, runs};
  banner(errors.total_entries);
  render();
}

function banner(count) {
  const box = byId('import-banner');
  if (!count) return box.replaceChildren();
  replace(box, h('a', {class: 'banner', href: '/import-errors', 'data-testid': 'import-errors-banner'},
    h('strong', {text: `${count} import error${count === 1 ? '' : 's'}`}),
    ' — some DAG files failed to load. View the messages →'));
}

function matches(dag, text) {
  if (filter === 'active' && dag.is_paused) return false;
  if (filter === 'paused' && !dag.is_paused) return false;
  if (!text) return true;
  return dag.dag_id.toLowerCase().includes(text) || dag.tags.some((t) => t.name.toLowerCase().includes(text));
}

function render() {
  const text = byId('search').value.trim().toLowerCase();
  const shown = latest.dags.filter((d) => matches(d, text));
  const list = byId('dag-list');
  if (shown.length === 0) {
    const why = latest.dags.length === 0 ? 'No DAGs are loaded yet.' : 'No DAG matches this search.';
    replace(list, h('p', {class: 'empty', text: why}));
    return;
  }
  let body = list.querySelector('tbody');
  if (!body) body = table(list);
  const wanted = shown.map((dag) => {
    const row = rows.get(dag.dag_id) || rows.set(dag.dag_id, new DagRow(dag)).get(dag.dag_id);
    row.update(dag, latest.runs[dag.dag_id] || []);
    return row.el;
  });
  // Re-order only when the order changed: moving a row would take focus from its toggle.
  const current = [...body.children];
  if (current.length !== wanted.length || current.some((el, i) => el !== wanted[i])) body.replaceChildren(...wanted);
}

function table(list) {
  const body = h('tbody');
  replace(list, h('table', {class: 'dags'},
    h('thead', {}, h('tr', {},
      ['Active', 'DAG', 'Owner', 'Schedule', `Last ${RECENT} runs`, 'Last run', 'Next run']
        .map((title) => h('th', {scope: 'col', text: title})))),
    body));
  return body;
}

/** One DAG's row; kept between refreshes so that focus and pending toggles survive. */
class DagRow {
  constructor(dag) {
    this.id = dag.dag_id;
    this.pending = false;
    this.signatures = {};
    this.toggle = h('input', {type: 'checkbox', role: 'switch', class: 'switch', 'data-testid': 'pause-toggle',
      'aria-label': `${dag.dag_id} is active (unpaused)`, disabled: !canOperate(session),
      on: {change: () => this.setPaused(!this.toggle.checked)}});
    this.cells = ['name', 'owner', 'schedule', 'dots', 'last', 'next'].reduce((all, key) => ({...all, [key]: h('td', {class: `col-${key}`})}), {});
    this.el = h('tr', {'data-dag-id': dag.dag_id}, h('td', {class: 'col-toggle'}, this.toggle), Object.values(this.cells));
  }

  update(dag, runs) {
    if (!this.pending) this.toggle.checked = !dag.is_paused;
    this.el.classList.toggle('paused', dag.is_paused);
    this.cell('name', [dag.description, dag.tags], () => nameCell(dag));
    this.cell('owner', dag.owners, () => dag.owners.join(', '));
    this.cell('schedule', [dag.schedule_interval, dag.timetable_description], () => scheduleCell(dag));
    this.cell('dots', runs, () => dots(dag.dag_id, runs));
    this.cell('last', runs[0] || null, () => lastRunCell(dag.dag_id, runs[0]));
    this.cell('next', [dag.next_dagrun, dag.is_paused, relative(dag.next_dagrun)], () => nextRunCell(dag));
  }

  /** Rebuilds a cell only when its data changed, so links and buttons keep focus across refreshes. */
  cell(key, data, build) {
    const signature = JSON.stringify(data);
    if (this.signatures[key] === signature) return;
    this.signatures[key] = signature;
    replace(this.cells[key], build());
  }

  async setPaused(paused) {
    this.pending = true;
    this.toggle.disabled = true;
    try {
      const dag = await patch(api('dags', this.id), {is_paused: paused});
      notify(`${dag.dag_id} ${dag.is_paused ? 'paused' : 'unpaused'}`);
    } catch (error) {
      this.toggle.checked = !this.toggle.checked;
      notify(`Could not change ${this.id}: ${error.message}`, 'error');
    } finally {
      this.pending = false;
      this.toggle.disabled = !canOperate(session);
      refresher.now();
    }
  }
}

function nameCell(dag) {
  return [
    h('a', {class: 'dag-id', href: '/dags/' + encodeURIComponent(dag.dag_id), text: dag.dag_id}),
    dag.description ? h('div', {class: 'muted small description', text: dag.description}) : null,
    h('div', {class: 'tags'}, dag.tags.map((tag) => h('button', {type: 'button', class: 'tag', text: tag.name,
      title: `Show DAGs tagged ${tag.name}`, on: {click: () => search(tag.name)}}))),
  ];
}

function lastRunCell(dagId, last) {
  if (!last) return h('span', {class: 'muted', text: 'never'});
  return h('a', {href: runHref(dagId, last), class: 'last-run'}, badge(last.state),
    h('span', {class: 'small', title: dateTime(last.logical_date), text: shortDateTime(last.logical_date)}));
}

function nextRunCell(dag) {
  if (!dag.next_dagrun || dag.is_paused) {
    return h('span', {class: 'muted', text: dag.is_paused && dag.next_dagrun ? 'paused' : '—'});
  }
  return h('span', {title: dateTime(dag.next_dagrun)}, shortDateTime(dag.next_dagrun),
    h('div', {class: 'muted small', text: relative(dag.next_dagrun)}));
}

function runHref(dagId, run) {
  return '/dags/' + encodeURIComponent(dagId) + query({run_id: run.dag_run_id});
}

/** The last runs as dots, oldest left, newest right, each linking to its run. */
function dots(dagId, runs) {
  const ordered = [...runs].reverse();
  return h('div', {class: 'dots', 'data-testid': 'run-dots'}, ordered.map((run) =>
    h('a', {class: `dot ${stateClass(run.state)}`, href: runHref(dagId, run), 'data-state': run.state,
      title: `${run.dag_run_id} · ${stateLabel(run.state)} · ${dateTime(run.logical_date)}`,
      'aria-label': `run ${run.dag_run_id}: ${stateLabel(run.state)}`})));
}

function search(text) {
  byId('search').value = text;
  render();
}

function setFilter(button) {
  filter = button.dataset.filter;
  for (const b of document.querySelectorAll('.segmented .seg')) {
    b.classList.toggle('active', b === button);
    b.setAttribute('aria-pressed', String(b === button));
  }
  render();
}

let refresher;
try {
  session = await startPage('dags');
  byId('legend').append(legend());
  byId('search').addEventListener('input', render);
  for (const button of document.querySelectorAll('.segmented .seg')) button.addEventListener('click', () => setFilter(button));
  refresher = every(2000, refresh);
} catch (error) {
  showFailure(byId('dag-list'), error);
}
