// What each admin page manages: how it lists, the fields of its form, and the API calls that
// create, change and delete (each one audited by the server). Secrets are write-only: a password
// is never shown, and an empty password field keeps the stored one.
import {h} from './dom.js';
import {api, get, post, patch, query, request} from './api.js';
import {dateTime} from './time.js';

const del = (path) => request('DELETE', path);
const MASK = '***';

/** Drops empty strings, so a field left empty keeps what is stored. */
function filled(values) {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
}

const usage = (p) => h('span', {class: 'slots', 'data-testid': 'pool-usage',
  text: `${p.running_slots} running · ${p.queued_slots} queued · ${p.open_slots} open`});

function connectionBody(v) {
  const body = filled(v);
  if (body.port !== undefined) body.port = Number(body.port);
  return body;
}

export const KINDS = {
  connections: {
    title: 'Connections', key: 'connections', id: (c) => c.connection_id, noun: 'connection',
    intro: 'Where tasks connect to, by id. Passwords are encrypted at rest and never shown; leave the field empty to keep it.',
    list: (page) => get(api('connections') + query(page)),
    heads: ['Id', 'Type', 'Host', 'Port', 'Schema', 'Login', 'Description'],
    row: (c) => [h('code', {text: c.connection_id}), c.conn_type, c.host || '', c.port ?? '', c.schema || '', c.login || '', c.description || ''],
    fields: (editing) => [
      {name: 'connection_id', label: 'Connection id', required: true, readonly: editing},
      {name: 'conn_type', label: 'Type', required: true, hint: 'e.g. postgres, h2, http, https'},
      {name: 'host', label: 'Host'}, {name: 'port', label: 'Port', type: 'number'}, {name: 'schema', label: 'Schema'},
      {name: 'login', label: 'Login'},
      {name: 'password', label: 'Password', type: 'password', hint: editing ? 'Leave empty to keep the stored password.' : null},
      {name: 'extra', label: 'Extra (JSON object)', type: 'textarea'}, {name: 'description', label: 'Description'}],
    load: (c) => get(api('connections', c.connection_id)),
    create: (v) => post(api('connections'), connectionBody(v)),
    update: (c, v) => patch(api('connections', c.connection_id), connectionBody(v)),
    remove: (c) => del(api('connections', c.connection_id)),
    test: {text: 'Test', testid: 'connection-test', run: async (v) => {
      const result = await post(api('connections', 'test'), connectionBody(v));
      return `${result.status ? 'OK' : 'Failed'}: ${result.message}`;
    }},
  },
  variables: {
    title: 'Variables', key: 'variables', id: (v) => v.key, noun: 'variable',
    intro: 'Settings tasks read by key. Values whose key looks secret (password, token, secret, key…) are shown masked.',
    list: async (page) => {
      const listed = await get(api('variables') + query(page));
      listed.variables = await Promise.all(listed.variables.map((v) => get(api('variables', v.key))));
      return listed;
    },
    heads: ['Key', 'Value', 'Description'],
    row: (v) => [h('code', {text: v.key}), h('span', {class: 'prewrap', 'data-testid': 'variable-value', text: v.value}), v.description || ''],
    fields: (editing) => [
      {name: 'key', label: 'Key', required: true, readonly: editing},
      {name: 'value', label: 'Value', type: 'textarea', hint: editing ? 'A masked value stays as it is while this is empty.' : null},
      {name: 'description', label: 'Description'}],
    load: async (v) => (v.value === MASK ? {...v, value: '', masked: true} : v),
    create: (v) => post(api('variables'), v),
    update: (old, v) => patch(api('variables', old.key), old.masked && v.value === '' ? {description: v.description} : v),
    remove: (v) => del(api('variables', v.key)),
  },
  pools: {
    title: 'Pools', key: 'pools', id: (p) => p.name, noun: 'pool',
    intro: 'Named slot counts that cap how many task instances run at once. Resize a pool to change its slots.',
    list: (page) => get(api('pools') + query(page)),
    heads: ['Pool', 'Slots', 'Use', 'Description'],
    row: (p) => [h('code', {text: p.name}), String(p.slots), usage(p), p.description || ''],
    fields: (editing) => [
      {name: 'name', label: 'Name', required: true, readonly: editing},
      {name: 'slots', label: 'Slots', type: 'number', required: true},
      {name: 'description', label: 'Description'}],
    load: async (p) => ({...p, slots: String(p.slots)}),
    create: (v) => post(api('pools'), {...v, slots: Number(v.slots)}),
    update: (old, v) => patch(api('pools', old.name), {...v, slots: Number(v.slots)}),
    remove: (p) => del(api('pools', p.name)),
  },
  users: {
    title: 'Users and roles', key: 'users', id: (u) => u.username, noun: 'user',
    intro: 'Who may log in, and with which role. Roles: viewer reads; op also triggers, clears, marks and pauses; admin also manages everything here.',
    list: (page) => get(api('users') + query(page)),
    heads: ['User', 'Role', 'May'],
    row: (u) => [h('code', {text: u.username}), u.roles[0]?.name || '', u.roles[0]?.description || ''],
    fields: (editing) => [
      {name: 'username', label: 'Username', required: true, readonly: editing},
      editing ? null : {name: 'password', label: 'Password', type: 'password', required: true},
      {name: 'role', label: 'Role', type: 'select', options: ['viewer', 'op', 'admin']}].filter(Boolean),
    load: async (u) => ({username: u.username, role: u.roles[0]?.name}),
    create: (v) => post(api('users'), v),
    update: (old, v) => patch(api('users', old.username), {role: v.role}),
    remove: (u) => del(api('users', u.username)),
  },
  tokens: {
    title: 'API tokens', key: 'tokens', id: (t) => String(t.token_id), noun: 'token',
    intro: 'Tokens scripts send as "Authorization: Bearer …". A token is shown once, when it is created; revoke it when it leaks or is no longer needed.',
    list: () => get(api('tokens')),
    heads: ['Id', 'Starts with', 'User', 'Name', 'Created', 'Revoked'],
    row: (t) => [String(t.token_id), h('code', {text: t.prefix}), t.username, t.name || '', dateTime(t.created_at),
      t.revoked_at ? dateTime(t.revoked_at) : h('span', {class: 'badge st-success', text: 'active'})],
    fields: () => [
      {name: 'name', label: 'What it is for'},
      {name: 'username', label: 'User it acts as', hint: 'Leave empty for yourself.'}],
    create: (v) => post(api('tokens'), filled(v)),
    removeText: 'Revoke',
    removable: (t) => !t.revoked_at,
    remove: (t) => del(api('tokens', String(t.token_id))),
  },
};
