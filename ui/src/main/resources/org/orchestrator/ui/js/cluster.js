// The health page: database and scheduler status (from /api/v1/health), the cluster's nodes with
// their heartbeats, and each pool's slots in use. Refreshes every 2 s.
import {h, replace, byId} from './dom.js';
import {api, get} from './api.js';
import {startPage, showFailure} from './shell.js';
import {every} from './poll.js';
import {dateTime, relative} from './time.js';

async function refresh() {
  const [health, cluster] = await Promise.all([get(api('health')), get('/ui/api/cluster')]);
  replace(byId('health'),
    card('Metadatabase', health.metadatabase.status, 'answers queries'),
    card('Scheduler', health.scheduler.status, health.scheduler.latest_scheduler_heartbeat
      ? `last heartbeat ${relative(health.scheduler.latest_scheduler_heartbeat)}` : 'no heartbeat yet'),
    card('Nodes', `${cluster.nodes.filter((n) => n.alive).length} of ${cluster.nodes.length} alive`,
      `a node is dead after ${cluster.node_timeout_seconds}s without a heartbeat`));
  replace(byId('nodes'), table(['Node', 'Host', 'Roles', 'Started', 'Last heartbeat', 'Status'], cluster.nodes.map((n) => [
    h('code', {text: n.node_id}), n.host, n.roles, dateTime(n.started_at),
    h('span', {title: dateTime(n.heartbeat_at), text: relative(n.heartbeat_at)}),
    h('span', {class: `badge ${n.alive ? 'st-success' : 'st-failed'}`, text: n.alive ? 'alive' : 'dead'})])));
  replace(byId('pools'), table(['Pool', 'Slots used', 'Waiting', 'Description'], cluster.pools.map((p) => [
    h('code', {text: p.name}), h('span', {class: 'slots'}, usage(p.running, p.slots), `${p.running} / ${p.slots}`),
    String(p.waiting), p.description || ''])));
}

function card(title, status, detail) {
  const healthy = status === 'healthy' || /^(\d+) of \1 /.test(status);
  return h('div', {class: `card ${healthy ? 'card-ok' : 'card-bad'}`, 'data-testid': `health-${title.toLowerCase()}`},
    h('div', {class: 'meta-label', text: title}), h('div', {class: 'card-status', text: status}), h('div', {class: 'muted small', text: detail}));
}

function usage(used, slots) {
  const fill = h('span', {class: 'usage-fill'});
  fill.style.width = `${Math.min(100, slots ? used / slots * 100 : 0)}%`;
  return h('span', {class: 'usage', role: 'img', 'aria-label': `${used} of ${slots} slots used`}, fill);
}

function table(headers, rows) {
  if (rows.length === 0) return h('p', {class: 'muted', text: 'None.'});
  return h('div', {class: 'table-scroll'}, h('table', {class: 'table'},
    h('thead', {}, h('tr', {}, headers.map((t) => h('th', {scope: 'col', text: t})))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, c)))))));
}

try {
  await startPage('cluster');
  every(2000, refresh);
} catch (error) {
  showFailure(byId('health'), error);
}
