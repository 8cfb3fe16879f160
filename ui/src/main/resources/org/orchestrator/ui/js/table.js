// Tables of API items with a pager, shared by the browse and admin pages. Cells are nodes or
// strings (strings become text nodes: every value shown may be user-provided).
import {h} from './dom.js';

/** @returns a table of rows (arrays of cells) under the column heads, or a 'None.' line */
export function itemTable(heads, rows, testid) {
  if (rows.length === 0) return h('p', {class: 'empty', 'data-testid': `${testid}-empty`, text: 'Nothing matches.'});
  return h('div', {class: 'table-scroll'}, h('table', {class: 'table', 'data-testid': testid},
    h('thead', {}, h('tr', {}, heads.map((t) => h('th', {scope: 'col', text: t})))),
    h('tbody', {}, rows.map((cells) => h('tr', {'data-testid': `${testid}-row`}, cells.map((c) => h('td', {}, c)))))));
}

/**
 * @param {{offset: number, limit: number, total: number, go: (offset: number) => void}} page
 * @returns 'Previous', '26–50 of 120', 'Next'
 */
export function pager(page) {
  const first = page.total === 0 ? 0 : page.offset + 1;
  const last = Math.min(page.offset + page.limit, page.total);
  return h('div', {class: 'pager', 'data-testid': 'pager'},
    h('button', {type: 'button', class: 'btn', 'data-testid': 'page-previous', disabled: page.offset === 0,
      text: 'Previous', on: {click: () => page.go(Math.max(0, page.offset - page.limit))}}),
    h('span', {class: 'muted', 'data-testid': 'page-range', text: `${first}–${last} of ${page.total}`}),
    h('button', {type: 'button', class: 'btn', 'data-testid': 'page-next', disabled: last >= page.total,
      text: 'Next', on: {click: () => page.go(page.offset + page.limit)}}));
}

/** @returns a link to a DAG's page */
export function dagLink(dagId) {
  return dagId ? h('a', {href: `/dags/${encodeURIComponent(dagId)}`, text: dagId}) : '';
}

/** @returns a link to a run on its DAG's grid */
export function runLink(dagId, runId) {
  if (!dagId || !runId) return runId || '';
  return h('a', {href: `/dags/${encodeURIComponent(dagId)}?run_id=${encodeURIComponent(runId)}#grid`, text: runId});
}

/** @returns a link to a task instance's page (log, details) */
export function taskLink(dagId, runId, taskId) {
  if (!dagId || !runId || !taskId) return taskId || '';
  return h('a', {href: `/dags/${encodeURIComponent(dagId)}/runs/${encodeURIComponent(runId)}/tasks/${encodeURIComponent(taskId)}`,
    text: taskId});
}
