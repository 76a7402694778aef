// Time-zone arithmetic with Intl only: offsets come from the runtime's IANA database, so DST
// transitions are right without a date library.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The canonical IANA name, or null when the runtime does not know the zone. */
export function canonicalTimeZone(timeZone: string): string | null {
  // The default needs no ICU time-zone data, which costs milliseconds to load at start-up.
  if (/^\s*(utc|etc\/utc)\s*$/i.test(timeZone)) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: timeZone.trim() }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localParts(ms: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC at instant `ms`, in milliseconds (Berlin in winter: +3,600,000). */
export function offsetMs(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The UTC instant of a local wall-clock time. Where the time does not exist (skipped by a DST
 * change) it is read with the offset before the change, i.e. moved forward by the gap (a skipped
 * midnight becomes the first instant of that day); where it exists twice, the earlier.
 */
export function zonedTimeToUtc(
  year: number,
  month: number,
  day: number,
  timeZone: string,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const candidates = new Set<number>();
  for (const probe of [wall - 86_400_000, wall, wall + 86_400_000]) {
    candidates.add(wall - offsetMs(probe, timeZone));
  }
  const exact = [...candidates].filter((t) => wall - offsetMs(t, timeZone) === t).sort((a, b) => a - b);
  if (exact[0] !== undefined) return exact[0];
  // In a gap: the offset before the change gives the largest candidate.
  return Math.max(...candidates);
}

/** Midnight starting the local calendar day `daysBack` days before the one containing `ms`. */
export function startOfLocalDay(ms: number, timeZone: string, daysBack = 0): number {
  const p = localParts(ms, timeZone);
  const date = new Date(Date.UTC(p.year, p.month - 1, p.day - daysBack));
  return zonedTimeToUtc(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), timeZone);
}

/** `2026-12-04 09:30` in the zone. */
export function formatLocal(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}
