import type { Incident } from '../schemas/incident.js';
import { releasePageMemory } from '../util/releaseMemory.js';
import type { IncidentPager, ScanOptions } from './pager.js';

/** Read incidents are released every this many (see releaseMemory.ts); small scans never pay. */
const RELEASE_EVERY = 2_500;

export interface ScanBudget {
  /** API pages to read at most. */
  maxPages: number;
  /** In-scope incidents to visit at most. */
  maxIncidents: number;
}

export interface ScanResult {
  pages: number;
  incidents: number;
  /** True when the whole listing was read within the budget. */
  complete: boolean;
  /** Why the scan ended early: a budget, or the visitor found what it wanted ('found'). */
  stoppedBy: 'maxPages' | 'maxIncidents' | 'found' | null;
}

/**
 * Visits every in-scope incident of a listing once, page by page, within a budget. Memory stays
 * flat: each page is dropped once visited. `onPage` runs after each page (progress reports).
 */
export async function scanListing(
  pager: IncidentPager,
  options: ScanOptions,
  budget: ScanBudget,
  // biome-ignore lint/suspicious/noConfusingVoidType: visitors that never stop early just return nothing
  visit: (incident: Incident) => void | 'stop',
  onPage?: (progress: { pages: number; incidents: number }) => Promise<void> | void,
): Promise<ScanResult> {
  let pages = 0;
  let incidents = 0;
  for await (const page of pager.scan(options)) {
    pages++;
    for await (const incident of page.incidents()) {
      if (incidents === budget.maxIncidents) {
        return { pages, incidents, complete: false, stoppedBy: 'maxIncidents' };
      }
      incidents++;
      if (visit(incident) === 'stop') return { pages, incidents, complete: false, stoppedBy: 'found' };
      if (incidents % RELEASE_EVERY === 0) releasePageMemory();
    }
    await onPage?.({ pages, incidents });
    if (!(await page.more())) return { pages, incidents, complete: true, stoppedBy: null };
    if (pages >= budget.maxPages) return { pages, incidents, complete: false, stoppedBy: 'maxPages' };
    if (incidents >= budget.maxIncidents)
      return { pages, incidents, complete: false, stoppedBy: 'maxIncidents' };
  }
  return { pages, incidents, complete: true, stoppedBy: null };
}

/** What a result says about the scan behind it. */
export function scanSummary(scan: ScanResult) {
  return { incidents: scan.incidents, pages: scan.pages, complete: scan.complete, stoppedBy: scan.stoppedBy };
}
