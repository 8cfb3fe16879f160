// Follows one try's log: asks the logs endpoint for what is new since its continuation token,
// appends it as text, and stops once the server says the log has ended. Switching tries starts
// over; an answer for a try that is no longer shown is dropped.
import {api, get, query} from './api.js';

/** Reads at most this many chunks per refresh, so a huge log cannot hold the page. */
const CHUNKS_PER_REFRESH = 8;

export class LogView {
  constructor(pre, status, follow) {
    this.pre = pre;
    this.status = status;
    this.follow = follow;
    this.path = null;
    this.generation = 0;
  }

  /** Shows another try's log from its start. */
  show(dagId, runId, taskId, tryNumber) {
    this.path = api('dags', dagId, 'dagRuns', runId, 'taskInstances', taskId, 'logs', String(tryNumber));
    this.tryNumber = tryNumber;
    this.token = null;
    this.ended = false;
    this.generation += 1;
    this.pre.replaceChildren();
    this.status.textContent = 'Loading…';
  }

  /** Reads what is new; call it on every refresh. */
  async poll() {
    const generation = this.generation;
    for (let i = 0; i < CHUNKS_PER_REFRESH && this.path && !this.ended; i++) {
      let chunk;
      try {
        chunk = await get(this.path + query({token: this.token}));
      } catch (error) {
        // A task marked by an operator without running has a try number but no try, hence no log.
        if (error.status !== 404 || generation !== this.generation) throw error;
        this.ended = true;
        this.status.textContent = `Try ${this.tryNumber} has no log`;
        return;
      }
      if (generation !== this.generation) return;
      this.token = chunk.continuation_token;
      this.ended = chunk.end_of_log;
      if (chunk.content) this.append(chunk.content);
      if (!chunk.content) break;
    }
    if (generation !== this.generation) return;
    this.status.textContent = this.ended ? `End of log (try ${this.tryNumber})` : 'Following live…';
    this.status.classList.toggle('live-dot', !this.ended);
    if (this.pre.childNodes.length === 0 && this.ended) this.pre.textContent = '(this try wrote nothing to its log)';
  }

  append(text) {
    const atBottom = this.pre.scrollTop + this.pre.clientHeight >= this.pre.scrollHeight - 4;
    this.pre.append(document.createTextNode(text));
    if (this.follow.checked && atBottom) this.pre.scrollTop = this.pre.scrollHeight;
  }
}
