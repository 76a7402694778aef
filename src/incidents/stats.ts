import type { Incident } from '../schemas/incident.js';
import { entityKey, entityKind, primaryValue } from './entities.js';

// Single-pass aggregation over a listing. Memory does not grow with the number of incidents:
// every table is keyed by small domains (severity, status, workspace, source, assignee, tactic)
// and capped, top-N lists are bounded, and recurring entities use a bounded counter.

const MAX_KEYS = 1_000; // per table; further keys are counted under "(other)"
const OTHER = '(other)';
const TOP = 10;
const ENTITY_CAPACITY = 20_000;
const WORKSPACES_PER_ENTITY = 100;
const OPEN = new Set(['New', 'Active']);
const PIVOT_KINDS = new Set(['account', 'host', 'ip', 'hash', 'url', 'mailbox', 'domain']);

export interface WorkspaceRow {
  workspace: string;
  workspaceId: string;
  total: number;
  high: number;
  open: number;
  unassigned: number;
}

export interface RecurringEntity {
  type: string;
  value: string;
  incidents: number;
  workspaces: number;
}

export interface OldIncident {
  id: string;
  number: number | null;
  title: string;
  workspace: string;
  status: string;
  created: string | null;
  assignee: string | null;
}

export interface StatsResult {
  total: number;
  open: number;
  unassigned: number;
  bySeverity: Record<string, number>;
  byStatus: Record<string, number>;
  severityByStatus: Record<string, Record<string, number>>;
  workspaces: WorkspaceRow[];
  bySource: Record<string, number>;
  byAssignee: Record<string, number>;
  topTactics: { tactic: string; incidents: number }[];
  recurringEntities: RecurringEntity[];
  /** True when more distinct entities were seen than the counter holds: counts are lower bounds. */
  entitiesApproximate: boolean;
  oldestOpenHigh: OldIncident[];
  histogram: { bucket: string; buckets: { start: string; incidents: number }[] };
}

function bump(table: Map<string, number>, key: string, by = 1): void {
  if (!table.has(key) && table.size >= MAX_KEYS) key = OTHER;
  table.set(key, (table.get(key) ?? 0) + by);
}

const toRecord = (table: Map<string, number>) =>
  Object.fromEntries([...table].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));

/** Counts how many incidents (and workspaces) each entity appears in, within a fixed capacity. */
class EntityCounter {
  private readonly entries = new Map<
    string,
    { type: string; value: string; incidents: number; workspaces: Set<string> }
  >();
  approximate = false;

  add(keys: Map<string, { type: string; value: string }>, workspaceId: string): void {
    for (const [key, { type, value }] of keys) {
      let entry = this.entries.get(key);
      if (!entry) {
        if (this.entries.size >= ENTITY_CAPACITY) this.evict();
        entry = { type, value, incidents: 0, workspaces: new Set() };
        this.entries.set(key, entry);
      }
      entry.incidents++;
      if (entry.workspaces.size < WORKSPACES_PER_ENTITY) entry.workspaces.add(workspaceId);
    }
  }

  // Forget the entities seen once (they are not recurring yet); if none are, the least seen.
  private evict(): void {
    this.approximate = true;
    let floor = 1;
    while (this.entries.size >= ENTITY_CAPACITY) {
      for (const [key, entry] of this.entries) if (entry.incidents <= floor) this.entries.delete(key);
      floor++;
    }
  }

  /**
   * The entities an analyst pivots on (accounts, hosts, IPs, hashes, URLs, mailboxes, domains)
   * first, those seen in the most workspaces first: cross-customer recurrence is the signal. Common
   * file, process and application names follow, fewer of them.
   */
  top(n: number, others = 5): RecurringEntity[] {
    const recurring = [...this.entries.values()]
      .filter((e) => e.incidents >= 2)
      .sort(
        (a, b) =>
          b.workspaces.size - a.workspaces.size ||
          b.incidents - a.incidents ||
          a.value.localeCompare(b.value),
      );
    const pivots = recurring.filter((e) => PIVOT_KINDS.has(e.type));
    const rest = recurring.filter((e) => !PIVOT_KINDS.has(e.type)).slice(0, others);
    return [...pivots.slice(0, n - Math.min(others, rest.length)), ...rest]
      .slice(0, n)
      .map((e) => ({ type: e.type, value: e.value, incidents: e.incidents, workspaces: e.workspaces.size }));
  }
}

export class StatsAggregator {
  private total = 0;
  private open = 0;
  private unassigned = 0;
  private readonly bySeverity = new Map<string, number>();
  private readonly byStatus = new Map<string, number>();
  private readonly severityByStatus = new Map<string, Map<string, number>>();
  private readonly workspaces = new Map<string, WorkspaceRow>();
  private readonly bySource = new Map<string, number>();
  private readonly byAssignee = new Map<string, number>();
  private readonly tactics = new Map<string, number>();
  private readonly entities = new EntityCounter();
  private oldestOpenHigh: (OldIncident & { ms: number })[] = [];
  private readonly buckets: number[];
  private readonly fromMs: number;
  private readonly bucketMs: number;
  private readonly bucketLabel: string;

