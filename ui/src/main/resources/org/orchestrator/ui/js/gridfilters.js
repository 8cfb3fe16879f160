// The grid's toolbar. Which runs are shown (state, type, logical date range, how many) is asked
// of the server; which task rows are shown (id search, failed only) is decided here. A button
// jumps to the first failed cell.
import {h} from './dom.js';

const RUN_STATES = ['queued', 'running', 'success', 'failed'];
const RUN_TYPES = ['scheduled', 'manual', 'backfill'];

/**
 * @param {{counts: number[], limit: number, filters: object, onRuns: Function, onRows: Function, onJump: Function}} options
 *   onRuns(filters, limit) when the runs asked for change; onRows() when the row filters change
 * @returns {{element: Node, rows: {search: string, failedOnly: boolean}, showUpTo(iso: string): void}}
 */
export function gridToolbar(options) {
  const rows = {search: '', failedOnly: false};
  const state = choice('grid-state', 'Run state', 'Any state', RUN_STATES);
  const type = choice('grid-run-type', 'Run type', 'Any type', RUN_TYPES);
  const from = h('input', {type: 'date', id: 'grid-from', 'aria-label': 'Logical date from (UTC)'});
  const to = h('input', {type: 'date', id: 'grid-to', 'aria-label': 'Logical date to (UTC)'});
  const count = h('select', {id: 'run-count', 'aria-label': 'Runs shown'}, options.counts.map((n) => h('option', {value: n, text: `${n} runs`})));
  count.value = String(options.limit);
  let upTo = options.filters.logical_date_lte || null;
  const runsChanged = () => options.onRuns({
    state: state.value || null, run_type: type.value || null,
    logical_date_gte: from.value ? `${from.value}T00:00:00Z` : null,
    logical_date_lte: upTo || (to.value ? `${to.value}T23:59:59.999Z` : null)}, Number(count.value));
  for (const input of [state, type, from, count]) input.addEventListener('change', runsChanged);
  to.addEventListener('change', () => { upTo = null; runsChanged(); });
  const search = h('input', {type: 'search', id: 'task-search', placeholder: 'Search tasks', 'aria-label': 'Search tasks by id'});
  search.addEventListener('input', () => { rows.search = search.value.trim().toLowerCase(); options.onRows(); });
  const failed = h('input', {type: 'checkbox', id: 'failed-only'});
  failed.addEventListener('change', () => { rows.failedOnly = failed.checked; options.onRows(); });
  const element = h('div', {class: 'panel-toolbar grid-toolbar'},
    h('div', {class: 'grid-filters'}, state, type, h('label', {class: 'small'}, 'From ', from), h('label', {class: 'small'}, 'to ', to), count),
    h('div', {class: 'grid-filters'}, search, h('label', {class: 'check small'}, failed, ' Failed only'),
      h('button', {type: 'button', class: 'btn btn-quiet', id: 'jump-failed', text: 'First failed ↦', on: {click: options.onJump}})));
  return {
    element, rows,
    /** A deep link to an older run: the runs up to its logical date, so it is among them. */
    showUpTo(iso) {
      upTo = iso;
      to.value = iso.slice(0, 10);
    },
  };
}

function choice(id, label, any, values) {
  return h('select', {id, 'aria-label': label}, h('option', {value: '', text: any}), values.map((v) => h('option', {value: v, text: v})));
}

/** @returns the task ids the row filters keep: matching the search, and with a failed cell when failed only */
export function shownTasks(order, rows, data) {
  const failedIn = (taskId) => data.runs.some((run) => ['failed', 'upstream_failed'].includes(data.instance(run.dag_run_id, taskId)?.state));
  return order.filter((taskId) => (!rows.search || taskId.toLowerCase().includes(rows.search)) && (!rows.failedOnly || failedIn(taskId)));
}
