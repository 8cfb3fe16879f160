// The Calendar tab, as Airflow's: a year of days, one square each, coloured by the runs whose
// logical date falls on it (any failed run makes the day failed; then running, queued, success).
// Days are counted in the zone the times are shown in.
import {h, replace} from './dom.js';
import {api, fetchAll} from './api.js';
import {stateClass} from './states.js';
import {dateOnly, zoneLabel} from './time.js';

const DAY_MS = 86400000;
const WORST_FIRST = ['failed', 'running', 'queued', 'success'];

/** Reads the DAG's runs of the last year and draws them, one column per week. */
export async function renderCalendar(container, dagId) {
  const end = new Date();
  const start = new Date(end.getTime() - 371 * DAY_MS);
  const runs = await fetchAll(api('dags', dagId, 'dagRuns'), {logical_date_gte: start.toISOString(), order_by: 'logical_date'}, 'dag_runs');
  const byDay = new Map();
  for (const run of runs) {
    const day = dateOnly(run.logical_date);
    if (!byDay.has(day)) byDay.set(day, []);
    byDay.get(day).push(run.state);
  }
  const weeks = h('div', {class: 'calendar', 'data-testid': 'calendar', role: 'img',
    'aria-label': `Runs of ${dagId} per day over the last year (${zoneLabel()})`});
  // Start on the Sunday before, so each column is one week.
  const first = new Date(start.getTime() - start.getUTCDay() * DAY_MS);
  let column = null;
  for (let t = first.getTime(); t <= end.getTime(); t += DAY_MS) {
    const day = dateOnly(new Date(t).toISOString());
    if (!column || new Date(t).getUTCDay() === 0) {
      column = h('div', {class: 'calendar-week'});
      weeks.append(column);
    }
    column.append(dayCell(day, byDay.get(day) || []));
  }
  replace(container, h('p', {class: 'muted small', text: `${runs.length} runs in the last year, by logical date (${zoneLabel()}).`}), weeks);
}

function dayCell(day, states) {
  const worst = WORST_FIRST.find((s) => states.includes(s));
  const counts = WORST_FIRST.map((s) => [s, states.filter((x) => x === s).length]).filter(([, n]) => n);
  const label = `${day}: ${counts.length ? counts.map(([s, n]) => `${n} ${s}`).join(', ') : 'no runs'}`;
  return h('span', {class: `calendar-day ${worst ? stateClass(worst) : 'empty-day'}`, 'data-date': day, 'data-state': worst || 'none',
    title: label, 'aria-label': label});
}
