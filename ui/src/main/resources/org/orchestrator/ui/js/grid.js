// The Grid: tasks (rows, in dependency order) × runs (columns, oldest left, newest right). Each
// cell links to that task try and is coloured by its state; each column head is a bar as tall as
// the run was long and selects the run for the Graph and Gantt. Only the cells in view exist in
// the DOM (a few thousand at most), so 500 runs of 200 tasks scroll as smoothly as 5 runs of 3.
// Arrow keys move between cells. A task group is a row of its own, coloured by its tasks' states,
// whose label collapses or expands the group's task rows.
import {h, replace} from './dom.js';
import {groupState} from './groups.js';
import {stateClass, stateLabel} from './states.js';
import {dateOnly, dateTime, duration, secondsBetween} from './time.js';

const PITCH = 24;
const OVERSCAN = 3;
const LABEL_FONT = '12.8px ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, Consolas, monospace';

export class Grid {
  /** @param onSelectRun called with a run id when a column head is clicked */
  constructor(container, dagId, onSelectRun) {
    this.container = container;
    this.dagId = dagId;
    this.onSelectRun = onSelectRun;
    this.view = null;
    this.cells = new Map();
    this.heads = new Map();
    this.labels = new Map();
    this.framePending = false;
    this.version = 0;
  }

  /**
   * @param taskIds tasks in display order @param data a RunData @param selected the selected run id
   * @param groups the DAG's task groups (a Groups), or null when it has none
   */
  render(taskIds, data, selected, groups = null) {
    const wasAtRightEdge = this.view && this.atRightEdge();
    this.order = taskIds;
    this.groups = groups;
    this.taskIds = groups ? groups.rows(taskIds) : taskIds;
    this.data = data;
    this.selected = selected;
    if (data.runs.length === 0) {
      this.view = null;
      replace(this.container, h('p', {class: 'empty', text: 'No runs yet. Trigger one, or wait for the schedule.'}));
      return;
    }
    const first = !this.view;
    if (first) this.build();
    const drawn = JSON.stringify([data.revision, selected, this.taskIds, data.runs.length, groups?.version]);
    if (drawn !== this.drawn) {
      // Something shown changed: every element in view is brought up to date on this paint.
      this.drawn = drawn;
      this.version += 1;
      this.longest = Math.max(1, ...data.runs.map((r) => secondsBetween(r.start_date, r.end_date) || 0));
      this.dated = datedColumns(data.runs);
      this.size();
    }
    if (first || wasAtRightEdge) this.view.body.scrollLeft = this.view.body.scrollWidth;
    this.paint();
    if (first) performance.mark('grid-ready');
  }

  build() {
    const body = h('div', {class: 'vgrid-body', tabindex: '-1'});
    const spacer = h('div', {class: 'vgrid-spacer'});
    body.append(spacer);
    const headLayer = h('div', {class: 'vgrid-layer'});
    const labelLayer = h('div', {class: 'vgrid-layer'});
    const root = h('div', {class: 'vgrid', 'data-testid': 'grid', 'aria-label': 'Task states by run'},
      h('div', {class: 'vgrid-corner', text: 'Task'}),
      h('div', {class: 'vgrid-heads'}, headLayer),
      h('div', {class: 'vgrid-labels'}, labelLayer),
      body);
    body.addEventListener('scroll', () => this.schedulePaint());
    body.addEventListener('keydown', (event) => this.move(event));
    headLayer.addEventListener('click', (event) => {
      const head = event.target.closest('.run-head');
      if (head) this.onSelectRun(head.dataset.runId);
    });
    labelLayer.addEventListener('click', (event) => {
      const label = event.target.closest('[data-group-id]');
      if (!label) return;
      this.groups.toggle(label.dataset.groupId);
      this.render(this.order, this.data, this.selected, this.groups);
    });
    this.view = {root, body, spacer, headLayer, labelLayer};
    this.cells.clear();
    this.heads.clear();
    this.labels.clear();
    replace(this.container, h('div', {class: 'grid-scroll'}, root));
  }

  size() {
    const {root, spacer, headLayer, labelLayer} = this.view;
    const measure = document.createElement('canvas').getContext('2d');
    measure.font = LABEL_FONT;
    const longest = Math.max(40, ...this.taskIds.map((id) => measure.measureText(id).width));
    const label = Math.round(Math.min(longest + 16, 300, this.container.clientWidth * 0.4 || 300));
    root.style.gridTemplateColumns = `${label}px minmax(0, 1fr)`;
    spacer.style.width = `${this.data.runs.length * PITCH}px`;
    spacer.style.height = `${this.taskIds.length * PITCH}px`;
    headLayer.style.width = spacer.style.width;
    labelLayer.style.height = spacer.style.height;
  }

