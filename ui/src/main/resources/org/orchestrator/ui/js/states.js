// State colours: one CSS class per state (st-success, st-failed, ...), defined in app.css, used by
// the grid, graph, Gantt, dots and badges alike, and a legend that names every colour.
import {h} from './dom.js';

export const TASK_STATES = ['success', 'failed', 'running', 'queued', 'scheduled', 'up_for_retry',
  'upstream_failed', 'skipped', 'removed', 'none'];

const LABELS = {up_for_retry: 'up for retry', upstream_failed: 'upstream failed', none: 'no status'};

/** @returns the class for a task or run state; null (not yet scheduled) is 'none' */
export function stateClass(state) {
  return 'st-' + (state || 'none');
}

/** @returns the state as people read it */
export function stateLabel(state) {
  return LABELS[state || 'none'] || state;
}

/** @returns a badge naming the state, in its colour */
export function badge(state) {
  return h('span', {class: `badge ${stateClass(state)}`, text: stateLabel(state)});
}

/** @returns the legend of every task state colour */
export function legend() {
  return h('ul', {class: 'legend', 'aria-label': 'State colours'},
    TASK_STATES.map((state) => h('li', {},
      h('span', {class: `swatch ${stateClass(state)}`, 'aria-hidden': 'true'}), stateLabel(state))));
}

/** @returns true for states after which nothing more happens without an operator */
export function isFinished(state) {
  return ['success', 'failed', 'skipped', 'upstream_failed', 'removed'].includes(state);
}
