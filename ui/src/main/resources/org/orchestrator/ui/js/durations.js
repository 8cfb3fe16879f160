// The Durations tab: how long each run took (a bar per run, in its state's colour), then how long
// each task took in each of the shown runs, one line per task, so a task that is getting slower
// stands out. Task lines take colours no state uses: a red line must not read as "failed".
// Drawn as SVG; each bar and point names its run (and task) and time.
import {h, s, replace} from './dom.js';
import {duration, secondsBetween, shortDateTime} from './time.js';
import {stateClass, stateLabel} from './states.js';

const PALETTE = ['#8250df', '#1b7c83', '#0a3069', '#6e4b1f', '#a475f9', '#3d4f5f', '#4c2889', '#0e7490'];
const HEIGHT = 300;
const MARGIN = {top: 12, right: 16, bottom: 28, left: 64};

export function renderDurations(container, taskIds, data) {
  const runs = data.runs;
  const series = taskIds.map((taskId, i) => ({taskId, color: PALETTE[i % PALETTE.length],
    points: runs.map((run, x) => ({x, run, seconds: data.instance(run.dag_run_id, taskId)?.duration}))
      .filter((p) => typeof p.seconds === 'number')}))
    .filter((line) => line.points.length);
  const signature = JSON.stringify([container.clientWidth, series.map((l) => l.points.map((p) => p.seconds)), runs.map(runSeconds)]);
  if (container.dataset.signature === signature) return;
  container.dataset.signature = signature;
  const perRun = runChart(runs, Math.max(320, container.clientWidth - 24));
  if (series.length === 0) return replace(container, perRun, h('p', {class: 'empty', text: 'No task has finished in the shown runs yet.'}));

  const width = Math.max(320, container.clientWidth - 24);
  const longest = Math.max(0.001, ...series.flatMap((l) => l.points.map((p) => p.seconds)));
  const x = (i) => MARGIN.left + (runs.length === 1 ? 0.5 : i / (runs.length - 1)) * (width - MARGIN.left - MARGIN.right);
  const y = (sec) => MARGIN.top + (1 - sec / longest) * (HEIGHT - MARGIN.top - MARGIN.bottom);
  const svg = s('svg', {class: 'durations', viewBox: `0 0 ${width} ${HEIGHT}`, width, height: HEIGHT, role: 'img',
    'aria-label': `Task durations over the last ${runs.length} runs`, 'data-testid': 'durations'});
  for (let i = 0; i <= 4; i++) {
    const sec = longest * i / 4;
    svg.append(s('line', {class: 'axis-line', x1: MARGIN.left, x2: width - MARGIN.right, y1: y(sec), y2: y(sec)}),
      s('text', {class: 'axis-label', x: MARGIN.left - 6, y: y(sec) + 4, 'text-anchor': 'end', text: duration(sec)}));
  }
  svg.append(s('text', {class: 'axis-label', x: MARGIN.left, y: HEIGHT - 8, text: shortDateTime(runs[0].logical_date)}),
    s('text', {class: 'axis-label', x: width - MARGIN.right, y: HEIGHT - 8, 'text-anchor': 'end', text: shortDateTime(runs[runs.length - 1].logical_date)}));
  for (const line of series) {
    // Past the palette, lines repeat its colours dashed.
    const path = s('polyline', {class: `duration-line${series.indexOf(line) >= PALETTE.length ? ' dashed' : ''}`, stroke: line.color,
      points: line.points.map((p) => `${x(p.x).toFixed(1)},${y(p.seconds).toFixed(1)}`).join(' ')});
    svg.append(path, ...line.points.map((p) => s('circle', {cx: x(p.x), cy: y(p.seconds), r: 3.5, fill: line.color, 'data-task-id': line.taskId},
      s('title', {text: `${line.taskId} · ${p.run.dag_run_id} · ${duration(p.seconds)}`}))));
  }
  replace(container, perRun, h('h3', {class: 'chart-title', text: 'Task durations'}), svg, h('ul', {class: 'legend'}, series.map((line) =>
    h('li', {}, swatch(line.color), line.taskId))));
}

function swatch(color) {
  const el = h('span', {class: 'swatch', 'aria-hidden': 'true'});
  el.style.background = color;
  return el;
}

function runSeconds(run) {
  return secondsBetween(run.start_date, run.end_date);
}

/** @returns a bar per shown run, as tall as the run took, in the colour of its state */
function runChart(runs, width) {
  const height = 140;
  const longest = Math.max(0.001, ...runs.map((r) => runSeconds(r) || 0));
  const pitch = (width - MARGIN.left - MARGIN.right) / Math.max(1, runs.length);
  const svg = s('svg', {class: 'durations run-durations', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'aria-label': `Run durations of the last ${runs.length} runs`, 'data-testid': 'run-durations'});
  svg.append(s('text', {class: 'axis-label', x: MARGIN.left - 6, y: MARGIN.top + 4, 'text-anchor': 'end', text: duration(longest)}));
  runs.forEach((run, i) => {
    const seconds = runSeconds(run) || 0;
    const barHeight = Math.max(1, (height - MARGIN.top - MARGIN.bottom) * seconds / longest);
    svg.append(s('rect', {class: `run-duration ${stateClass(run.state)}`, x: MARGIN.left + i * pitch + 1, width: Math.max(1, pitch - 2),
      y: height - MARGIN.bottom - barHeight, height: barHeight, 'data-run-id': run.dag_run_id},
    s('title', {text: `${run.dag_run_id} · ${stateLabel(run.state)} · ${duration(seconds)}`})));
  });
  return h('div', {}, h('h3', {class: 'chart-title', text: 'Run durations'}), svg);
}
