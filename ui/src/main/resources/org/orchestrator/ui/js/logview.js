// Follows one try's log. The log as it is now comes from the logs endpoint in one read; if the try
// is still running, the server then pushes each new piece over server-sent events (…/stream),
// resuming from the last byte received, until it sends `end`. Switching tries closes the stream;
// an event for a try that is no longer shown is dropped. Each line is its own element, so WARN and
// ERROR lines stand out and a search can show only the lines that hold it.
import {api, get, query} from './api.js';

export class LogView {
  constructor(pre, status, follow) {
    this.pre = pre;
    this.status = status;
    this.follow = follow;
    this.path = null;
    this.source = null;
    this.generation = 0;
    this.partial = '';
    this.partialEl = null;
    this.needle = '';
  }

  /** Shows only the lines holding this text (any case); empty shows every line. @returns how many lines match */
  search(text) {
    this.needle = text.toLowerCase();
    let matches = 0;
    for (const line of this.pre.children) matches += this.mark(line) ? 1 : 0;
    return matches;
  }

  mark(line) {
    const hit = !this.needle || line.textContent.toLowerCase().includes(this.needle);
    line.classList.toggle('log-hidden', !hit);
    return hit && Boolean(this.needle);
  }

  /** Shows another try's log from its start. */
  /** @param mapIndex the instance of a mapped task, or null */
  show(dagId, runId, taskId, tryNumber, mapIndex = null) {
    this.closeStream();
    this.path = api('dags', dagId, 'dagRuns', runId, 'taskInstances', taskId, 'logs', String(tryNumber));
    this.mapIndex = mapIndex;
    this.tryNumber = tryNumber;
    this.offset = null;
    this.ended = false;
    this.partial = '';
    this.partialEl = null;
    this.generation += 1;
    this.pre.replaceChildren();
    this.status.textContent = 'Loading…';
  }

  /** Starts following if it is not already; call it on every refresh (a stream that dropped is reopened). */
  async poll() {
    if (!this.path || this.ended || this.source) return;
    if (this.offset === null) {
      await this.readOnce();
      if (this.ended) return;
    }
    this.openStream();
  }

  /** The log so far, in one read; a 404 means the try never ran (marked by an operator), so there is no log. */
  async readOnce() {
    const generation = this.generation;
    let chunk;
    try {
      chunk = await get(this.path + query({map_index: this.mapIndex}));
    } catch (error) {
      if (error.status !== 404 || generation !== this.generation) throw error;
      this.finish(`Try ${this.tryNumber} has no log`);
      return;
    }
    if (generation !== this.generation) return;
    this.offset = tokenOffset(chunk.continuation_token);
    if (chunk.content) this.append(chunk.content);
    if (chunk.end_of_log) this.finish();
  }

  openStream() {
    const source = new EventSource(this.path + '/stream' + query({offset: this.offset, map_index: this.mapIndex}));
    this.source = source;
    const current = (handler) => (event) => { if (this.source === source) handler(event); };
    source.addEventListener('open', current(() => this.setStatus('Following live…', true)));
    source.addEventListener('log', current((event) => {
      const chunk = JSON.parse(event.data);
      this.offset = chunk.next_offset;
      this.append(chunk.content);
    }));
    source.addEventListener('end', current(() => this.finish()));
    // The browser reconnects by itself (sending Last-Event-ID) after the server closes a long
    // stream; only a refused connection is closed here and left to the next refresh to reopen.
    source.addEventListener('error', current(() => {
      if (source.readyState === EventSource.CLOSED) this.closeStream();
    }));
  }

  finish(message) {
    this.closeStream();
    this.ended = true;
    this.setStatus(message || `End of log (try ${this.tryNumber})`, false);
    if (this.pre.childNodes.length === 0 && !message) this.pre.textContent = '(this try wrote nothing to its log)';
  }

  closeStream() {
    if (this.source) this.source.close();
    this.source = null;
  }

  setStatus(text, live) {
    this.status.textContent = text;
    this.status.classList.toggle('live-dot', live);
  }

  append(text) {
    const atBottom = this.pre.scrollTop + this.pre.clientHeight >= this.pre.scrollHeight - 4;
    // A chunk may end mid-line: that line is redrawn whole when the rest arrives.
    const pieces = (this.partial + text).split('\n');
    if (this.partialEl) this.partialEl.remove();
    const fragment = document.createDocumentFragment();
    for (let i = 0; i < pieces.length - 1; i++) fragment.append(this.line(pieces[i] + '\n'));
    this.partial = pieces[pieces.length - 1];
    this.partialEl = this.partial ? this.line(this.partial) : null;
    if (this.partialEl) fragment.append(this.partialEl);
    this.pre.append(fragment);
    if (this.follow.checked && atBottom) this.pre.scrollTop = this.pre.scrollHeight;
  }

  line(text) {
    const level = /\bERROR\b/.test(text) ? ' log-error' : /\bWARN(ING)?\b/.test(text) ? ' log-warn' : '';
    const el = document.createElement('span');
    el.className = 'log-line' + level;
    el.textContent = text;
    this.mark(el);
    return el;
  }
}

/** The byte offset in a continuation token: base64url of {"log_pos": N, "end_of_log": b}. */
function tokenOffset(token) {
  const json = atob(token.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(json).log_pos;
}
