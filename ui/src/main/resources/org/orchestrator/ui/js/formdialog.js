// A dialog with a form built from field definitions, for the admin pages. The server's answer to a
// bad value (its problem+json detail) is shown in the dialog, which stays open to fix it.
import {h} from './dom.js';

/**
 * Opens the dialog. Resolves true once submit(values) succeeded, false on cancel.
 * @param {{title: string, fields: object[], values?: object, submit: (values: object) => Promise<void>,
 *          extra?: {text: string, testid: string, run: (values: object) => Promise<string>}}} what
 *   field: {name, label, type ('text', 'password', 'number', 'textarea', 'select'), options, hint, required, readonly}
 */
export function formDialog(what) {
  return new Promise((resolve) => {
    const inputs = Object.fromEntries(what.fields.map((f) => [f.name, input(f, what.values?.[f.name])]));
    const error = h('p', {class: 'field-error', role: 'alert', 'data-testid': 'form-error', hidden: true});
    const outcome = h('p', {class: 'form-outcome', role: 'status', 'data-testid': 'form-outcome'});
    const values = () => Object.fromEntries(Object.entries(inputs).map(([name, el]) => [name, el.value]));
    const extra = what.extra ? h('button', {type: 'button', class: 'btn', 'data-testid': what.extra.testid, text: what.extra.text,
      on: {click: async () => {
        outcome.textContent = 'Working…';
        try {
          outcome.textContent = await what.extra.run(values());
        } catch (e) {
          outcome.textContent = e.message;
        }
      }}}) : null;
    const cancel = h('button', {type: 'button', class: 'btn', text: 'Cancel'});
    const form = h('form', {novalidate: true},
      h('h2', {id: 'form-title', text: what.title}),
      h('div', {class: 'form-fields'}, what.fields.map((f) => h('div', {class: f.type === 'textarea' ? 'field field-wide' : 'field'},
        h('label', {for: `field-${f.name}`, text: f.label}), inputs[f.name], f.hint ? h('p', {class: 'hint', text: f.hint}) : null))),
      error, outcome,
      h('div', {class: 'dialog-actions'}, extra, cancel,
        h('button', {type: 'submit', class: 'btn btn-primary', 'data-testid': 'form-save', text: 'Save'})));
    const dialog = h('dialog', {class: 'dialog dialog-wide', 'aria-labelledby': 'form-title', 'data-testid': 'form-dialog'}, form);
    let saved = false;
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.hidden = true;
      try {
        await what.submit(values());
        saved = true;
        dialog.close();
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
      }
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(saved);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

function input(f, value) {
  const attrs = {id: `field-${f.name}`, name: f.name, 'data-testid': `field-${f.name}`, readonly: f.readonly, required: f.required,
    autocomplete: f.type === 'password' ? 'new-password' : 'off'};
  if (f.type === 'textarea') {
    const area = h('textarea', {...attrs, rows: 4, class: 'code-input', spellcheck: 'false'});
    area.value = value ?? '';
    return area;
  }
  if (f.type === 'select') {
    return h('select', attrs, f.options.map((o) => h('option', {value: o, selected: o === value, text: o})));
  }
  const el = h('input', {...attrs, type: f.type || 'text'});
  el.value = value ?? '';
  return el;
}

/** Shows a value once (a new API token) with a button to copy it; resolves when closed. */
export function showOnce(title, text, value) {
  return new Promise((resolve) => {
    const field = h('input', {readonly: true, class: 'code-input', 'data-testid': 'shown-once', value});
    const dialog = h('dialog', {class: 'dialog dialog-wide', 'aria-labelledby': 'once-title', 'data-testid': 'once-dialog'},
      h('form', {method: 'dialog'}, h('h2', {id: 'once-title', text: title}), h('p', {text}), field,
        h('div', {class: 'dialog-actions'}, h('button', {type: 'submit', class: 'btn btn-primary', text: 'Done'}))));
    dialog.addEventListener('close', () => { dialog.remove(); resolve(); });
    document.body.append(dialog);
    dialog.showModal();
    field.select();
  });
}
