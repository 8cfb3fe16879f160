// The Grid: tasks (rows, in dependency order) × runs (columns, oldest left). Each cell is a link
// to that task try, coloured by state; each column head is a bar as tall as the run was long,
// and selects the run for the Graph and Gantt. Cells are built once and then only recoloured, so
// a refresh every second or two costs little even with hundreds of tasks.
import {h, replace} from './dom.js';
import {stateClass, stateLabel} from './states.js';
import {dateTime, duration, secondsBetween} from './time.js';

export class Grid {
  /** @param onSelectRun called with a run id when a column head is clicked */
  constructor(container, dagId, onSelectRun) {
    this.container = container;
    this.dagId = dagId;
    this.onSelectRun = onSelectRun;
    this.shape = '';
    this.cells = new Map();
    this.heads = new Map();
  }

  /**
   * @param taskIds tasks in display order
   * @param data    a RunData
   * @param selected the selected run id
   */
  render(taskIds, data, selected) {
    const shape = JSON.stringify([taskIds, data.runs.map((r) => r.dag_run_id)]);
    if (shape !== this.shape) {
      this.shape = shape;
      this.build(taskIds, data.runs);
    }
    const longest = Math.max(1, ...data.runs.map((r) => secondsBetween(r.start_date, r.end_date) || 0));
    for (const run of data.runs) this.updateHead(run, longest, run.dag_run_id === selected);
    for (const cell of this.cells.values()) {
      const ti = data.instance(cell.runId, cell.taskId);
      const state = ti ? ti.state : null;
      const label = `${cell.taskId} · ${cell.runId} · ${stateLabel(state)}${ti && ti.try_number > 1 ? ` · try ${ti.try_number}` : ''}`;
      const className = `cell ${stateClass(state)}${cell.runId === selected ? ' selected' : ''}`;
      if (cell.el.className !== className) cell.el.className = className;
      if (cell.label !== label) {
        cell.label = label;
        cell.el.title = label;
        cell.el.setAttribute('aria-label', label);
        cell.el.dataset.state = state || 'none';
      }
    }
  }

  build(taskIds, runs) {
    this.cells.clear();
    this.heads.clear();
    if (runs.length === 0) {
      replace(this.container, h('p', {class: 'empty', text: 'No runs yet. Trigger one, or wait for the schedule.'}));
      return;
    }
    const grid = h('div', {class: 'grid', role: 'grid', 'aria-label': 'Task states by run', 'data-testid': 'grid'});
    grid.style.gridTemplateColumns = `minmax(7rem, max-content) repeat(${runs.length}, 1.375rem)`;
    const headRow = h('div', {class: 'grid-row', role: 'row'}, h('div', {class: 'grid-corner', role: 'columnheader', text: 'Task'}));
    for (const run of runs) {
      const head = h('button', {type: 'button', class: 'run-head', role: 'columnheader', 'data-run-id': run.dag_run_id,
        on: {click: () => this.onSelectRun(run.dag_run_id)}}, h('span', {class: 'run-bar-fill'}));
      this.heads.set(run.dag_run_id, head);
      headRow.append(head);
    }
    grid.append(headRow);
    for (const taskId of taskIds) {
      const row = h('div', {class: 'grid-row', role: 'row'}, h('div', {class: 'task-name', role: 'rowheader', title: taskId, text: taskId}));
      for (const run of runs) {
        const el = h('a', {class: 'cell', role: 'gridcell', href: taskHref(this.dagId, run.dag_run_id, taskId),
          'data-task-id': taskId, 'data-run-id': run.dag_run_id});
        this.cells.set(`${run.dag_run_id}\u0000${taskId}`, {el, runId: run.dag_run_id, taskId, label: null});
        row.append(el);
      }
      grid.append(row);
    }
    replace(this.container, h('div', {class: 'grid-scroll'}, grid));
  }

  updateHead(run, longest, selected) {
    const head = this.heads.get(run.dag_run_id);
    if (!head) return;
    const seconds = secondsBetween(run.start_date, run.end_date);
    head.className = `run-head ${stateClass(run.state)}${selected ? ' selected' : ''}`;
    head.dataset.state = run.state;
    const label = `${run.dag_run_id} · ${stateLabel(run.state)} · ${dateTime(run.logical_date)}${seconds === null ? '' : ` · ${duration(seconds)}`}`;
    head.title = label;
    head.setAttribute('aria-label', `Select run ${label}`);
    head.firstChild.style.height = `${Math.round(6 + 34 * (seconds || 0) / longest)}px`;
  }
}

/** @returns the task try page of a task in a run */
export function taskHref(dagId, runId, taskId) {
  return ['/dags', dagId, 'runs', runId, 'tasks', taskId].map((part, i) => (i % 2 ? encodeURIComponent(part) : part)).join('/');
}

/** @returns task ids in dependency order (upstream first), ties broken by id */
export function topologicalOrder(tasks) {
  const remaining = new Map(tasks.map((t) => [t.task_id, new Set(t.upstream_task_ids)]));
  const order = [];
  while (remaining.size) {
    const ready = [...remaining].filter(([, ups]) => [...ups].every((u) => !remaining.has(u))).map(([id]) => id).sort();
    // A cycle cannot be loaded, but if one ever came through, show the rest rather than hang.
    const next = ready.length ? ready : [...remaining.keys()].sort();
    for (const id of next) {
      order.push(id);
      remaining.delete(id);
    }
  }
  return order;
}
