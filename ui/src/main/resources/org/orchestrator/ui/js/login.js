// The login form posts normally (it works without scripts); this only adds the error message and
// remembers where the user was going.
import {byId} from './dom.js';

const params = new URLSearchParams(location.search);
byId('next').value = params.get('next') || '/dags';
const errors = {
  invalid: () => 'Wrong user name or password.',
  throttled: () => `Too many failed logins. Try again in ${Number(params.get('retry')) || 60} seconds.`,
};
const message = errors[params.get('error')];
if (message) {
  const error = byId('login-error');
  error.textContent = message();
  error.hidden = false;
}
byId('username').focus();
