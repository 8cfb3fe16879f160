// Airflow's clear and mark dialogs for one task in one run: widen the action to upstream /
// downstream tasks and to past / future runs (a clear also to only failed ones); the dialog lists
// the task instances the server's dry run says the action takes, and asks again whenever an
// option changes.
import {h, replace} from './dom.js';
import {api, post} from './api.js';
import {confirmChange} from './shell.js';
import {affectedList} from './runactions.js';

const WIDEN = [
  ['upstream', 'include_upstream', 'Upstream tasks', false],
  ['downstream', 'include_downstream', 'Downstream tasks', true],
  ['past', 'include_past', 'Past runs', false],
  ['future', 'include_future', 'Future runs', false],
];

/** @returns the clearTaskInstances form the operator confirmed (without dry_run), or null when cancelled */
export async function openTaskClear(dagId, runId, taskId) {
  // Unticked, the run reruns the DAG version it records; ticked, it records and runs the latest.
  const latest = h('input', {type: 'checkbox', id: 'clear-latest-version'});
  const form = await openScoped({dagId, idPrefix: 'clear', endpoint: 'clearTaskInstances',
    scopes: [...WIDEN, ['only-failed', 'only_failed', 'Only failed', false]],
    base: () => ({dag_run_id: runId, task_ids: [taskId], run_on_latest_version: latest.checked}),
    title: `Clear ${taskId}?`, confirm: 'Clear',
    intro: 'The chosen task instances are reset and run again as new tries, on the DAG version each run records.',
    extra: h('label', {class: 'check'}, latest, ' Run on the latest version of the DAG (the run then records it)')});
  return form;
}

/** @returns the updateTaskInstancesState form the operator confirmed (without dry_run), or null when cancelled */
export function openTaskMark(dagId, runId, taskId, newState) {
  return openScoped({dagId, idPrefix: 'mark', endpoint: 'updateTaskInstancesState',
    scopes: WIDEN.map(([id, field, label]) => [id, field, label, false]),
    base: () => ({dag_run_id: runId, task_id: taskId, new_state: newState}),
    title: `Mark ${taskId} as ${newState}?`, confirm: `Mark ${newState}`, danger: newState === 'failed',
    intro: `The chosen task instances are not run; their runs carry on as if they had ${newState === 'success' ? 'succeeded' : 'failed'}.`});
}

async function openScoped(what) {
  const boxes = what.scopes.map(([id, field, , checked]) => [field, h('input', {type: 'checkbox', id: `${what.idPrefix}-${id}`, checked})]);
  const preview = h('div', {class: 'clear-preview', 'data-testid': `${what.idPrefix}-preview`, 'aria-live': 'polite'});
  const form = () => ({...what.base(), ...Object.fromEntries(boxes.map(([field, box]) => [field, box.checked]))});
  const path = api('dags', what.dagId, what.endpoint);
  let asked = 0;
  const refresh = async () => {
    const mine = ++asked;
    preview.dataset.loading = 'true';
    try {
      const answer = await post(path, {...form(), dry_run: true});
      if (mine === asked) replace(preview, affectedList(answer.task_instances));
    } catch (error) {
      if (mine === asked) replace(preview, h('p', {class: 'field-error', text: error.message}));
    } finally {
      if (mine === asked) delete preview.dataset.loading;
    }
  };
  for (const [, box] of boxes) box.addEventListener('change', refresh);
  refresh();
  const ok = await confirmChange({
    title: what.title, confirm: what.confirm, danger: what.danger,
    body: [h('p', {text: what.intro}),
      h('fieldset', {class: 'clear-scopes'}, h('legend', {text: 'Scope'}),
        boxes.map(([, box], i) => h('label', {class: 'check'}, box, ' ', what.scopes[i][2]))),
      what.extra || null, preview]});
  return ok ? form() : null;
}
