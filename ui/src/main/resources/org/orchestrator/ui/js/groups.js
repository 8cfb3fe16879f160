// Task groups on the Grid and the Graph: which groups are expanded (all of them, unless the DAG has
// more than COLLAPSE_ABOVE tasks, where all start collapsed), the rows the Grid shows for them, and
// the state a group shows for a run: the most telling of its tasks' states (any failure first).

export const COLLAPSE_ABOVE = 30;
const GROUP_STATE_ORDER = ['failed', 'upstream_failed', 'up_for_retry', 'running', 'queued', 'scheduled', 'restarting',
  null, 'success', 'skipped', 'removed'];
const PREFIX = 'group:';

/** @returns the state a group shows, given its tasks' states */
export function groupState(states) {
  for (const state of GROUP_STATE_ORDER) if (states.includes(state)) return state;
  return states[0] ?? null;
}

export class Groups {
  constructor(tasks) {
    this.tasks = tasks;
    this.paths = new Map(tasks.map((t) => [t.task_id, t.task_group?.path || []]));
    const all = new Set(tasks.flatMap((t) => t.task_group?.path || []));
    this.expanded = new Set(tasks.length > COLLAPSE_ABOVE ? [] : all);
    this.version = 0;
  }

  /** Expands a collapsed group, or collapses an expanded one with the groups inside it. */
  toggle(groupId) {
    if (this.expanded.has(groupId)) {
      for (const id of [...this.expanded]) if (id === groupId || id.startsWith(groupId + '.')) this.expanded.delete(id);
    } else {
      this.expanded.add(groupId);
    }
    this.version += 1;
  }

  /** @returns the Grid's rows for tasks in this order: a row per group (its header) and per task of an expanded group */
  rows(order) {
    const rows = [];
    const seen = new Set();
    for (const taskId of order) {
      let hidden = false;
      for (const groupId of this.paths.get(taskId) || []) {
        if (!seen.has(groupId)) {
          seen.add(groupId);
          rows.push(PREFIX + groupId);
        }
        if (!this.expanded.has(groupId)) {
          hidden = true;
          break;
        }
      }
      if (!hidden) rows.push(taskId);
    }
    return rows;
  }

  /** @returns the group id of a group row, or null for a task row */
  groupOf(rowId) {
    return rowId.startsWith(PREFIX) ? rowId.slice(PREFIX.length) : null;
  }

  /** @returns the task ids of a group, nested groups included */
  members(groupId) {
    return this.tasks.filter((t) => (this.paths.get(t.task_id) || []).includes(groupId)).map((t) => t.task_id);
  }

  /** @returns how deep a row sits: 0 outside any group */
  depth(rowId) {
    const groupId = this.groupOf(rowId);
    const path = groupId ? this.paths.get(this.members(groupId)[0]) || [] : this.paths.get(rowId) || [];
    return groupId ? path.indexOf(groupId) : path.length;
  }

  /** @returns a row's label: ▾/▸ and the group id for a group, the task id for a task */
  label(rowId) {
    const groupId = this.groupOf(rowId);
    if (!groupId) return rowId;
    return `${this.expanded.has(groupId) ? '▾' : '▸'} ${groupId} (${this.members(groupId).length})`;
  }
}