  constructor(window: { from: string; to: string }) {
    this.fromMs = Date.parse(window.from);
    const span = Math.max(1, Date.parse(window.to) - this.fromMs);
    const sizes: [number, string][] = [
      [3_600_000, '1 hour'],
      [3 * 3_600_000, '3 hours'],
      [6 * 3_600_000, '6 hours'],
      [12 * 3_600_000, '12 hours'],
      [86_400_000, '1 day'],
      [7 * 86_400_000, '7 days'],
    ];
    const [bucketMs, label] = sizes.find(([ms]) => span / ms <= 48) ?? [30 * 86_400_000, '30 days'];
    this.bucketMs = bucketMs;
    this.bucketLabel = label;
    this.buckets = new Array(Math.ceil(span / bucketMs)).fill(0);
  }

  add(incident: Incident): void {
    const severity = incident.severity ?? 'unknown';
    const status = incident.status ?? 'unknown';
    const isOpen = OPEN.has(status);
    const assignee = incident.user?.email ?? incident.user?.displayName ?? null;
    this.total++;
    if (isOpen) this.open++;
    if (!assignee) this.unassigned++;
    bump(this.bySeverity, severity);
    bump(this.byStatus, status);
    let row = this.severityByStatus.get(severity);
    if (!row) {
      row = new Map();
      this.severityByStatus.set(severity, row);
    }
    bump(row, status);

    const workspaceId = incident.workspaceId ?? '';
    let ws = this.workspaces.get(workspaceId);
    if (!ws && this.workspaces.size < MAX_KEYS) {
      ws = {
        workspace: incident.workspaceName ?? '(unnamed)',
        workspaceId,
        total: 0,
        high: 0,
        open: 0,
        unassigned: 0,
      };
      this.workspaces.set(workspaceId, ws);
    }
    if (ws) {
      ws.total++;
      if (severity === 'High') ws.high++;
      if (isOpen) ws.open++;
      if (!assignee) ws.unassigned++;
    }
    bump(this.bySource, incident.source ?? 'unknown');
    bump(this.byAssignee, assignee ?? 'unassigned');
    for (const tactic of new Set(incident.tactics)) bump(this.tactics, tactic);

    const keys = new Map<string, { type: string; value: string }>();
    for (const entity of incident.entities) {
      const value = primaryValue(entity);
      if (!value) continue;
      const type = entityKind(entity);
      keys.set(entityKey(type, value), { type, value });
    }
    this.entities.add(keys, workspaceId);

    const ms = incident.creationTime?.ms ?? null;
    if (ms !== null) {
      const index = Math.floor((ms - this.fromMs) / this.bucketMs);
      if (index >= 0 && index < this.buckets.length) this.buckets[index] = (this.buckets[index] ?? 0) + 1;
      if (isOpen && severity === 'High') this.considerOld(incident, ms, status, assignee);
    }
  }

  private considerOld(incident: Incident, ms: number, status: string, assignee: string | null): void {
    const list = this.oldestOpenHigh;
    const last = list[list.length - 1];
    if (list.length >= TOP && last && ms >= last.ms) return;
    list.push({
      id: incident.id ?? '',
      number: incident.number,
      title: incident.title ?? '',
      workspace: incident.workspaceName ?? '',
      status,
      created: incident.creationTime?.iso ?? null,
      assignee,
      ms,
    });
    list.sort((a, b) => a.ms - b.ms);
    if (list.length > TOP) list.length = TOP;
  }

  result(): StatsResult {
    return {
      total: this.total,
      open: this.open,
      unassigned: this.unassigned,
      bySeverity: toRecord(this.bySeverity),
      byStatus: toRecord(this.byStatus),
      severityByStatus: Object.fromEntries(
        [...this.severityByStatus].map(([sev, row]) => [sev, toRecord(row)]),
      ),
      workspaces: [...this.workspaces.values()].sort(
        (a, b) => b.total - a.total || a.workspace.localeCompare(b.workspace),
      ),
      bySource: toRecord(this.bySource),
      byAssignee: toRecord(this.byAssignee),
      topTactics: [...this.tactics]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, TOP)
        .map(([tactic, incidents]) => ({ tactic, incidents })),
      recurringEntities: this.entities.top(15),
      entitiesApproximate: this.entities.approximate,
      oldestOpenHigh: this.oldestOpenHigh.map(({ ms: _ms, ...rest }) => rest),
      histogram: {
        bucket: this.bucketLabel,
        buckets: this.buckets.map((incidents, i) => ({
          start: new Date(this.fromMs + i * this.bucketMs).toISOString(),
          incidents,
        })),
      },
    };
  }
}