  atRightEdge() {
    const body = this.view.body;
    return body.scrollLeft + body.clientWidth >= body.scrollWidth - PITCH;
  }

  schedulePaint() {
    if (this.framePending) return;
    this.framePending = true;
    requestAnimationFrame(() => {
      this.framePending = false;
      this.paint();
    });
  }

  /**
   * Draws what is in view (plus a margin) and removes what scrolled out. An element is updated
   * only when it is new or the data changed since it was drawn, so scrolling touches just the
   * cells coming into view.
   */
  paint() {
    const {body, headLayer, labelLayer} = this.view;
    const runs = this.data.runs;
    const cols = range(body.scrollLeft, body.clientWidth, runs.length);
    const rows = range(body.scrollTop, body.clientHeight, this.taskIds.length);
    headLayer.style.transform = `translateX(${-body.scrollLeft}px)`;
    labelLayer.style.transform = `translateY(${-body.scrollTop}px)`;
    const wanted = new Set();
    for (let c = cols[0]; c < cols[1]; c++) {
      this.head(c, runs[c]);
      for (let r = rows[0]; r < rows[1]; r++) wanted.add(this.cell(r, c, runs[c].dag_run_id, this.taskIds[r]));
    }
    for (let r = rows[0]; r < rows[1]; r++) this.label(r);
    prune(this.cells, wanted);
    prune(this.heads, new Set(runs.slice(cols[0], cols[1]).map((run) => run.dag_run_id)));
    prune(this.labels, new Set(this.taskIds.slice(rows[0], rows[1])));
  }

  cell(r, c, runId, taskId) {
    const key = `${runId}\u0000${taskId}`;
    let el = this.cells.get(key);
    const groupId = this.groups?.groupOf(taskId);
    if (!el) {
      el = h(groupId ? 'span' : 'a', {class: 'cell', href: groupId ? null : taskHref(this.dagId, runId, taskId),
        'data-task-id': groupId ? null : taskId, 'data-group-id': groupId, tabindex: groupId ? '0' : null,
        'data-run-id': runId, 'data-row': r, 'data-col': c});
      this.cells.set(key, el);
      this.view.spacer.append(el);
    } else if (el.version === this.version) {
      return key;
    }
    el.version = this.version;
    place(el, c * PITCH, r * PITCH);
    el.dataset.row = r;
    el.dataset.col = c;
    const ti = groupId ? null : this.data.instance(runId, taskId);
    const state = groupId ? groupState(this.groups.members(groupId).map((id) => this.data.instance(runId, id)?.state ?? null))
      : ti ? ti.state : null;
    const className = `cell ${stateClass(state)}${runId === this.selected ? ' selected' : ''}`;
    if (el.className !== className) el.className = className;
    const mapped = ti && ti.map_count > 0 ? ti.map_count : 0;
    const label = `${taskId} · ${runId} · ${stateLabel(state)}${mapped ? ` · ${mapped} mapped` : ''}`
      + `${ti && ti.try_number > 1 ? ` · try ${ti.try_number}` : ''}`;
    if (el.title !== label) {
      el.title = label;
      el.setAttribute('aria-label', label);
      el.dataset.state = state || 'none';
      // A mapped task is one cell with its instance count and their aggregate state; the link
      // opens its instances (the task page's map-index picker).
      el.textContent = mapped ? compactCount(mapped) : '';
      el.classList.toggle('mapped', mapped > 0);
      if (mapped) el.dataset.mapCount = mapped; else delete el.dataset.mapCount;
    }
    return key;
  }

  head(c, run) {
    let el = this.heads.get(run.dag_run_id);
    if (!el) {
      el = h('button', {type: 'button', class: 'run-head', 'data-run-id': run.dag_run_id}, h('span', {class: 'run-bar-fill'}),
        h('span', {class: 'run-type-mark', 'aria-hidden': 'true'}), h('span', {class: 'run-date', 'aria-hidden': 'true'}));
      this.heads.set(run.dag_run_id, el);
      this.view.headLayer.append(el);
    } else if (el.version === this.version) {
      return;
    }
    el.version = this.version;
    place(el, c * PITCH, 0);
    const seconds = secondsBetween(run.start_date, run.end_date);
    el.className = `run-head ${stateClass(run.state)}${run.dag_run_id === this.selected ? ' selected' : ''}`;
    el.dataset.state = run.state;
    el.dataset.runType = run.run_type;
    // Manual and backfill runs carry a letter; some heads carry their date (see datedColumns).
    el.children[1].textContent = {manual: 'M', backfill: 'B'}[run.run_type] || '';
    el.children[2].textContent = this.dated.has(c) ? dateOnly(run.logical_date).slice(5) : '';
    const label = `${run.dag_run_id} · ${run.run_type} · ${stateLabel(run.state)} · ${dateTime(run.logical_date)}`
      + `${seconds === null ? '' : ` · ${duration(seconds)}`}`;
    el.title = label;
    el.setAttribute('aria-label', `Select run ${label}`);
    // At most 28 px: the top of the head keeps room for the run type letter and the date.
    el.firstChild.style.height = `${Math.round(6 + 22 * (seconds || 0) / this.longest)}px`;
  }

