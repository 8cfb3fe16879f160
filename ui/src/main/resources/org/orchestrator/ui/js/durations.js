// The Durations tab: how long each task took in each of the shown runs, one line per task, so a
// task that is getting slower stands out. Drawn as SVG; each point names its task, run and time.
import {h, s, replace} from './dom.js';
import {duration, shortDateTime} from './time.js';

const PALETTE = ['#0969da', '#1a7f37', '#bf3989', '#9a6700', '#8250df', '#cf222e', '#1b7c83', '#bc4c00', '#57606a', '#4d2d00'];
const HEIGHT = 300;
const MARGIN = {top: 12, right: 16, bottom: 28, left: 64};

export function renderDurations(container, taskIds, data) {
  const runs = data.runs;
  const series = taskIds.map((taskId, i) => ({taskId, color: PALETTE[i % PALETTE.length],
    points: runs.map((run, x) => ({x, run, seconds: data.instance(run.dag_run_id, taskId)?.duration}))
      .filter((p) => typeof p.seconds === 'number')}))
    .filter((line) => line.points.length);
  const signature = JSON.stringify([container.clientWidth, series.map((l) => l.points.map((p) => p.seconds))]);
  if (container.dataset.signature === signature) return;
  container.dataset.signature = signature;
  if (series.length === 0) return replace(container, h('p', {class: 'empty', text: 'No task has finished in the shown runs yet.'}));

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
    const path = s('polyline', {class: 'duration-line', stroke: line.color,
      points: line.points.map((p) => `${x(p.x).toFixed(1)},${y(p.seconds).toFixed(1)}`).join(' ')});
    svg.append(path, ...line.points.map((p) => s('circle', {cx: x(p.x), cy: y(p.seconds), r: 3.5, fill: line.color, 'data-task-id': line.taskId},
      s('title', {text: `${line.taskId} · ${p.run.dag_run_id} · ${duration(p.seconds)}`}))));
  }
  replace(container, svg, h('ul', {class: 'legend'}, series.map((line) =>
    h('li', {}, swatch(line.color), line.taskId))));
}

function swatch(color) {
  const el = h('span', {class: 'swatch', 'aria-hidden': 'true'});
  el.style.background = color;
  return el;
}
