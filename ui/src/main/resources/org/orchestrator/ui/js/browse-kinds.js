// What each browse page lists: its API call, its filters (kept in the URL's query, so a filtered
// page can be bookmarked and shared) and its columns.
import {h} from './dom.js';
import {api, get, query} from './api.js';
import {badge} from './states.js';
import {dateTime, duration, secondsBetween} from './time.js';
import {dagLink, runLink, taskLink} from './table.js';

const RUN_STATES = ['queued', 'running', 'success', 'failed'];
const TASK_STATES = ['success', 'failed', 'running', 'queued', 'scheduled', 'up_for_retry', 'upstream_failed', 'skipped',
  'removed'];

const dagFilter = {name: 'dag_id', label: 'DAG id'};
const anyDag = (f) => f.dag_id || '~';

export const KINDS = {
  'runs': {
    title: 'DAG runs', intro: 'Every run of every DAG, newest first.', key: 'dag_runs',
    filters: [dagFilter, {name: 'state', label: 'State', options: RUN_STATES},
      {name: 'start_date_gte', label: 'Started after', type: 'date'}],
    fetch: (f, page) => get(api('dags', anyDag(f), 'dagRuns') + query({state: f.state || null,
      start_date_gte: day(f.start_date_gte), order_by: '-id', ...page})),
    heads: ['DAG', 'Run', 'Type', 'State', 'Logical date', 'Started', 'Duration'],
    row: (r) => [dagLink(r.dag_id), runLink(r.dag_id, r.dag_run_id), r.run_type, badge(r.state), dateTime(r.logical_date),
      dateTime(r.start_date), duration(secondsBetween(r.start_date, r.end_date))],
  },
  'task-instances': {
    title: 'Task instances', intro: 'Task instances across every DAG and run, newest first.', key: 'task_instances',
    filters: [dagFilter, {name: 'task_id', label: 'Task id'}, {name: 'state', label: 'State', options: TASK_STATES},
      {name: 'pool', label: 'Pool'}],
    fetch: (f, page) => get(api('dags', anyDag(f), 'dagRuns', '~', 'taskInstances') + query({state: f.state || null,
      task_ids: f.task_id || null, pool: f.pool || null, order_by: '-id', ...page})),
    heads: ['DAG', 'Run', 'Task', 'State', 'Try', 'Started', 'Duration', 'Pool'],
    row: (t) => [dagLink(t.dag_id), runLink(t.dag_id, t.dag_run_id), taskLink(t.dag_id, t.dag_run_id, t.task_id),
      badge(t.state), String(t.try_number ?? ''), dateTime(t.start_date), duration(t.duration), t.pool || ''],
  },
  'audit-log': {
    title: 'Audit log', intro: 'Every change made through the API, the dashboard or the CLI, newest first.',
    key: 'event_logs',
    filters: [dagFilter, {name: 'event', label: 'Event (e.g. patch_dag)'}, {name: 'owner', label: 'User'}],
    fetch: (f, page) => get(api('eventLogs') + query({dag_id: f.dag_id || null, ...eventFilter(f.event),
      owner: f.owner || null, order_by: '-event_log_id', ...page})),
    heads: ['When', 'Event', 'User', 'DAG', 'Run', 'Task', 'Details'],
    row: (e) => [dateTime(e.when), h('code', {text: e.event}), e.owner || '', dagLink(e.dag_id), runLink(e.dag_id, e.run_id),
      taskLink(e.dag_id, e.run_id, e.task_id), h('span', {class: 'prewrap small', text: e.extra || ''})],
  },
  'xcoms': {
    title: 'XComs', intro: 'Values tasks pushed for their downstream tasks, newest run first. Secrets are shown masked.',
    key: 'xcom_entries',
    filters: [dagFilter, {name: 'task_id', label: 'Task id'}, {name: 'xcom_key', label: 'Key'}],
    fetch: (f, page) => get(api('dags', anyDag(f), 'dagRuns', '~', 'taskInstances', f.task_id || '~', 'xcomEntries')
      + query({xcom_key: f.xcom_key || null, ...page})),
    heads: ['DAG', 'Run', 'Task', 'Key', 'Value'],
    row: (x) => [dagLink(x.dag_id), runLink(x.dag_id, x.dag_run_id), taskLink(x.dag_id, x.dag_run_id, x.task_id),
      h('code', {text: x.key}), valueButton(x)],
  },
  'sla-misses': {
    title: 'SLA misses', intro: 'Runs still unfinished when their DAG\u2019s SLA ran out, latest miss first.', key: 'sla_misses',
    filters: [dagFilter],
    fetch: (f, page) => get(api('slaMisses') + query({dag_id: f.dag_id || null, ...page})),
    heads: ['DAG', 'Run', 'Logical date', 'State', 'Missed at'],
    row: (m) => [dagLink(m.dag_id), runLink(m.dag_id, m.dag_run_id), dateTime(m.logical_date), badge(m.state),
      dateTime(m.sla_missed_at)],
  },
};

/** 'api.post_pool' as typed; 'post_pool' from the API or the CLI alike */
function eventFilter(event) {
  if (!event) return {};
  return event.includes('.') ? {event} : {included_events: `api.${event},cli.${event}`};
}

/** '2026-01-31' from a date input, as the start of that day in UTC */
function day(value) {
  return value ? `${value}T00:00:00Z` : null;
}

// Values can be large: each is fetched only when asked for, and shown as text.
function valueButton(x) {
  const cell = h('div', {class: 'xcom-value'});
  const show = h('button', {type: 'button', class: 'btn btn-quiet', 'data-testid': 'xcom-show', text: 'Show', on: {click: async () => {
    const entry = await get(api('dags', x.dag_id, 'dagRuns', x.dag_run_id, 'taskInstances', x.task_id, 'xcomEntries', x.key));
    cell.replaceChildren(h('pre', {class: 'log small', 'data-testid': 'xcom-value', text: entry.value}));
  }}});
  cell.append(show);
  return cell;
}
