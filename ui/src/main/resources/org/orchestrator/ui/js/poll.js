// Live updates: call a refresh function every few seconds, one call at a time, and not while the
// tab is hidden. A failing refresh shows "reconnecting" in the header and keeps trying.

/** Starts polling; returns {stop(), now()}: now() refreshes at once (after an action). */
export function every(ms, refresh) {
  let timer = null;
  let running = false;
  let stopped = false;

  async function tick() {
    clearTimeout(timer);
    if (stopped) return;
    if (running) return;
    running = true;
    try {
      if (!document.hidden) {
        await refresh();
        connection(true);
      }
    } catch (error) {
      connection(false, error);
    } finally {
      running = false;
      if (!stopped) timer = setTimeout(tick, ms);
    }
  }

  document.addEventListener('visibilitychange', () => { if (!document.hidden) tick(); });
  tick();
  return {
    stop() { stopped = true; clearTimeout(timer); },
    now() { return running ? Promise.resolve() : tick(); },
  };
}

function connection(ok, error) {
  const status = document.getElementById('live-status');
  if (!status) return;
  status.classList.toggle('offline', !ok);
  status.textContent = ok ? 'Live' : 'Reconnecting…';
  status.title = ok ? 'Updates every few seconds' : String(error && error.message || error);
}
