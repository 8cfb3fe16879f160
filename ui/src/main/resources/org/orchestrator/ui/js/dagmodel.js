// A DAG's latest runs and their cells (state, try, duration of each task in each run), kept
// current by polling the dashboard's compact grid endpoint. Each refresh reads the run list and
// then the cells of only the runs still going or changed since the last look; every 30 s it
// re-reads all cells, to catch marks on runs that had already finished.
import {get, query} from './api.js';

const FULL_REFRESH_MS = 30000;
const MAX_LISTED = 200;

/** Runs oldest first, and cells by run id, then task id: {state, try_number, duration}. */
export class RunData {
  constructor(dagId, limit) {
    this.dagId = dagId;
    this.limit = limit;
    this.runs = [];
    this.totalRuns = 0;
    this.instances = new Map();
    this.signatures = new Map();
    this.lastFull = 0;
    this.revision = 0;
    this.runsSignature = '';
    this.filters = {};
  }

  /** Narrows the runs (GridRoutes' state, run_type, logical_date_gte/lte) from the next refresh on. */
  setFilters(filters) {
    this.filters = filters;
    this.lastFull = 0;
  }

  /** Shows a different number of runs from the next refresh on. */
  setLimit(limit) {
    this.limit = limit;
    this.lastFull = 0;
  }

  async refresh() {
    if (Date.now() - this.lastFull > FULL_REFRESH_MS) {
      const all = await this.read('all');
      this.instances = new Map();
      this.accept(all);
      this.lastFull = Date.now();
      return;
    }
    const runsOnly = await this.read('none');
    const stale = runsOnly.dag_runs.filter((run) => this.isStale(run)).map((run) => run.dag_run_id);
    if (stale.length > MAX_LISTED) {
      this.lastFull = 0;
      return this.refresh();
    }
    this.accept(stale.length ? await this.read('listed', stale) : runsOnly);
  }

  read(instances, runIds) {
    const path = '/ui/api/dags/' + encodeURIComponent(this.dagId) + '/grid';
    return get(path + query({...this.filters, limit: this.limit, instances, run_id: runIds}));
  }

  /** Takes a grid answer in; bumps {@code revision} when anything shown may have changed. */
  accept(grid) {
    const runsSignature = grid.dag_runs.map(signature).join('\n');
    if (runsSignature !== this.runsSignature || Object.keys(grid.instances).length) this.revision += 1;
    this.runsSignature = runsSignature;
    for (const [runId, cells] of Object.entries(grid.instances)) this.instances.set(runId, unpack(grid.task_ids, cells));
    const shown = new Set(grid.dag_runs.map((run) => run.dag_run_id));
    for (const id of [...this.instances.keys()]) if (!shown.has(id)) this.instances.delete(id);
    for (const run of grid.dag_runs) this.signatures.set(run.dag_run_id, signature(run));
    this.runs = grid.dag_runs;
    this.totalRuns = grid.total_runs;
  }

  isStale(run) {
    return !this.instances.has(run.dag_run_id) || !['success', 'failed'].includes(run.state)
      || this.signatures.get(run.dag_run_id) !== signature(run);
  }

  /** @returns the cell, or undefined when the run has no instance of that task */
  instance(runId, taskId) {
    return this.instances.get(runId)?.get(taskId);
  }
}

/** The letters of RunCells.CODES (server side); 'n' is none, a space means no instance. */
const STATES = {s: 'success', f: 'failed', r: 'running', q: 'queued', c: 'scheduled', u: 'up_for_retry',
  U: 'upstream_failed', k: 'skipped', x: 'removed', n: null};

/** @returns task id → {state, try_number, duration, map_count} from one run's packed cells (map_count 0: unmapped) */
function unpack(taskIds, cells) {
  const byTask = new Map();
  for (let i = 0; i < taskIds.length; i++) {
    const code = cells.states[i];
    if (code === ' ') continue;
    const ms = cells.durations_ms[i];
    byTask.set(taskIds[i], {state: STATES[code] ?? null, try_number: cells.tries ? cells.tries[i] : 1,
      duration: ms === null ? null : ms / 1000, map_count: cells.map_counts ? cells.map_counts[i] : 0});
  }
  return byTask;
}

function signature(run) {
  return `${run.state}|${run.start_date}|${run.end_date}`;
}
