// A DAG's latest runs and their task instances, kept current by polling. Each refresh reads the
// run list (one small call) and then only the task instances of runs that are still going or
// changed since the last look; every 30 s it re-reads them all, to catch marks on finished runs.
import {api, fetchAll, get, query} from './api.js';

const FULL_REFRESH_MS = 30000;

/** Runs oldest first, and task instances by run id, then task id. */
export class RunData {
  constructor(dagId, limit) {
    this.dagId = dagId;
    this.limit = limit;
    this.runs = [];
    this.totalRuns = 0;
    this.instances = new Map();
    this.signatures = new Map();
    this.lastFull = 0;
  }

  /** Shows a different number of runs from the next refresh on. */
  setLimit(limit) {
    this.limit = limit;
    this.lastFull = 0;
  }

  async refresh() {
    const page = await get(api('dags', this.dagId, 'dagRuns') + query({limit: this.limit, order_by: '-logical_date'}));
    const runs = page.dag_runs.slice().reverse();
    const full = Date.now() - this.lastFull > FULL_REFRESH_MS;
    if (full && runs.length) {
      await this.readAll(runs);
      this.lastFull = Date.now();
    } else {
      await Promise.all(runs.filter((run) => this.isStale(run)).map((run) => this.readRun(run)));
    }
    const shown = new Set(runs.map((run) => run.dag_run_id));
    for (const id of [...this.instances.keys()]) if (!shown.has(id)) this.instances.delete(id);
    for (const run of runs) this.signatures.set(run.dag_run_id, signature(run));
    this.runs = runs;
    this.totalRuns = page.total_entries;
  }

  /** Re-reads one run's task instances now (after a clear or mark). */
  async reload(runId) {
    const run = this.runs.find((r) => r.dag_run_id === runId);
    if (run) await this.readRun(run);
  }

  isStale(run) {
    return !this.instances.has(run.dag_run_id) || !['success', 'failed'].includes(run.state)
      || this.signatures.get(run.dag_run_id) !== signature(run);
  }

  async readRun(run) {
    const tis = await fetchAll(api('dags', this.dagId, 'dagRuns', run.dag_run_id, 'taskInstances'), {}, 'task_instances');
    this.instances.set(run.dag_run_id, byTask(tis));
  }

  async readAll(runs) {
    const tis = await fetchAll(api('dags', this.dagId, 'dagRuns', '~', 'taskInstances'),
      {logical_date_gte: runs[0].logical_date}, 'task_instances');
    const byRun = new Map(runs.map((run) => [run.dag_run_id, new Map()]));
    for (const ti of tis) byRun.get(ti.dag_run_id)?.set(ti.task_id, ti);
    this.instances = byRun;
  }

  /** @returns the task instance, or undefined when the run has none for that task */
  instance(runId, taskId) {
    return this.instances.get(runId)?.get(taskId);
  }
}

function signature(run) {
  return `${run.state}|${run.start_date}|${run.end_date}`;
}

function byTask(tis) {
  return new Map(tis.map((ti) => [ti.task_id, ti]));
}
