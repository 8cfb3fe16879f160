// The Gantt chart of one run: a row per task that started (or was queued), in start order, on a
// shared time axis, with one span per try: a retried task shows its earlier tries beside the
// latest, each coloured by how it ended. The pale part before the latest try is its time queued;
// a running try reaches up to now.
import {h, replace} from './dom.js';
import {stateClass, stateLabel} from './states.js';
import {clockTime, dateTime, duration, secondsBetween, zoneLabel} from './time.js';
import {taskHref} from './grid.js';

/**
 * @param instances the run's task instances by task id
 * @param tries     the run's ended tries by task id (each {try_number, state, start_date, end_date})
 */
export function renderGantt(container, dagId, run, instances, tries) {
  if (!run) return replace(container, h('p', {class: 'empty', text: 'No run selected.'}));
  if (!instances || !tries) return replace(container, h('p', {class: 'muted', text: 'Loading…'}));
  const now = Date.now();
  const rows = [...instances.values()].map((ti) => ({ti, spans: spansOf(ti, tries.get(ti.task_id) || [], now)}))
    .filter((row) => row.spans.length > 0 || row.ti.queued_when)
    .map((row) => ({...row, first: Math.min(...row.spans.map((s) => s.queued ?? s.start), time(row.ti.queued_when) || Infinity)}))
    .sort((a, b) => a.first - b.first || a.ti.task_id.localeCompare(b.ti.task_id));
  if (rows.length === 0) return replace(container, h('p', {class: 'empty', text: 'No task of this run has started yet.'}));
  const start = Math.min(...rows.map((row) => row.first));
  const end = Math.max(start + 1000, ...rows.flatMap((row) => row.spans.map((s) => s.end)));
  const scale = {start, span: end - start};

  const chart = h('div', {class: 'gantt', 'data-testid': 'gantt'}, axis(start, scale.span));
  for (const {ti, spans} of rows) {
    const track = h('div', {class: 'gantt-track'});
    if (spans.length === 0) {
      track.append(bar(`gantt-bar ${stateClass(ti.state)}`, scale, time(ti.queued_when), now, 'queued'));
    }
    spans.forEach((span, i) => drawSpan(track, ti, span, scale, spans.length > 1, spans[i + 1] ? at(scale, spans[i + 1].start) : null));
    chart.append(h('div', {class: 'gantt-row', 'data-task-id': ti.task_id},
      h('a', {class: 'gantt-label', href: taskHref(dagId, run.dag_run_id, ti.task_id), title: ti.task_id, text: ti.task_id}),
      track));
  }
  replace(container, chart);
}

/** The task's tries as spans: the ended ones as recorded, then the current one from the instance when it is not among them. */
function spansOf(ti, ended, now) {
  const spans = ended.filter((t) => t.start_date).map((t) => ({
    tryNumber: t.try_number, state: t.state, start: time(t.start_date), end: t.end_date ? time(t.end_date) : now,
    startIso: t.start_date, endIso: t.end_date}));
  const current = spans.find((s) => s.tryNumber === ti.try_number);
  if (!current && ti.start_date && ti.try_number > 0) {
    spans.push({tryNumber: ti.try_number, state: ti.state, start: time(ti.start_date),
      end: ti.end_date ? time(ti.end_date) : now, startIso: ti.start_date, endIso: ti.end_date});
  }
  const latest = spans.find((s) => s.tryNumber === ti.try_number);
  const queued = time(ti.queued_when);
  if (latest && queued && queued < latest.start) latest.queued = queued;
  return spans.sort((a, b) => a.tryNumber - b.tryNumber);
}

/** @param nextFrom where the task's next try starts (percent), or null: a label outside a short bar must not run into it */
function drawSpan(track, ti, span, scale, numbered, nextFrom) {
  if (span.queued) track.append(bar('gantt-queued', scale, span.queued, span.start));
  const seconds = secondsBetween(span.startIso, span.endIso);
  const label = `${duration(seconds)}${numbered || span.tryNumber > 1 ? ` · try ${span.tryNumber}` : ''}`;
  const from = at(scale, span.start);
  const to = at(scale, span.end);
  const wide = to - from > 12;
  const main = bar(`gantt-bar ${stateClass(span.state)}`, scale, span.start, span.end, wide ? label : null);
  main.dataset.try = span.tryNumber;
  main.dataset.state = span.state;
  main.title = `${ti.task_id}, try ${span.tryNumber}: ${stateLabel(span.state)}\nstarted ${dateTime(span.startIso)}\n`
    + `ended ${dateTime(span.endIso) || '(running)'}`;
  track.append(main);
  // A label needs about 15% of the track; a short try with another try right after it keeps its
  // details in its tooltip, so the labels of quick retries never overlap.
  if (!wide && (nextFrom === null || nextFrom - to > 15)) track.append(outsideLabel(label, from, to));
}

function at(scale, t) {
  return (t - scale.start) / scale.span * 100;
}

function bar(className, scale, from, to, label) {
  const el = h('div', {class: className}, label ? h('span', {text: label}) : null);
  el.style.left = `${at(scale, from).toFixed(3)}%`;
  el.style.width = `${Math.max(0.4, (to - from) / scale.span * 100).toFixed(3)}%`;
  return el;
}

/** A label beside a bar too narrow to hold it: after the bar, or before it near the right edge. */
function outsideLabel(text, from, to) {
  const label = h('span', {class: 'gantt-outside', text});
  if (to < 80) label.style.left = `calc(${to.toFixed(3)}% + 4px)`;
  else label.style.right = `calc(${(100 - from).toFixed(3)}% + 4px)`;
  return label;
}

function axis(start, span) {
  const ticks = h('div', {class: 'gantt-axis-ticks'});
  for (let i = 0; i <= 4; i++) {
    const t = start + span * i / 4;
    // Sub-second runs need milliseconds to tell the ticks apart.
    const text = clockTime(t, span < 10000);
    const tick = h('span', {class: 'gantt-tick', text});
    tick.style.left = `${i * 25}%`;
    ticks.append(tick);
  }
  return h('div', {class: 'gantt-row gantt-axis'}, h('div', {class: 'gantt-label muted', text: zoneLabel()}), ticks);
}

function time(iso) {
  return iso ? new Date(iso).getTime() : null;
}
