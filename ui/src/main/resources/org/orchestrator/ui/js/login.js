// The login form posts normally (it works without scripts); this only adds the error message and
// remembers where the user was going.
import {byId} from './dom.js';

const params = new URLSearchParams(location.search);
byId('next').value = params.get('next') || '/dags';
if (params.get('error') === 'invalid') {
  const error = byId('login-error');
  error.textContent = 'Wrong user name or password.';
  error.hidden = false;
}
byId('username').focus();
