// The Code tab: the source of each stored version of the DAG, picked from a list (newest first),
// shown as text. Jar bundles keep no source, so for them only the version is named.
import {h, replace} from './dom.js';
import {api, get} from './api.js';
import {dateTime} from './time.js';

/** Draws the picker and the source of `wanted` (a version hash), or of the current version when it is not listed. */
export async function renderCode(container, dagId, wanted) {
  const list = await get(api('dags', dagId, 'dagVersions'));
  const versions = list.dag_versions;
  if (versions.length === 0) {
    replace(container, h('p', {class: 'muted', text: 'No versions of this DAG are stored.'}));
    return;
  }
  const initial = versions.find((v) => v.version === wanted) || versions.find((v) => v.is_current) || versions[0];
  const select = h('select', {id: 'version-select', 'aria-label': 'Version'},
    versions.map((v) => h('option', {value: v.version,
      text: `${v.version.slice(0, 12)} · ${dateTime(v.created_at)}${v.is_current ? ' (current)' : ''}`})));
  select.value = initial.version;
  const body = h('div', {id: 'code-body'});
  select.addEventListener('change', () => showVersion(body, dagId, select.value));
  replace(container,
    h('div', {class: 'panel-toolbar'},
      h('label', {for: 'version-select', class: 'meta-label', text: 'Version'}), select),
    body);
  await showVersion(body, dagId, initial.version);
}

async function showVersion(body, dagId, hash) {
  const version = await get(api('dags', dagId, 'dagVersions', hash));
  if (version.source === null || version.source === undefined) {
    replace(body, h('p', {class: 'muted', 'data-testid': 'code-missing',
      text: `Source not kept for jar bundles (version ${version.version})`}));
    return;
  }
  const code = h('code', {'data-testid': 'code-source'});
  code.textContent = version.source;
  replace(body,
    h('p', {class: 'small muted', text: version.fileloc || ''}),
    h('pre', {class: 'log code', tabindex: 0, 'aria-label': `Source of version ${version.version}`}, code));
}
