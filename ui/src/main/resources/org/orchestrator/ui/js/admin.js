// An admin page (connections, variables, pools, users, API tokens): a table with Edit and Delete
// on each row and a Create button, all through the REST API (which audits each change). The page
// is served to admins only; the API checks the role again on every call.
import {h, replace, byId} from './dom.js';
import {startPage, showFailure, notify, confirmChange} from './shell.js';
import {itemTable, pager} from './table.js';
import {formDialog, showOnce} from './formdialog.js';
import {KINDS} from './admin-kinds.js';

const LIMIT = 25;
const kind = KINDS[location.pathname.split('/').pop()];
let offset = 0;

async function load() {
  const box = byId('items');
  try {
    const page = await kind.list({limit: LIMIT, offset});
    const items = page[kind.key];
    replace(box, itemTable([...kind.heads, ''], items.map((item) => [...kind.row(item), actions(item)]), 'admin'),
      pager({offset, limit: LIMIT, total: page.total_entries, go: (o) => { offset = o; load(); }}));
  } catch (error) {
    showFailure(box, error);
  }
}

function actions(item) {
  const id = kind.id(item);
  return h('div', {class: 'row-actions'},
    kind.update ? h('button', {type: 'button', class: 'btn', 'data-testid': `edit-${id}`, text: 'Edit',
      on: {click: () => edit(item)}}) : null,
    kind.removable && !kind.removable(item) ? null : h('button', {type: 'button', class: 'btn btn-danger',
      'data-testid': `delete-${id}`, text: kind.removeText || 'Delete', on: {click: () => remove(item)}}));
}

async function create() {
  let created = null;
  const saved = await formDialog({title: `New ${kind.noun}`, fields: kind.fields(false), extra: kind.test,
    submit: async (values) => { created = await kind.create(values); }});
  if (!saved) return;
  done(`Created the ${kind.noun}.`);
  if (created && created.token) {
    await showOnce('Copy your token now', 'It is shown only this once; the server keeps only its hash.', created.token);
  }
}

async function edit(item) {
  const values = await kind.load(item);
  const saved = await formDialog({title: `Edit ${kind.noun} ${kind.id(item)}`, fields: kind.fields(true), values, extra: kind.test,
    submit: (v) => kind.update(values, v)});
  if (saved) done(`Saved the ${kind.noun}.`);
}

async function remove(item) {
  const verb = (kind.removeText || 'Delete').toLowerCase();
  const sure = await confirmChange({title: `${kind.removeText || 'Delete'} ${kind.noun} ${kind.id(item)}?`,
    body: [`This cannot be undone. Tasks that use this ${kind.noun} will fail.`], confirm: kind.removeText || 'Delete', danger: true});
  if (!sure) return;
  try {
    await kind.remove(item);
    done(`${verb === 'revoke' ? 'Revoked' : 'Deleted'} the ${kind.noun}.`);
  } catch (error) {
    notify(error.message, 'error');
  }
}

function done(message) {
  notify(message);
  load();
}

try {
  await startPage(location.pathname);
  document.title = `${kind.title} · Orchestrator`;
  byId('title').textContent = kind.title;
  byId('intro').textContent = kind.intro;
  byId('create').addEventListener('click', create);
  byId('create').textContent = `New ${kind.noun}`;
  await load();
} catch (error) {
  showFailure(byId('items'), error);
}
