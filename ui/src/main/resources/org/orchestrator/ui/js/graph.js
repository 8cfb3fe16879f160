// The Graph: the DAG laid out left to right by dagre (vendored, MIT), drawn as SVG, each task
// coloured by its state in the selected run and linking to its try. The layout is computed once
// per definition and per set of expanded groups; refreshes only recolour the nodes.
//
// Task groups: a collapsed group is one node coloured by its tasks' most telling state; an
// expanded group is a box around its tasks whose header collapses it again. Groups start expanded,
// unless the DAG has more than 30 tasks, where they start collapsed (see groups.js; the Grid shares it).
import {h, s, replace} from './dom.js';
import {stateClass, stateLabel} from './states.js';
import {taskHref} from './grid.js';
import {Groups, groupState} from './groups.js';

const NODE_HEIGHT = 40;
const FONT = '13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export class Graph {
  /** @param groups the expanded groups, shared with the Grid (made from the tasks when not given) */
  constructor(container, dagId, groups = null) {
    this.container = container;
    this.dagId = dagId;
    this.nodes = new Map();
    this.shape = '';
    this.groups = groups;
    this.last = null;
  }

  /** @param tasks the DAG's tasks @param instances Map task id → task instance of the run (or undefined) */
  render(tasks, runId, instances) {
    this.last = [tasks, runId, instances];
    if (!this.groups) this.groups = new Groups(tasks);
    const shape = JSON.stringify([tasks.map((t) => [t.task_id, t.downstream_task_ids, Boolean(t.is_mapped)]), [...this.groups.expanded].sort()]);
    if (shape !== this.shape) {
      this.shape = shape;
      this.build(tasks);
    }
    for (const [id, node] of this.nodes) {
      const states = node.members.map((taskId) => instances?.get(taskId)?.state ?? null);
      const state = node.members.length === 1 && !node.groupId ? states[0] : groupState(states);
      node.group.setAttribute('class', `node ${node.groupId ? 'group-node ' : ''}${stateClass(state)}${node.mapped ? ' mapped' : ''}`);
      node.group.dataset.state = state || 'none';
      if (node.groupId) {
        node.status.textContent = `${node.members.length} tasks · ${stateLabel(state)}`;
        node.title.textContent = `group ${node.groupId}: ${stateLabel(state)} (click to expand)`;
        continue;
      }
      const ti = instances?.get(id);
      node.status.textContent = stateLabel(state) + (ti && ti.map_count ? ` · ${ti.map_count} mapped` : '')
        + (ti && ti.try_number > 1 ? ` · try ${ti.try_number}` : '');
      if (runId) node.link.setAttribute('href', taskHref(this.dagId, runId, id));
      else node.link.removeAttribute('href');
      node.title.textContent = `${id}: ${stateLabel(state)}`;
    }
  }

  /** Expands a collapsed group or collapses an expanded one (with the groups inside it). */
  toggle(groupId) {
    this.groups.toggle(groupId);
    if (this.last) this.render(...this.last);
  }

  build(tasks) {
    this.nodes.clear();
    const g = new window.dagre.graphlib.Graph({compound: true});
    g.setGraph({rankdir: 'LR', nodesep: 18, ranksep: 56, marginx: 12, marginy: 12});
    g.setDefaultEdgeLabel(() => ({}));
    const measure = textMeasurer();
    const shown = new Map();
    for (const task of tasks) {
      const node = this.visibleNode(task);
      shown.set(task.task_id, node);
      if (g.hasNode(node.id)) { g.node(node.id).members.push(task.task_id); continue; }
      g.setNode(node.id, {width: Math.max(110, measure(node.label) + 28), height: NODE_HEIGHT, members: [task.task_id], groupId: node.groupId,
        mapped: !node.groupId && Boolean(task.is_mapped)});
      if (node.parent) this.cluster(g, node.parent, node.path);
      if (node.parent) g.setParent(node.id, 'cluster:' + node.parent);
    }
    for (const task of tasks) {
      for (const down of task.downstream_task_ids) {
        const from = shown.get(task.task_id).id;
        const to = shown.get(down)?.id;
        if (to && from !== to) g.setEdge(from, to);
      }
    }
    window.dagre.layout(g);
    const {width, height} = g.graph();
    const svg = s('svg', {class: 'graph', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
      'aria-label': `Graph of ${tasks.length} tasks`, 'data-testid': 'graph'},
      s('defs', {}, s('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse'},
        s('path', {d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head'}))));
    const clusters = g.nodes().filter((id) => id.startsWith('cluster:')).sort((a, b) => a.split('.').length - b.split('.').length);
    for (const id of clusters) svg.append(this.clusterBox(id.slice('cluster:'.length), g.node(id)));
    for (const e of g.edges()) {
      const points = g.edge(e).points;
      svg.append(s('path', {class: 'edge', 'marker-end': 'url(#arrow)',
        d: points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}));
    }
    for (const id of g.nodes()) if (!id.startsWith('cluster:')) svg.append(this.node(id, g.node(id)));
    // Shrinks to fit a narrow screen, but never below 60% (labels would be unreadable); wider graphs scroll.
    svg.style.minWidth = `${Math.round(width * 0.6)}px`;
    replace(this.container, h('div', {class: 'graph-scroll'}, svg));
  }

  /** @returns what a task is drawn as: itself, or the outermost collapsed group it is in; and the box it sits in */
  visibleNode(task) {
    const path = task.task_group?.path || [];
    let parent = null;
    for (const groupId of path) {
      if (!this.groups.expanded.has(groupId)) return {id: 'group:' + groupId, label: '▸ ' + groupId, groupId, parent, path};
      parent = groupId;
    }
    return {id: task.task_id, label: nodeLabel(task), groupId: null, parent, path};
  }

  /** Adds the boxes of an expanded group and of the expanded groups around it. */
  cluster(g, groupId, path) {
    const chain = path.slice(0, path.indexOf(groupId) + 1);
    chain.forEach((id, i) => {
      if (!g.hasNode('cluster:' + id)) g.setNode('cluster:' + id, {});
      if (i > 0) g.setParent('cluster:' + id, 'cluster:' + chain[i - 1]);
    });
  }

  clusterBox(groupId, box) {
    const collapse = () => this.toggle(groupId);
    return s('g', {class: 'cluster', 'data-cluster-id': groupId, transform: `translate(${box.x - box.width / 2},${box.y - box.height / 2})`},
      s('rect', {width: box.width, height: box.height, rx: 8}),
      s('text', {class: 'cluster-label', x: 8, y: 13, role: 'button', tabindex: 0, 'data-collapse-group': groupId,
        'aria-label': `Collapse group ${groupId}`, text: '▾ ' + groupId,
        on: {click: collapse, keydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); collapse(); } }}}));
  }

  node(id, box) {
    const label = box.groupId ? '▸ ' + box.groupId : nodeLabel({task_id: id, is_mapped: box.mapped});
    const title = s('title', {text: label});
    const status = s('text', {class: 'node-state', x: 14, y: 31});
    const group = s('g', {class: 'node', transform: `translate(${box.x - box.width / 2},${box.y - box.height / 2})`},
      title,
      s('rect', {width: box.width, height: box.height, rx: 6}),
      s('rect', {class: 'node-stripe', width: 6, height: box.height, rx: 3}),
      s('text', {class: 'node-label', x: 14, y: 17, text: label}),
      status);
    let link;
    if (box.groupId) {
      group.dataset.groupId = box.groupId;
      const expand = () => this.toggle(box.groupId);
      link = s('g', {class: 'group-link', role: 'button', tabindex: 0, 'aria-label': `Expand group ${box.groupId}`,
        on: {click: expand, keydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); expand(); } }}}, group);
    } else {
      group.dataset.taskId = id;
      if (box.mapped) group.dataset.mapped = 'true';
      link = s('a', {class: 'node-link'}, group);
    }
    this.nodes.set(id, {group, link, status, title, members: box.members, groupId: box.groupId, mapped: box.mapped});
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
