import { type ScanResult, scanSummary } from '../incidents/scan.js';
import type { StatsResult } from '../incidents/stats.js';
import type { ResolvedWindow } from '../incidents/timeWindow.js';
import { oneLine } from '../util/sanitize.js';
import { LIMITS, relativeAge, shortUtc } from './incident.js';
import { DEMO_NOTE, formatCounts, UNTRUSTED_NOTE, windowForModel, windowLine } from './listPage.js';

const SEVERITY_ORDER = ['High', 'Medium', 'Low', 'Informational'];
const STATUS_ORDER = ['New', 'Active', 'Closed'];
const MAX_WORKSPACE_ROWS = 50;

/** Every string that came from the API, cleaned the same way list results are. */
function sanitizeStats(stats: StatsResult): StatsResult {
  const clean = (text: string, max: number = LIMITS.name) => oneLine(text, max);
  const record = (r: Record<string, number>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [clean(k), v]));
  return {
    ...stats,
    bySeverity: record(stats.bySeverity),
    byStatus: record(stats.byStatus),
    severityByStatus: Object.fromEntries(
      Object.entries(stats.severityByStatus).map(([sev, row]) => [clean(sev), record(row)]),
    ),
    workspaces: stats.workspaces
      .slice(0, MAX_WORKSPACE_ROWS)
      .map((w) => ({ ...w, workspace: clean(w.workspace), workspaceId: clean(w.workspaceId, 100) })),
    bySource: record(stats.bySource),
    byAssignee: record(stats.byAssignee),
    topTactics: stats.topTactics.map((t) => ({ ...t, tactic: clean(t.tactic, LIMITS.listItem) })),
    recurringEntities: stats.recurringEntities.map((e) => ({
      ...e,
      type: clean(e.type, 30),
      value: clean(e.value, LIMITS.entityValue),
    })),
    oldestOpenHigh: stats.oldestOpenHigh.map((o) => ({
      ...o,
      id: clean(o.id, 100),
      title: clean(o.title, LIMITS.title),
      workspace: clean(o.workspace),
      assignee: o.assignee === null ? null : clean(o.assignee),
    })),
  };
}

const ordered = (keys: string[], order: string[]) =>
  [...keys].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib) || a.localeCompare(b);
  });

/** One line on how much was read, and what to do when a budget stopped the scan. */
export function scanLine(scan: ScanResult): string {
  const read = `Scanned ${scan.incidents} incident${scan.incidents === 1 ? '' : 's'} in ${scan.pages} API page${scan.pages === 1 ? '' : 's'}`;
  if (scan.complete) return `${read}: complete.`;
  if (scan.stoppedBy === 'found') return `${read}: stopped at the match.`;
  const budget = scan.stoppedBy === 'maxPages' ? 'maxPages' : 'maxIncidents';
  return `${read}: INCOMPLETE, the ${budget} budget stopped the scan. Narrow the query (a shorter window, severities, statuses, workspaces) or raise ${budget}.`;
}

export function formatStats(input: {
  stats: StatsResult;
  scan: ScanResult;
  window: ResolvedWindow;
  filters: string;
  demo: boolean;
  nowMs: number;
}) {
  const stats = sanitizeStats(input.stats);
  const { scan } = input;
  const lines: string[] = [];
  if (input.demo) lines.push(DEMO_NOTE);
  lines.push(windowLine(input.window), `Filters: ${input.filters}`, scanLine(scan), '');
  lines.push(
    `Totals: ${stats.total} incidents · ${stats.open} open (New or Active) · ${stats.unassigned} unassigned · severity ${formatCounts(stats.bySeverity) || 'none'}`,
  );

  if (stats.total > 0) {
    const statuses = ordered(Object.keys(stats.byStatus), STATUS_ORDER);
    lines.push('', `Severity x status: ${statuses.join(' / ')}`);
    for (const severity of ordered(Object.keys(stats.severityByStatus), SEVERITY_ORDER)) {
      const row = stats.severityByStatus[severity] ?? {};
      lines.push(`  ${severity}: ${statuses.map((s) => row[s] ?? 0).join(' / ')}`);
    }
    lines.push('', 'Per workspace (total · High · open · unassigned):');
    for (const w of stats.workspaces) {
      lines.push(`  ${w.workspace}: ${w.total} · ${w.high} · ${w.open} · ${w.unassigned}`);
    }
    if (input.stats.workspaces.length > stats.workspaces.length) {
      lines.push(`  (${input.stats.workspaces.length - stats.workspaces.length} more workspaces not listed)`);
    }
    lines.push('', `Sources: ${formatCounts(stats.bySource)}`);
    lines.push(`Assignees: ${formatCounts(stats.byAssignee)}`);
    if (stats.topTactics.length) {
      lines.push(`Top tactics: ${stats.topTactics.map((t) => `${t.tactic} ${t.incidents}`).join(', ')}`);
    }
    lines.push('', UNTRUSTED_NOTE);
    if (stats.recurringEntities.length) {
      lines.push(
        `Recurring entities (in 2 or more incidents${stats.entitiesApproximate ? '; counts are lower bounds, too many distinct entities to count exactly' : ''}):`,
      );
      for (const e of stats.recurringEntities) {
        lines.push(
          `  ${e.type} ${e.value}: ${e.incidents} incidents in ${e.workspaces} workspace${e.workspaces === 1 ? '' : 's'}`,
        );
      }
    } else {
      lines.push('Recurring entities: none (no entity appears in two incidents).');
    }
    if (stats.oldestOpenHigh.length) {
      lines.push('Oldest open High incidents:');
      for (const o of stats.oldestOpenHigh) {
        lines.push(
          `  #${o.number ?? '?'} ${o.status} — ${o.title} — ${o.workspace} — created ${shortUtc(o.created)} (${relativeAge(o.created, input.nowMs)}) — ${o.assignee ?? 'unassigned'}`,
        );
      }
    }
    const peak = Math.max(...stats.histogram.buckets.map((b) => b.incidents), 1);
    lines.push('', `Over time (per ${stats.histogram.bucket}, bucket start in UTC):`);
    for (const b of stats.histogram.buckets) {
      const bar = '#'.repeat(Math.round((b.incidents / peak) * 30));
      lines.push(`  ${shortUtc(b.start)} ${String(b.incidents).padStart(5)} ${bar}`);
    }
  }
  lines.push(
    '',
    'Next: contraforce_list_incidents with the same filters lists the incidents; contraforce_find_related_incidents pivots on an entity.',
  );
  const window = windowForModel(input.window);
  return {
    text: lines.join('\n'),
    structured: {
      window,
      filters: input.filters,
      scanned: scanSummary(scan),
      ...stats,
      ...(input.demo ? { demo: true } : {}),
    },
  };
}
