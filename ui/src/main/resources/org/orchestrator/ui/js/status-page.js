// The not-found and forbidden pages: their text is static HTML (nothing from the request is
// written into them); this only draws the usual top bar when the browser has a session.
import {startPage} from './shell.js';

try {
  // A quiet probe first: a page that is not there must not bounce a logged-out visitor to the login form.
  const probe = await fetch('/ui/session', {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  if (probe.ok) await startPage(null);
} catch {
  // The static top bar stays; the page still says what happened.
}