  label(r) {
    const taskId = this.taskIds[r];
    let el = this.labels.get(taskId);
    const groupId = this.groups?.groupOf(taskId);
    if (!el) {
      el = groupId ? h('button', {type: 'button', class: 'vgrid-label group-label', 'data-group-id': groupId, title: groupId})
        : h('div', {class: 'vgrid-label', title: taskId, text: taskId});
      this.labels.set(taskId, el);
      this.view.labelLayer.append(el);
    } else if (el.version === this.version) {
      return;
    }
    el.version = this.version;
    place(el, 0, r * PITCH);
    if (this.groups) el.style.paddingLeft = `${4 + 12 * this.groups.depth(taskId)}px`;
    if (groupId) {
      el.textContent = this.groups.label(taskId);
      el.setAttribute('aria-expanded', this.groups.expanded.has(groupId) ? 'true' : 'false');
    }
  }

  /** Arrow keys move focus to the neighbouring cell, scrolling it into view first. */
  move(event) {
    const step = {ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0]}[event.key];
    const from = event.target.closest('.cell');
    if (!step || !from) return;
    event.preventDefault();
    this.focusCell(clamp(Number(from.dataset.row) + step[0], this.taskIds.length),
      clamp(Number(from.dataset.col) + step[1], this.data.runs.length));
  }

  /** Moves focus to the first cell (column by column, oldest run first) whose state is one of these. @returns true if found */
  focusFirst(states) {
    if (!this.view) return false;
    for (let c = 0; c < this.data.runs.length; c++) {
      const r = this.taskIds.findIndex((taskId) => states.includes(this.data.instance(this.data.runs[c].dag_run_id, taskId)?.state));
      if (r >= 0) {
        this.focusCell(r, c);
        return true;
      }
    }
    return false;
  }

  /** Scrolls a cell into view, draws it and focuses it. */
  focusCell(r, c) {
    const body = this.view.body;
    body.scrollLeft = Math.min(body.scrollLeft, c * PITCH);
    body.scrollLeft = Math.max(body.scrollLeft, (c + 1) * PITCH - body.clientWidth);
    body.scrollTop = Math.min(body.scrollTop, r * PITCH);
    body.scrollTop = Math.max(body.scrollTop, (r + 1) * PITCH - body.clientHeight);
    this.paint();
    this.cells.get(`${this.data.runs[c].dag_run_id}\u0000${this.taskIds[r]}`)?.focus();
  }
}

/** @returns the columns whose head shows its date: the first of each new day, at least three columns (a date's width) apart */
function datedColumns(runs) {
  const dated = new Set();
  let last = -Infinity;
  let lastDay = null;
  runs.forEach((run, c) => {
    const day = dateOnly(run.logical_date);
    if (c - last >= 3 && day !== lastDay) {
      dated.add(c);
      last = c;
      lastDay = day;
    }
  });
  return dated;
}

/** @returns [first, end) of the items in view, with a margin */
function range(offset, extent, count) {
  const first = Math.max(0, Math.floor(offset / PITCH) - OVERSCAN);
  const end = Math.min(count, Math.ceil((offset + extent) / PITCH) + OVERSCAN);
  return [first, end];
}

/** Removes elements no longer in view; the focused one stays, so keyboard focus is never lost. */
function prune(elements, wanted) {
  for (const [key, el] of elements) {
    if (!wanted.has(key) && el !== document.activeElement) {
      el.remove();
      elements.delete(key);
    }
  }
}

function place(el, x, y) {
  el.style.transform = `translate(${x}px, ${y}px)`;
}

function clamp(value, count) {
  return Math.max(0, Math.min(count - 1, value));
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

/** @returns a count short enough for a cell: 999, then 1k, 12k (the exact number is in the cell's label) */
function compactCount(n) {
  return n < 1000 ? String(n) : `${Math.floor(n / 1000)}k`;
}
