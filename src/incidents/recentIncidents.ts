import type { Incident } from '../schemas/incident.js';

/**
 * Incidents seen in recent API pages, so "tell me about #4711" right after a listing needs no
 * search. Bounded: the least recently seen are forgotten first.
 */
export class RecentIncidents {
  private readonly byId = new Map<string, Incident>();

  constructor(private readonly maxEntries = 5_000) {}

  remember(incident: Incident): void {
    if (!incident.id) return;
    this.byId.delete(incident.id);
    this.byId.set(incident.id, incident);
    if (this.byId.size > this.maxEntries) {
      const oldest = this.byId.keys().next().value;
      if (oldest !== undefined) this.byId.delete(oldest);
    }
  }

  get(id: string): Incident | undefined {
    const lower = id.toLowerCase();
    return this.byId.get(id) ?? [...this.byId.values()].find((i) => i.id?.toLowerCase() === lower);
  }

  withNumber(number: number): Incident[] {
    return [...this.byId.values()].filter((i) => i.number === number);
  }
}
