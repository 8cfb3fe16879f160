// A DAG's schedule as words and as an expression, from the API's schedule_interval object.
import {h} from './dom.js';
import {duration} from './time.js';

/** @returns the expression: a cron line or preset, 'every 1h 00m' for an interval, 'None' for manual only */
export function expression(interval) {
  if (!interval) return 'None';
  if (interval.__type === 'CronExpression') return interval.value;
  if (interval.__type === 'TimeDelta') {
    return 'every ' + duration(interval.days * 86400 + interval.seconds + interval.microseconds / 1e6);
  }
  return JSON.stringify(interval);
}

/** @returns the schedule in words with its expression as code below */
export function scheduleCell(dag) {
  return h('div', {class: 'schedule'},
    h('span', {text: dag.timetable_description || ''}),
    h('code', {text: expression(dag.schedule_interval)}));
}
