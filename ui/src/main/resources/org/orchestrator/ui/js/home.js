// The on-call home page: what needs attention now. Failed runs of the last 24 h (and which DAGs
// they hit), runs going on, late runs, pools with work waiting, import errors, and the health of
// the database, scheduler and nodes. Every number links to the page that shows the detail.
import {h, replace, byId} from './dom.js';
import {api, get, query} from './api.js';
import {startPage, showFailure} from './shell.js';
import {every} from './poll.js';
import {badge} from './states.js';
import {dateTime, relative} from './time.js';
import {itemTable, dagLink, runLink} from './table.js';

const DAY_MS = 24 * 3600 * 1000;

async function refresh() {
  const since = new Date(Date.now() - DAY_MS).toISOString();
  const [failed, running, pools, errors, health, late, cluster] = await Promise.all([
    get(api('dags', '~', 'dagRuns') + query({state: 'failed', end_date_gte: since, order_by: '-end_date', limit: 50})),
    get(api('dags', '~', 'dagRuns') + query({state: 'running', order_by: '-start_date', limit: 50})),
    get(api('pools') + query({limit: 1000})),
    get(api('importErrors') + query({limit: 20})),
    get(api('health')),
    get(api('slaMisses') + query({limit: 50})),
    get('/ui/api/cluster')]);
  const lateToday = late.sla_misses.filter((m) => new Date(m.sla_missed_at) >= new Date(since));
  const alive = cluster.nodes.filter((n) => n.alive).length;
  const failingDags = new Set(failed.dag_runs.map((r) => r.dag_id));
  const pressed = pools.pools.filter((p) => p.queued_slots > 0 || (p.slots > 0 && p.open_slots === 0));
  replace(byId('summary'),
    card('Failed runs', `${failed.total_entries}`, `in ${failingDags.size} DAG(s), last 24 h`, failed.total_entries === 0, '/browse/runs?state=failed'),
    card('Running', `${running.total_entries}`, 'runs going on now', true, '/browse/runs?state=running'),
    card('Import errors', `${errors.total_entries}`, 'DAG files that failed to load', errors.total_entries === 0, '/import-errors'),
    card('Pools', `${pressed.length} under pressure`, 'with tasks waiting for a slot', pressed.length === 0, '/cluster'),
    card('SLA misses', `${lateToday.length}`, 'runs late for their SLA, last 24 h', lateToday.length === 0, '/browse/sla-misses'),
    card('Nodes', `${alive} of ${cluster.nodes.length} alive`, 'heartbeating cluster members', alive === cluster.nodes.length, '/cluster'),
    card('Scheduler', health.scheduler.status, health.scheduler.latest_scheduler_heartbeat
      ? `last heartbeat ${relative(health.scheduler.latest_scheduler_heartbeat)}` : 'no heartbeat yet',
    health.scheduler.status === 'healthy' && health.metadatabase.status === 'healthy', '/cluster'));
  replace(byId('failed'), itemTable(['DAG', 'Run', 'State', 'Ended'], failed.dag_runs.map((r) =>
    [dagLink(r.dag_id), runLink(r.dag_id, r.dag_run_id), badge(r.state), dateTime(r.end_date)]), 'home-failed'));
  replace(byId('running'), itemTable(['DAG', 'Run', 'Started'], running.dag_runs.map((r) =>
    [dagLink(r.dag_id), runLink(r.dag_id, r.dag_run_id), `${dateTime(r.start_date)} (${relative(r.start_date)})`]), 'home-running'));
  replace(byId('pressure'), itemTable(['Pool', 'Slots', 'Running', 'Queued', 'Open'], pools.pools.map((p) =>
    [h('code', {text: p.name}), String(p.slots), String(p.running_slots), String(p.queued_slots), String(p.open_slots)]), 'home-pools'));
  replace(byId('home-errors'), itemTable(['File', 'Since'], errors.import_errors.map((e) =>
    [h('a', {href: '/import-errors', text: e.filename}), dateTime(e.timestamp)]), 'home-errors'));
}

function card(title, status, detail, ok, href) {
  return h('a', {class: `card ${ok ? 'card-ok' : 'card-bad'}`, href, 'data-testid': `home-card-${title.toLowerCase().replace(/ /g, '-')}`},
    h('div', {class: 'meta-label', text: title}), h('div', {class: 'card-status', text: status}),
    h('div', {class: 'muted small', text: detail}));
}

try {
  await startPage('home');
  every(5000, refresh);
} catch (error) {
  showFailure(byId('summary'), error);
}
