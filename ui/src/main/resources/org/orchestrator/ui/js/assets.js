// The Assets page: each asset with the tasks that update it, the DAGs that wait for it and its
// latest events. Every text comes from the API and is set as text, never as HTML.
import {h, replace, byId} from './dom.js';
import {api, fetchAll, get, query} from './api.js';
import {startPage, showFailure} from './shell.js';
import {every} from './poll.js';
import {dateTime, relative} from './time.js';

const LAST_EVENTS = 5;

async function refresh() {
  const assets = await fetchAll(api('assets'), {order_by: 'uri'}, 'assets');
  const box = byId('assets');
  if (assets.length === 0) return replace(box, h('p', {class: 'empty', text: 'No DAG declares an asset yet.'}));
  const events = await Promise.all(assets.map((a) =>
    get(api('assets', 'events') + query({asset_uri: a.uri, limit: LAST_EVENTS, order_by: '-timestamp'}))));
  replace(box, assets.map((a, i) => card(a, events[i])));
}

function card(asset, events) {
  return h('article', {class: 'asset-card', 'data-testid': 'asset', 'data-uri': asset.uri},
    h('h2', {}, h('code', {text: asset.uri})),
    asset.name !== asset.uri ? h('p', {class: 'muted small', text: asset.name}) : null,
    h('div', {class: 'asset-refs'},
      refs('Updated by', asset.producing_tasks.map((t) => link(`/dags/${encodeURIComponent(t.dag_id)}`, `${t.dag_id}.${t.task_id}`)), 'producers'),
      refs('Waited for by', asset.consuming_dags.map((d) => link(`/dags/${encodeURIComponent(d.dag_id)}`, d.dag_id)), 'consumers')),
    h('h3', {text: `Last events (${events.total_entries} in all)`}),
    events.asset_events.length === 0 ? h('p', {class: 'muted small', text: 'No event yet.'})
      : h('ul', {class: 'asset-events', 'data-testid': 'asset-events'}, events.asset_events.map(eventItem)));
}

function refs(label, items, testid) {
  return h('div', {class: 'asset-ref', 'data-testid': testid},
    h('span', {class: 'meta-label', text: label}),
    items.length ? h('span', {class: 'asset-ref-list'}, items) : h('span', {class: 'muted', text: '—'}));
}

function eventItem(e) {
  const source = e.source_dag_id
    ? link(`/dags/${encodeURIComponent(e.source_dag_id)}`, `${e.source_dag_id}.${e.source_task_id} (${e.source_run_id})`)
    : h('span', {text: 'external (REST)'});
  const runs = e.created_dagruns.map((r) => r.dag_id).join(', ');
  return h('li', {},
    h('time', {datetime: e.timestamp, title: dateTime(e.timestamp), text: relative(e.timestamp)}), ' · ', source,
    runs ? h('span', {class: 'muted', text: ` → ran ${runs}`}) : null);
}

function link(href, text) {
  return h('a', {href, text});
}

try {
  await startPage('assets');
  every(5000, refresh);
} catch (error) {
  showFailure(byId('assets'), error);
}
