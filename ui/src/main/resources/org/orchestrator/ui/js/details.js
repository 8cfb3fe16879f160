// The Details tab: what the DAG's definition says (schedule, catchup, dates, limits, params with
// their defaults, owner, tags, file), a table of its tasks with their settings, and a place for
// the version history (versions.js fills it).
import {h, replace} from './dom.js';
import {dateTime, duration} from './time.js';
import {expression} from './schedule.js';

export function renderDetails(container, details, tasks) {
  const rows = [
    ['Schedule', `${details.timetable_description || ''} (${expression(details.schedule_interval)})`],
    ['Timezone', details.timezone],
    ['Catchup', details.catchup ? 'yes' : 'no'],
    ['Start date', dateTime(details.start_date) || '—'],
    ['End date', dateTime(details.end_date) || '—'],
    ['Max active runs', details.max_active_runs],
    ['Max active tasks', details.max_active_tasks],
    ['Owner', details.owners.join(', ')],
    ['Tags', details.tags.map((t) => t.name).join(', ') || '—'],
    ['File', details.fileloc || '—'],
    ['Last parsed', dateTime(details.last_parsed_time) || '—'],
  ];
  replace(container,
    h('div', {class: 'details'},
      h('section', {},
        h('h2', {text: 'DAG'}),
        h('dl', {class: 'facts'}, rows.map(([k, v]) => [h('dt', {text: k}), h('dd', {text: v ?? '—'})])),
        details.description ? [h('h3', {text: 'Description'}), h('p', {class: 'prewrap', 'data-testid': 'details-description', text: details.description})] : null,
        doc('Documentation', details.doc_html, 'dag-doc')),
      h('section', {},
        h('h2', {text: 'Params'}),
        paramsTable(details.params)),
      h('section', {class: 'wide'},
        h('h2', {text: `Tasks (${tasks.length})`}),
        tasksTable(tasks),
        tasks.filter((t) => t.doc_html).map((t) => doc(t.task_id, t.doc_html, `task-doc-${t.task_id}`))),
      h('section', {class: 'wide'},
        h('h2', {text: 'Version history'}),
        h('div', {id: 'versions'}, h('p', {class: 'muted', text: 'Loading…'})))));
}

// The one place markup goes in as HTML: the server rendered the author's Markdown (doc_md) with
// raw HTML escaped and unsafe URLs dropped (http/api/Markdown.java), and the CSP forbids inline
// scripts besides. Everything else on the page stays text.
function doc(title, html, testId) {
  if (!html) return null;
  const body = h('div', {class: 'markdown', 'data-testid': testId});
  body.innerHTML = html;
  return [h('h3', {text: title}), body];
}

function paramsTable(params) {
  const entries = Object.entries(params || {});
  if (entries.length === 0) return h('p', {class: 'muted', text: 'This DAG takes no params.'});
  return h('table', {class: 'table'},
    h('thead', {}, h('tr', {}, h('th', {text: 'Name'}), h('th', {text: 'Default'}))),
    h('tbody', {}, entries.map(([name, param]) => h('tr', {},
      h('td', {}, h('code', {text: name})), h('td', {}, h('code', {text: JSON.stringify(param.value)}))))));
}

function tasksTable(tasks) {
  const delay = (d) => (d ? duration(d.days * 86400 + d.seconds) : '—');
  return h('div', {class: 'table-scroll'}, h('table', {class: 'table'},
    h('thead', {}, h('tr', {}, ['Task', 'Type', 'Upstream', 'Trigger rule', 'Retries', 'Retry delay', 'Timeout', 'Pool', 'Priority']
      .map((t) => h('th', {scope: 'col', text: t})))),
    h('tbody', {}, tasks.map((t) => h('tr', {},
      h('td', {}, h('code', {text: t.task_id})),
      h('td', {text: t.class_ref.class_name}),
      h('td', {text: t.upstream_task_ids.join(', ') || '—'}),
      h('td', {text: t.trigger_rule}),
      h('td', {text: t.retries}),
      h('td', {text: delay(t.retry_delay)}),
      h('td', {text: delay(t.execution_timeout)}),
      h('td', {text: t.pool}),
      h('td', {text: t.priority_weight}))))));
}
