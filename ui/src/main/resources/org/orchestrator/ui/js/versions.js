// The version history on the Details tab: each stored version of the DAG (newest first) with when
// it was first seen, its hash, whether it is current, how many runs were created on it and the
// latest of them, each linking to its run.
import {h, replace} from './dom.js';
import {api, get, query} from './api.js';
import {dateTime} from './time.js';

export async function renderVersions(container, dagId) {
  const list = await get(api('dags', dagId, 'dagVersions'));
  if (list.dag_versions.length === 0) {
    replace(container, h('p', {class: 'muted', text: 'No versions of this DAG are stored.'}));
    return;
  }
  const runLink = (runId) => h('a', {href: `/dags/${encodeURIComponent(dagId)}${query({run_id: runId})}`, text: runId});
  replace(container, h('div', {class: 'table-scroll'}, h('table', {class: 'table', 'data-testid': 'version-history'},
    h('thead', {}, h('tr', {}, ['Version', 'Created', 'Runs', 'Latest runs'].map((t) => h('th', {scope: 'col', text: t})))),
    h('tbody', {}, list.dag_versions.map((v) => h('tr', {'data-version': v.version},
      h('td', {}, h('code', {title: v.version, text: v.version.slice(0, 12)}),
        v.is_current ? h('span', {class: 'badge', text: 'current'}) : null),
      h('td', {text: dateTime(v.created_at)}),
      h('td', {class: 'num', 'data-testid': 'version-runs', text: String(v.run_count)}),
      h('td', {class: 'run-links'}, v.recent_run_ids.length
        ? v.recent_run_ids.flatMap((id, i) => (i ? [', ', runLink(id)] : [runLink(id)]))
        : h('span', {class: 'muted', text: '—'}))))))));
}
