// The Graph: the DAG laid out left to right by dagre (vendored, MIT), drawn as SVG, each task
// coloured by its state in the selected run and linking to its try. The layout is computed once
// per definition; refreshes only recolour the nodes.
import {h, s, replace} from './dom.js';
import {stateClass, stateLabel} from './states.js';
import {taskHref} from './grid.js';

const NODE_HEIGHT = 40;
const FONT = '13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export class Graph {
  constructor(container, dagId) {
    this.container = container;
    this.dagId = dagId;
    this.nodes = new Map();
    this.shape = '';
  }

  /** @param tasks the DAG's tasks @param instances Map task id → task instance of the run (or undefined) */
  render(tasks, runId, instances) {
    const shape = JSON.stringify(tasks.map((t) => [t.task_id, t.downstream_task_ids, Boolean(t.is_mapped)]));
    if (shape !== this.shape) {
      this.shape = shape;
      this.build(tasks);
    }
    for (const [taskId, node] of this.nodes) {
      const ti = instances?.get(taskId);
      const state = ti ? ti.state : null;
      node.group.setAttribute('class', `node ${stateClass(state)}${node.mapped ? ' mapped' : ''}`);
      node.group.dataset.state = state || 'none';
      node.status.textContent = stateLabel(state) + (ti && ti.map_count ? ` · ${ti.map_count} mapped` : '')
        + (ti && ti.try_number > 1 ? ` · try ${ti.try_number}` : '');
      if (runId) node.link.setAttribute('href', taskHref(this.dagId, runId, taskId));
      else node.link.removeAttribute('href');
      node.title.textContent = `${taskId}: ${stateLabel(state)}`;
    }
  }

  build(tasks) {
    this.nodes.clear();
    const g = new window.dagre.graphlib.Graph();
    g.setGraph({rankdir: 'LR', nodesep: 18, ranksep: 56, marginx: 12, marginy: 12});
    g.setDefaultEdgeLabel(() => ({}));
    const measure = textMeasurer();
    for (const task of tasks) {
      g.setNode(task.task_id, {width: Math.max(110, measure(nodeLabel(task)) + 28), height: NODE_HEIGHT, mapped: Boolean(task.is_mapped)});
    }
    for (const task of tasks) for (const down of task.downstream_task_ids) g.setEdge(task.task_id, down);
    window.dagre.layout(g);
    const {width, height} = g.graph();
    const svg = s('svg', {class: 'graph', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
      'aria-label': `Graph of ${tasks.length} tasks`, 'data-testid': 'graph'},
      s('defs', {}, s('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse'},
        s('path', {d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head'}))));
    for (const e of g.edges()) {
      const points = g.edge(e).points;
      svg.append(s('path', {class: 'edge', 'marker-end': 'url(#arrow)',
        d: points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}));
    }
    for (const taskId of g.nodes()) svg.append(this.node(taskId, g.node(taskId)));
    // Shrinks to fit a narrow screen, but never below 60% (labels would be unreadable); wider graphs scroll.
    svg.style.minWidth = `${Math.round(width * 0.6)}px`;
    replace(this.container, h('div', {class: 'graph-scroll'}, svg));
  }

  node(taskId, box) {
    const title = s('title', {text: taskId});
    const mapped = box.mapped;
    const status = s('text', {class: 'node-state', x: 14, y: 31});
    const group = s('g', {class: 'node', 'data-task-id': taskId, transform: `translate(${box.x - box.width / 2},${box.y - box.height / 2})`},
      title,
      s('rect', {width: box.width, height: box.height, rx: 6}),
      s('rect', {class: 'node-stripe', width: 6, height: box.height, rx: 3}),
      s('text', {class: 'node-label', x: 14, y: 17, text: nodeLabel({task_id: taskId, is_mapped: mapped})}),
      status);
    if (mapped) group.dataset.mapped = 'true';
    const link = s('a', {class: 'node-link'}, group);
    this.nodes.set(taskId, {group, link, status, title, mapped});
    return link;
  }
}

/** @returns the node's text: a mapped task is marked with [ ], as Airflow's graph does */
function nodeLabel(task) {
  return task.is_mapped ? `${task.task_id} [ ]` : task.task_id;
}

/** @returns a function giving the pixel width of a label in the graph's font */
function textMeasurer() {
  const context = document.createElement('canvas').getContext('2d');
  context.font = FONT;
  return (text) => context.measureText(text).width;
}
