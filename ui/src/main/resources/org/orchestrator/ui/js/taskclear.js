// Airflow's clear dialog for one task in one run: widen it to upstream / downstream tasks and to
// past / future runs, only failed ones or all; the dialog lists the task instances the server's
// dry run says the clear takes, and re-asks whenever an option changes.
import {h, replace} from './dom.js';
import {api, post} from './api.js';
import {confirmChange} from './shell.js';
import {affectedList} from './runactions.js';

const SCOPES = [
  ['upstream', 'include_upstream', 'Upstream tasks', false],
  ['downstream', 'include_downstream', 'Downstream tasks', true],
  ['past', 'include_past', 'Past runs', false],
  ['future', 'include_future', 'Future runs', false],
  ['only-failed', 'only_failed', 'Only failed', false],
];

/** @returns the clearTaskInstances form the operator confirmed (without dry_run), or null when cancelled */
export async function openTaskClear(dagId, runId, taskId) {
  const boxes = SCOPES.map(([id, field, label, checked]) => [field, h('input', {type: 'checkbox', id: `clear-${id}`, checked})]);
  // Unticked, the run reruns the DAG version it records; ticked, it records and runs the latest.
  const latest = h('input', {type: 'checkbox', id: 'clear-latest-version'});
  const preview = h('div', {class: 'clear-preview', 'data-testid': 'clear-preview', 'aria-live': 'polite'});
  const form = () => ({dag_run_id: runId, task_ids: [taskId], ...Object.fromEntries(boxes.map(([field, box]) => [field, box.checked])),
    run_on_latest_version: latest.checked});
  let asked = 0;
  const refresh = async () => {
    const mine = ++asked;
    preview.dataset.loading = 'true';
    try {
      const answer = await post(api('dags', dagId, 'clearTaskInstances'), {...form(), dry_run: true});
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
    title: `Clear ${taskId}?`,
    body: [h('p', {text: `The chosen task instances are reset and run again as new tries, on the DAG version each run records.`}),
      h('fieldset', {class: 'clear-scopes'}, h('legend', {text: 'Scope'}),
        boxes.map(([, box], i) => h('label', {class: 'check'}, box, ' ', SCOPES[i][2]))),
      h('label', {class: 'check'}, latest, ' Run on the latest version of the DAG (the run then records it)'),
      preview],
    confirm: 'Clear'});
  return ok ? form() : null;
}
