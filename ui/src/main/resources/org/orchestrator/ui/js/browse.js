// A browse page (runs, task instances, audit log, XComs, SLA misses): its kind comes from the URL's
// last segment, its filters and page from the query string, so Back, reload and links keep them.
import {h, replace, byId} from './dom.js';
import {startPage, showFailure} from './shell.js';
import {itemTable, pager} from './table.js';
import {KINDS} from './browse-kinds.js';

// 25 rows a page unless the URL asks for another size (1-100), which the pager keeps.
const LIMIT = Math.min(100, Math.max(1, Number(new URLSearchParams(location.search).get('limit')) || 25));
const name = location.pathname.split('/').pop();
const kind = KINDS[name];

function current() {
  const params = new URLSearchParams(location.search);
  const filters = Object.fromEntries(kind.filters.map((f) => [f.name, params.get(f.name) || '']));
  return {filters, offset: Math.max(0, Number(params.get('offset')) || 0)};
}

function navigate(filters, offset) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (offset) params.set('offset', String(offset));
  if (LIMIT !== 25) params.set('limit', String(LIMIT));
  const search = params.toString();
  history.pushState(null, '', location.pathname + (search ? `?${search}` : ''));
  load();
}

function drawFilters(filters) {
  const form = byId('filters');
  replace(form, kind.filters.map((f) => h('label', {class: 'filter'}, h('span', {class: 'meta-label', text: f.label}),
    f.options
      ? h('select', {name: f.name, 'data-testid': `filter-${f.name}`}, h('option', {value: '', text: 'any'}),
        f.options.map((o) => h('option', {value: o, selected: o === filters[f.name], text: o})))
      : h('input', {name: f.name, type: f.type || 'text', value: filters[f.name], 'data-testid': `filter-${f.name}`}))),
  h('button', {type: 'submit', class: 'btn btn-primary', 'data-testid': 'filter-apply', text: 'Filter'}),
  h('a', {class: 'btn', href: location.pathname, text: 'Clear filters'}));
}

async function load() {
  const {filters, offset} = current();
  const box = byId('results');
  try {
    const page = await kind.fetch(filters, {limit: LIMIT, offset});
    const items = page[kind.key];
    replace(box, itemTable(kind.heads, items.map(kind.row), 'browse'),
      pager({offset, limit: LIMIT, total: page.total_entries, go: (o) => navigate(filters, o)}));
  } catch (error) {
    showFailure(box, error);
  }
}

try {
  await startPage(location.pathname);
  document.title = `${kind.title} · Orchestrator`;
  byId('title').textContent = kind.title;
  byId('intro').textContent = kind.intro;
  drawFilters(current().filters);
  byId('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(Object.fromEntries(new FormData(event.target)), 0);
  });
  window.addEventListener('popstate', () => { drawFilters(current().filters); load(); });
  await load();
} catch (error) {
  showFailure(byId('results'), error);
}
