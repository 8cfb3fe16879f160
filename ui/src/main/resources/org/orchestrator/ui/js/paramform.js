// The trigger dialog's params form, generated from the DAG's params (details.params: each a JSON
// Schema, a default and a description): one input per param by its type, checked as the operator
// types (type, bounds, lengths, pattern, choices, required), and the server's field errors shown
// beside the field they name. The server checks the same schema again with a JSON Schema library.
import {h} from './dom.js';

/** @returns true when some param has a schema, so a form says more than the JSON editor */
export function hasTypedParams(details) {
  return Object.values(details.params || {}).some((p) => p.schema && Object.keys(p.schema).length > 0);
}

export class ParamsForm {
  constructor(params) {
    this.fields = new Map(Object.entries(params).map(([name, param]) => [name, field(name, param)]));
    this.element = h('div', {class: 'params-form', 'data-testid': 'params-form'},
      [...this.fields.values()].map((f) => f.element));
  }

  /** Calls listener whenever any input changes. */
  onInput(listener) {
    for (const f of this.fields.values()) f.input.addEventListener(f.kind === 'boolean' ? 'change' : 'input', listener);
  }

  /** Checks every field, marks each that is wrong, and @returns true when all are right. */
  check() {
    let ok = true;
    for (const f of this.fields.values()) {
      const {problem} = f.read();
      show(f, problem);
      ok = ok && !problem;
    }
    return ok;
  }

  /** @returns the conf the form says: every param given a value (an emptied optional one keeps its default) */
  conf() {
    const conf = {};
    for (const [name, f] of this.fields) {
      const {value, given} = f.read();
      if (given) conf[name] = value;
    }
    return conf;
  }

  /** Fills the inputs from a conf object (the JSON editor's); params it does not name get their default. */
  fill(conf) {
    for (const [name, f] of this.fields) f.write(name in conf ? conf[name] : f.param.value);
  }

  /** Shows the server's field errors ({field, message}); @returns the messages no field took */
  showServerErrors(errors) {
    const left = [];
    for (const error of errors) {
      const f = this.fields.get(String(error.field).split('/')[0]);
      if (f) show(f, error.message);
      else left.push(`${error.field}: ${error.message}`);
    }
    return left;
  }
}

function field(name, param) {
  const schema = param.schema || {};
  const kind = kindOf(schema);
  const id = 'param-' + name;
  const input = inputFor(kind, schema, id);
  const f = {param, kind, input, schema, required: param.required === true};
  f.error = h('p', {class: 'field-error', id: `${id}-error`, role: 'alert', hidden: true});
  const label = h('label', {for: id, text: schema.title || name});
  const hint = param.description ? h('p', {class: 'hint', text: param.description}) : null;
  input.setAttribute('aria-describedby', `${id}-error`);
  f.element = h('div', {class: 'field', 'data-param': name}, label, input, hint, f.error);
  f.read = () => read(f);
  f.write = (value) => write(f, value);
  f.write(param.value);
  return f;
}

function kindOf(schema) {
  if (Array.isArray(schema.enum)) return 'enum';
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'integer' || type === 'number' || type === 'boolean') return type;
  if (type === 'string') return schema.format === 'date' ? 'date' : 'string';
  return 'json';
}

function inputFor(kind, schema, id) {
  switch (kind) {
    case 'enum':
      return h('select', {id}, schema.enum.map((v) => h('option', {value: JSON.stringify(v), text: String(v)})));
    case 'boolean':
      return h('input', {id, type: 'checkbox'});
    case 'integer':
    case 'number':
      return h('input', {id, type: 'text', inputmode: kind === 'integer' ? 'numeric' : 'decimal', autocomplete: 'off'});
    case 'date':
      return h('input', {id, type: 'text', autocomplete: 'off', placeholder: 'YYYY-MM-DD'});
    case 'string':
      return h('input', {id, type: 'text', autocomplete: 'off'});
    default:
      return h('textarea', {id, rows: 3, spellcheck: 'false', class: 'code-input'});
  }
}

function write(f, value) {
  if (f.kind === 'boolean') f.input.checked = value === true;
  else if (f.kind === 'enum') f.input.value = JSON.stringify(value ?? f.schema.enum[0]);
  else if (f.kind === 'json') f.input.value = value === undefined || value === null ? '' : JSON.stringify(value);
  else f.input.value = value === undefined || value === null ? '' : String(value);
}

/** @returns {value, given, problem}: what the input holds as JSON, whether it says anything, and what is wrong */
function read(f) {
  if (f.kind === 'boolean') return {value: f.input.checked, given: true, problem: null};
  if (f.kind === 'enum') return {value: JSON.parse(f.input.value), given: true, problem: null};
  const text = f.input.value.trim();
  if (!text) return {value: null, given: false, problem: f.required ? 'Required: this param has no default' : null};
  const value = parse(f.kind, text);
  if (value.problem) return {value: null, given: true, problem: value.problem};
  return {value: value.value, given: true, problem: violation(f.schema, value.value)};
}

function parse(kind, text) {
  if (kind === 'integer' || kind === 'number') {
    const n = Number(text);
    if (Number.isNaN(n)) return {problem: 'Not a number'};
    if (kind === 'integer' && !Number.isInteger(n)) return {problem: 'Must be a whole number'};
    return {value: n};
  }
  if (kind === 'date') {
    return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) ? {value: text} : {problem: 'Not a date; write it like 2026-01-31'};
  }
  if (kind === 'json') {
    try {
      return {value: JSON.parse(text)};
    } catch (error) {
      return {problem: `Not valid JSON: ${error.message}`};
    }
  }
  return {value: text};
}

/** The schema's simple keywords, checked in the browser for quick feedback; the server checks them all. */
function violation(schema, value) {
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return `Must be at least ${schema.minimum}`;
    if (schema.maximum !== undefined && value > schema.maximum) return `Must be at most ${schema.maximum}`;
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) return `Must have at least ${schema.minLength} characters`;
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return `Must have at most ${schema.maxLength} characters`;
    if (schema.pattern !== undefined && !safeTest(schema.pattern, value)) return `Must match ${schema.pattern}`;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return `Must have at least ${schema.minItems} items`;
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return `Must have at most ${schema.maxItems} items`;
  }
  return null;
}

function safeTest(pattern, value) {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return true;
  }
}

function show(f, message) {
  f.error.hidden = !message;
  f.error.textContent = message || '';
  f.input.setAttribute('aria-invalid', message ? 'true' : 'false');
}
