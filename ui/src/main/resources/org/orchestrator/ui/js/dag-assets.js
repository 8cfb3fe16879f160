// On a DAG page: the assets the DAG is scheduled on and, for each, whether it was updated since
// the DAG's last asset-triggered run (an event is queued) or is still missing. Hidden for DAGs
// that are not scheduled on assets.
import {h, replace, byId} from './dom.js';
import {api, fetchAll, get} from './api.js';
import {every} from './poll.js';
import {relative} from './time.js';

const dagId = decodeURIComponent(location.pathname.split('/')[2]);

async function refresh() {
  const box = byId('dag-assets');
  const [assets, queued, dag] = await Promise.all([fetchAll(api('assets'), {order_by: 'uri'}, 'assets'),
    get(api('dags', dagId, 'assets', 'queuedEvents')), get(api('dags', dagId))]);
  const waited = assets.filter((a) => a.consuming_dags.some((d) => d.dag_id === dagId));
  if (waited.length === 0) {
    box.hidden = true;
    return;
  }
  const updated = new Map();
  for (const q of queued.queued_events) if (!updated.has(q.uri)) updated.set(q.uri, q.created_at);
  box.hidden = false;
  replace(box,
    h('h2', {text: 'Waits for assets'}),
    h('p', {class: 'muted small', 'data-testid': 'asset-condition', text: dag.timetable_description || ''}),
    h('ul', {class: 'asset-wait'}, waited.map((a) => item(a.uri, updated.get(a.uri)))));
}

function item(uri, since) {
  return h('li', {'data-testid': 'waited-asset', 'data-uri': uri, class: since ? 'asset-updated' : 'asset-missing'},
    h('a', {href: '/assets', text: uri}), ' ',
    since ? h('span', {class: 'badge st-success', text: `updated ${relative(since)}`})
      : h('span', {class: 'badge st-queued', text: 'missing'}));
}

if (byId('dag-assets')) every(3000, refresh);
