// What every page shares: the top bar (navigation, user, logout, live status), notices, the
// confirm dialog, and what the user's role allows.
import {h, append, byId} from './dom.js';
import {loadSession, logout} from './api.js';
import {setZoneChoice, zoneChoice} from './time.js';

/**
 * Starts a page: loads the session and draws the top bar.
 * @returns the session {username, role, csrf_token}
 */
export async function startPage(current) {
  const session = await loadSession();
  const bar = byId('topbar');
  bar.replaceChildren(
    h('a', {class: 'brand', href: '/dags'}, h('img', {src: '/static/img/logo.svg', alt: '', width: 24, height: 24}), 'Orchestrator'),
    h('nav', {'aria-label': 'Main'},
      navLink('/home', 'Home', current === 'home'),
      navLink('/dags', 'DAGs', current === 'dags'),
      navLink('/import-errors', 'Import errors', current === 'import-errors'),
      navLink('/assets', 'Assets', current === 'assets'),
      navLink('/cluster', 'Health', current === 'cluster'),
      navMenu('Browse', BROWSE, current),
      session.role === 'admin' ? navMenu('Admin', ADMIN, current) : null),
    h('div', {class: 'user'},
      h('span', {id: 'live-status', class: 'live', role: 'status', text: 'Live'}),
      zoneSwitch(),
      h('span', {class: 'who', 'data-testid': 'user', text: `${session.username} · ${session.role}`}),
      h('button', {type: 'button', class: 'btn btn-quiet', id: 'logout', text: 'Log out', on: {click: () => logout()}})));
  return session;
}

/** UTC, the browser's zone or the DAG's: the page reloads so that every time on it is shown anew. */
function zoneSwitch() {
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const select = h('select', {id: 'timezone', class: 'zone-switch', 'aria-label': 'Time zone', title: 'Time zone of the times shown',
    on: {change: () => { setZoneChoice(select.value); location.reload(); }}},
  h('option', {value: 'utc', text: 'UTC'}),
  h('option', {value: 'browser', text: `Browser (${browserZone})`}),
  h('option', {value: 'dag', text: 'DAG\'s zone'}));
  select.value = zoneChoice();
  return select;
}

const BROWSE = [['/browse/runs', 'DAG runs'], ['/browse/task-instances', 'Task instances'],
  ['/browse/audit-log', 'Audit log'], ['/browse/xcoms', 'XComs'], ['/browse/sla-misses', 'SLA misses'],
  ['/import-errors', 'Import errors']];
const ADMIN = [['/admin/connections', 'Connections'], ['/admin/variables', 'Variables'], ['/admin/pools', 'Pools'],
  ['/admin/users', 'Users and roles'], ['/admin/tokens', 'API tokens']];

// A menu of links that needs no script to open: <details> toggles itself, and CSP allows it.
function navMenu(title, links, current) {
  const active = links.some(([href]) => href === current);
  const menu = h('details', {class: 'nav-menu', 'data-testid': `menu-${title.toLowerCase()}`},
    h('summary', {class: active ? 'active' : null, text: title}),
    h('div', {class: 'nav-menu-list'}, links.map(([href, text]) => navLink(href, text, href === current))));
  document.addEventListener('click', (event) => { if (!menu.contains(event.target)) menu.open = false; });
  return menu;
}

function navLink(href, text, active) {
  return h('a', {href, class: active ? 'active' : null, 'aria-current': active ? 'page' : null, text});
}

/** @returns true when the role may trigger, clear, mark and pause (op and admin) */
export function canOperate(session) {
  return session.role === 'op' || session.role === 'admin';
}

/** Shows a short notice at the bottom of the page. kind: 'ok' or 'error'. */
export function notify(message, kind = 'ok') {
  let box = document.getElementById('notices');
  if (!box) {
    box = h('div', {id: 'notices', class: 'notices', 'aria-live': 'polite'});
    document.body.append(box);
  }
  const note = h('div', {class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status', text: message});
  box.append(note);
  setTimeout(() => note.remove(), kind === 'error' ? 8000 : 4000);
}

/**
 * Asks before a change. Resolves true on confirm, false on cancel or Escape.
 * @param {{title: string, body: (string|Node)[], confirm: string, danger?: boolean}} what
 */
export function confirmChange(what) {
  return new Promise((resolve) => {
    const dialog = h('dialog', {class: 'dialog', 'aria-labelledby': 'confirm-title', 'data-testid': 'confirm-dialog'});
    const form = h('form', {method: 'dialog'},
      h('h2', {id: 'confirm-title', text: what.title}),
      append(h('div', {class: 'dialog-body'}), what.body),
      h('div', {class: 'dialog-actions'},
        h('button', {type: 'submit', value: 'cancel', class: 'btn', text: 'Cancel'}),
        h('button', {type: 'submit', value: 'confirm', class: what.danger ? 'btn btn-danger' : 'btn btn-primary',
          'data-testid': 'confirm', text: what.confirm})));
    dialog.append(form);
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Shows a page-level failure in place of the content (e.g. the DAG does not exist). */
export function showFailure(container, error) {
  container.replaceChildren(h('div', {class: 'empty error', role: 'alert'},
    h('h2', {text: error.status === 404 ? 'Not found' : 'Something went wrong'}),
    h('p', {text: error.message})));
}
