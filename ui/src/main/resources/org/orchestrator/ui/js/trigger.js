// The trigger dialog: a JSON conf editor pre-filled with the DAG's params and their defaults,
// an optional run id and logical date, and errors shown beside the field they concern, both
// while typing (JSON syntax, the run id's characters) and from the server (400, 409). A DAG with
// typed params gets a form generated from them instead, with the JSON editor one click away.
import {h} from './dom.js';
import {api, post} from './api.js';
import {ParamsForm, hasTypedParams} from './paramform.js';

const RUN_ID = /^[A-Za-z0-9_.~:+-]{1,250}$/;

/** Opens the dialog; calls onTriggered(run) after the server created the run. */
export function openTrigger(details, onTriggered) {
  const defaults = Object.fromEntries(Object.entries(details.params || {}).map(([name, p]) => [name, p.value]));
  const field = (id, label, input, hint) => ({
    input, error: h('p', {class: 'field-error', id: `${id}-error`, role: 'alert', hidden: true}),
    label: h('label', {for: id, text: label}), hint: hint ? h('p', {class: 'hint', text: hint}) : null,
  });
  const conf = field('trigger-conf', 'Configuration (JSON object)', h('textarea', {id: 'trigger-conf', rows: 10, spellcheck: 'false',
    'aria-describedby': 'trigger-conf-error', class: 'code-input'}), 'Tasks read it as the run conf; params keep their defaults where it says nothing.');
  conf.input.value = JSON.stringify(defaults, null, 2);
  const runId = field('trigger-run-id', 'Run id (optional)', h('input', {id: 'trigger-run-id', autocomplete: 'off',
    placeholder: 'manual__<logical date>', 'aria-describedby': 'trigger-run-id-error'}));
  const date = field('trigger-date', 'Logical date (optional, UTC)', h('input', {id: 'trigger-date', autocomplete: 'off',
    placeholder: '2026-01-31T00:00:00Z', 'aria-describedby': 'trigger-date-error'}));
  const general = h('p', {class: 'field-error', role: 'alert', hidden: true, id: 'trigger-error'});
  const params = hasTypedParams(details) ? new ParamsForm(details.params) : null;
  const confBox = h('div', {class: 'field'}, conf.label, conf.input, conf.hint, conf.error);
  const mode = h('button', {type: 'button', class: 'btn btn-link', id: 'trigger-mode'});
  let useForm = params !== null;
  const submit = h('button', {type: 'submit', class: 'btn btn-primary', id: 'trigger-submit', text: 'Trigger'});
  const cancel = h('button', {type: 'button', class: 'btn', text: 'Cancel'});
  const form = h('form', {class: 'trigger-form', novalidate: true},
    h('h2', {id: 'trigger-title', text: `Trigger ${details.dag_id}`}),
    params ? mode : null, params ? params.element : null, confBox,
    [runId, date].map((f) => h('div', {class: 'field'}, f.label, f.input, f.hint, f.error)),
    general,
    h('div', {class: 'dialog-actions'}, cancel, submit));
  const dialog = h('dialog', {class: 'dialog dialog-wide', 'aria-labelledby': 'trigger-title', 'data-testid': 'trigger-dialog'}, form);

  const showMode = () => {
    confBox.hidden = useForm;
    if (params) params.element.hidden = !useForm;
    mode.textContent = useForm ? 'Edit as JSON' : 'Edit as form';
  };
  const check = () => {
    const formOk = useForm ? params.check() : true;
    show(conf, useForm ? null : confProblem(conf.input.value));
    const id = runId.input.value.trim();
    show(runId, id && !RUN_ID.test(id) ? 'Use 1–250 letters, digits or _ . ~ : + -' : null);
    const when = date.input.value.trim();
    show(date, when && Number.isNaN(Date.parse(when)) ? 'Not a date; write it like 2026-01-31T00:00:00Z' : null);
    show({input: null, error: general}, null);
    submit.disabled = !formOk || [conf, runId, date].some((f) => !f.error.hidden);
  };
  for (const f of [conf, runId, date]) f.input.addEventListener('input', check);
  if (params) params.onInput(check);
  // Switching carries the values across: the form's conf into the editor, the editor's (when it parses) into the form.
  mode.addEventListener('click', () => {
    if (useForm) conf.input.value = JSON.stringify(params.conf(), null, 2);
    else if (confProblem(conf.input.value)) return check();
    else params.fill(JSON.parse(conf.input.value));
    useForm = !useForm;
    showMode();
    check();
  });
  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    check();
    if (submit.disabled) return;
    submit.disabled = true;
    try {
      const body = {conf: useForm ? params.conf() : JSON.parse(conf.input.value)};
      if (runId.input.value.trim()) body.dag_run_id = runId.input.value.trim();
      if (date.input.value.trim()) body.logical_date = date.input.value.trim();
      const run = await post(api('dags', details.dag_id, 'dagRuns'), body);
      dialog.close();
      onTriggered(run);
    } catch (error) {
      const fieldErrors = error.problem?.errors || [];
      if (useForm && fieldErrors.length) {
        const left = params.showServerErrors(fieldErrors);
        show({input: null, error: general}, left.length ? left.join('; ') : null);
      } else {
        show(fieldFor(error, {conf, runId, date}) || {input: null, error: general}, error.message);
      }
      submit.disabled = false;
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  showMode();
  (useForm ? params.element.querySelector('input, select, textarea') || conf.input : conf.input).focus();
  check();
}

/** @returns what is wrong with the conf text, or null */
function confProblem(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `Not valid JSON: ${error.message}`;
  }
  return value === null || typeof value !== 'object' || Array.isArray(value) ? 'The conf must be a JSON object, like {"key": "value"}' : null;
}

/** @returns the field a server error is about, from the name it quotes */
function fieldFor(error, fields) {
  const detail = error.message || '';
  if (error.status === 409 || detail.includes('dag_run_id')) return fields.runId.input.value.trim() ? fields.runId : null;
  if (detail.includes('logical_date') || detail.includes('execution_date')) return fields.date;
  if (detail.includes('conf')) return fields.conf;
  return null;
}

function show(field, message) {
  field.error.hidden = !message;
  field.error.textContent = message || '';
  if (field.input) field.input.setAttribute('aria-invalid', message ? 'true' : 'false');
}
