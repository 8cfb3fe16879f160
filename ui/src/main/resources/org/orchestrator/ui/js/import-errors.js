// The import errors page: each bundle that failed to load, with the loader's message as text.
import {h, replace, byId} from './dom.js';
import {api, fetchAll} from './api.js';
import {startPage, showFailure} from './shell.js';
import {every} from './poll.js';
import {dateTime} from './time.js';

async function refresh() {
  const errors = await fetchAll(api('importErrors'), {}, 'import_errors');
  const box = byId('errors');
  if (errors.length === 0) return replace(box, h('p', {class: 'empty', text: 'Every DAG file loaded.'}));
  replace(box, errors.map((e) => h('article', {class: 'import-error', 'data-testid': 'import-error'},
    h('h2', {}, h('code', {text: e.filename})),
    h('p', {class: 'muted small', text: `since ${dateTime(e.timestamp)}`}),
    h('pre', {class: 'log', text: e.stack_trace}))));
}

try {
  await startPage('import-errors');
  every(5000, refresh);
} catch (error) {
  showFailure(byId('errors'), error);
}
