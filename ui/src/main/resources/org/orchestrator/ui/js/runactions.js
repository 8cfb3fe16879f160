// What an operator can do to one run from the DAG page: clear it whole or only its failed tasks
// (the dialog lists the task instances the server's dry run names), mark it success or failed,
// delete it, and edit its note. Each is one REST call, so each is one audited operation.
import {h} from './dom.js';
import {api, get, patch, post, request} from './api.js';
import {confirmChange, notify} from './shell.js';
import {badge} from './states.js';

/**
 * @param run a grid run {dag_run_id, state}
 * @param {{changed: Function, deleted: Function}} after called once an action went through
 * @returns the run's action buttons
 */
export function runActions(dagId, run, after) {
  const path = api('dags', dagId, 'dagRuns', run.dag_run_id);
  const button = (id, text, action, extra = {}) => h('button', {type: 'button', class: `btn btn-small ${extra.class || ''}`, id,
    text, disabled: extra.disabled, title: extra.title, on: {click: action}});
  const act = async (call, done) => {
    try {
      const result = await call();
      notify(done);
      return result;
    } catch (error) {
      notify(error.message, 'error');
      return null;
    }
  };
  const clearWhole = async () => {
    const preview = (await post(path + '/clear', {dry_run: true})).task_instances;
    if (!await confirmClear(`Clear run ${run.dag_run_id}?`, preview, 'Every finished task runs again.')) return;
    if (await act(() => post(path + '/clear', {dry_run: false}), `Cleared run ${run.dag_run_id}`)) after.changed();
  };
  const clearFailed = async () => {
    const form = {dag_run_id: run.dag_run_id, only_failed: true, include_downstream: true};
    const preview = (await post(api('dags', dagId, 'clearTaskInstances'), {...form, dry_run: true})).task_instances;
    if (!await confirmClear(`Clear the failed tasks of ${run.dag_run_id}?`, preview, 'Failed and upstream-failed tasks run again.')) return;
    if (await act(() => post(api('dags', dagId, 'clearTaskInstances'), {...form, dry_run: false}), `Cleared the failed tasks of ${run.dag_run_id}`)) after.changed();
  };
  const mark = async (state) => {
    const ok = await confirmChange({title: `Mark run ${run.dag_run_id} as ${state}?`, confirm: `Mark ${state}`, danger: state === 'failed',
      body: [h('p', {text: state === 'success' ? 'Every task not yet successful is marked success.'
        : 'Its active tasks are marked failed and those not started skipped.'})]});
    if (ok && await act(() => patch(path, {state}), `Marked run ${run.dag_run_id} as ${state}`)) after.changed();
  };
  const remove = async () => {
    const ok = await confirmChange({title: `Delete run ${run.dag_run_id}?`, confirm: 'Delete', danger: true,
      body: [h('p', {text: 'The run, its task instances and their tries are deleted. This cannot be undone.'})]});
    if (ok && await act(() => request('DELETE', path), `Deleted run ${run.dag_run_id}`) !== null) after.deleted(run);
  };
  const note = async () => {
    const current = (await get(path)).note || '';
    const text = h('textarea', {id: 'run-note-text', rows: 4, maxlength: 4000, 'aria-label': 'Note'});
    text.value = current;
    const ok = await confirmChange({title: `Note on ${run.dag_run_id}`, confirm: 'Save note', body: [text]});
    if (ok && await act(() => patch(path + '/setNote', {note: text.value}), 'Note saved')) after.changed();
  };
  return h('span', {class: 'run-actions', 'data-testid': 'run-actions'},
    button('clear-run', '↻ Clear run', clearWhole),
    button('clear-run-failed', '↻ Clear failed', clearFailed, {disabled: run.state !== 'failed', title: 'Only a failed run has failed tasks'}),
    button('mark-run-success', '✓ Mark success', () => mark('success'), {class: 'btn-success', disabled: run.state === 'success'}),
    button('mark-run-failed', '✗ Mark failed', () => mark('failed'), {class: 'btn-danger', disabled: run.state === 'failed'}),
    button('run-note', '✎ Note', note),
    button('delete-run', '🗑 Delete', remove, {class: 'btn-danger'}));
}

/** Asks before a clear, listing the task instances it will reset. */
function confirmClear(title, instances, explanation) {
  return confirmChange({title, confirm: `Clear ${instances.length}`, body: [h('p', {text: explanation}), affectedList(instances)]});
}

/** @returns the list of task instances an action will change (from a dry run), or a line saying there are none */
export function affectedList(instances) {
  if (instances.length === 0) return h('p', {class: 'muted', 'data-testid': 'affected-none', text: 'No task instance would change.'});
  return h('div', {class: 'affected'},
    h('p', {class: 'small', text: `${instances.length} task instance${instances.length === 1 ? '' : 's'}:`}),
    h('ul', {class: 'affected-list', 'data-testid': 'affected'}, instances.map((ti) => h('li', {'data-task-id': ti.task_id, 'data-run-id': ti.dag_run_id},
      h('code', {text: ti.task_id}), ' · ', ti.dag_run_id, ti.state !== undefined ? [' · ', badge(ti.state)] : null))));
}
