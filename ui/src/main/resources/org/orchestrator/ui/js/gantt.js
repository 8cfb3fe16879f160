// The Gantt chart of one run: a row per task that started (or was queued), in start order, on a
// shared time axis. The pale part of a bar is the time queued, the coloured part the time running
// (up to now while it runs); a task on its second try or later is labelled with the try.
import {h, replace} from './dom.js';
import {stateClass, stateLabel} from './states.js';
import {dateTime, duration, secondsBetween} from './time.js';
import {taskHref} from './grid.js';

export function renderGantt(container, dagId, run, instances) {
  if (!run) return replace(container, h('p', {class: 'empty', text: 'No run selected.'}));
  if (!instances) return replace(container, h('p', {class: 'muted', text: 'Loading…'}));
  const rows = [...instances.values()].filter((ti) => ti.start_date || ti.queued_when)
    .sort((a, b) => time(a.queued_when || a.start_date) - time(b.queued_when || b.start_date) || a.task_id.localeCompare(b.task_id));
  if (rows.length === 0) return replace(container, h('p', {class: 'empty', text: 'No task of this run has started yet.'}));
  const now = Date.now();
  const start = Math.min(...rows.map((ti) => time(ti.queued_when || ti.start_date)));
  const end = Math.max(start + 1000, ...rows.map((ti) => (ti.end_date ? time(ti.end_date) : now)));
  const span = end - start;
  const at = (t) => (t - start) / span * 100;
  const pct = (t) => `${at(t).toFixed(3)}%`;
  const width = (from, to) => `${Math.max(0.4, (to - from) / span * 100).toFixed(3)}%`;

  const chart = h('div', {class: 'gantt', 'data-testid': 'gantt'}, axis(start, span));
  for (const ti of rows) {
    const began = ti.start_date ? time(ti.start_date) : null;
    const queued = ti.queued_when ? time(ti.queued_when) : began;
    const finished = ti.end_date ? time(ti.end_date) : now;
    const track = h('div', {class: 'gantt-track'});
    if (queued !== null && began !== null && began > queued) track.append(bar('gantt-queued', pct(queued), width(queued, began)));
    if (began !== null) {
      const seconds = secondsBetween(ti.start_date, ti.end_date);
      const label = `${duration(seconds)}${ti.try_number > 1 ? ` · try ${ti.try_number}` : ''}`;
      const wide = at(finished) - at(began) > 12;
      const main = bar(`gantt-bar ${stateClass(ti.state)}`, pct(began), width(began, finished), wide ? label : null);
      main.title = `${ti.task_id}: ${stateLabel(ti.state)}, try ${ti.try_number}\nqueued ${dateTime(ti.queued_when)}\nstarted ${dateTime(ti.start_date)}\nended ${dateTime(ti.end_date) || '(running)'}`;
      track.append(main);
      if (!wide) track.append(outsideLabel(label, at(began), at(finished)));
    } else {
      track.append(bar(`gantt-bar ${stateClass(ti.state)}`, pct(queued), width(queued, now), 'queued'));
    }
    chart.append(h('div', {class: 'gantt-row'},
      h('a', {class: 'gantt-label', href: taskHref(dagId, run.dag_run_id, ti.task_id), title: ti.task_id, text: ti.task_id}),
      track));
  }
  replace(container, chart);
}

function bar(className, left, width, label) {
  const el = h('div', {class: className}, label ? h('span', {text: label}) : null);
  el.style.left = left;
  el.style.width = width;
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
    const text = new Date(t).toISOString().slice(11, span < 10000 ? 23 : 19);
    const tick = h('span', {class: 'gantt-tick', text});
    tick.style.left = `${i * 25}%`;
    ticks.append(tick);
  }
  return h('div', {class: 'gantt-row gantt-axis'}, h('div', {class: 'gantt-label muted', text: 'UTC'}), ticks);
}

function time(iso) {
  return new Date(iso).getTime();
}
