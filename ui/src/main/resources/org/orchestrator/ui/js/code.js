// The Code tab: the source of each stored version of the DAG, picked from a list (newest first),
// syntax highlighted by highlight.js (vendored, BSD-3-Clause). Jar bundles keep no source, so for
// them only the version is named.
import hljs from '../vendor/highlight/core.min.js';
import java from '../vendor/highlight/java.min.js';
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
  const code = h('code', {class: 'hljs language-java', 'data-testid': 'code-source'});
  code.append(...highlighted(version.source));
  replace(body,
    h('p', {class: 'small muted', text: version.fileloc || ''}),
    h('pre', {class: 'log code', tabindex: 0, 'aria-label': `Source of version ${version.version}`}, code));
}

hljs.registerLanguage('java', java);

/**
 * The source as highlighted nodes. highlight.js escapes the text it is given; on top of that its
 * HTML is parsed in an inert document (nothing loads or runs there) and used only when it holds
 * nothing but <span class> elements and reads back as exactly the source. Otherwise: plain text.
 */
function highlighted(source) {
  const html = hljs.highlight(source, {language: 'java', ignoreIllegals: true}).value;
  const body = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  const onlySpans = [...body.querySelectorAll('*')].every((el) => el.tagName === 'SPAN'
    && [...el.attributes].every((a) => a.name === 'class'));
  if (!onlySpans || body.textContent !== source) return [document.createTextNode(source)];
  return [...body.childNodes].map((node) => document.importNode(node, true));
}
