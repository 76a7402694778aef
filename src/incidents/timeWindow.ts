import { UserInputError } from '../errors.js';
import type { TimeFilterSelection } from '../schemas/request.js';
import { formatLocal, localParts, startOfLocalDay, zonedTimeToUtc } from './timeZones.js';

export const WINDOW_PRESETS = ['3h', '6h', '12h', '24h', '48h', 'today', 'yesterday', '7d', '30d'] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number];

const API_PRESETS: Partial<Record<WindowPreset, { type: TimeFilterSelection['type']; hours: number }>> = {
  '3h': { type: 'ThreeHours', hours: 3 },
  '6h': { type: 'SixHours', hours: 6 },
  '12h': { type: 'TwelveHours', hours: 12 },
  '24h': { type: 'TwentyFourHours', hours: 24 },
  '48h': { type: 'FourtyEightHours', hours: 48 },
};
const DAY_MS = 86_400_000;

export interface WindowInput {
  window?: WindowPreset | undefined;
  since?: string | undefined;
  until?: string | undefined;
  /** Canonical IANA zone. */
  timezone: string;
}

/** A time window resolved to absolute instants; always shown to the model, which may not know today's date. */
export interface ResolvedWindow {
  /** e.g. "last 24 hours", "today (2026-12-04, Europe/Berlin)", "custom". */
  label: string;
  from: string; // ISO UTC
  to: string; // ISO UTC
  timezone: string;
  timeFilterSelection: TimeFilterSelection;
}

export function resolveWindow(input: WindowInput, nowMs: number): ResolvedWindow {
  const { timezone } = input;
  if (input.window && (input.since || input.until)) {
    throw new UserInputError(
      'window cannot be combined with since/until: pass either window (e.g. "24h") or since (and optionally until).',
    );
  }
  if (input.since || input.until) {
    if (!input.since) {
      throw new UserInputError(
        'until needs since: pass since (ISO-8601, e.g. "2026-12-01T00:00:00Z") as well.',
      );
    }
    const from = parseInstant(input.since, 'since', timezone);
    const to = input.until ? parseInstant(input.until, 'until', timezone) : nowMs;
    if (from >= to) {
      throw new UserInputError(
        `since (${new Date(from).toISOString()}) must be before until (${new Date(to).toISOString()}).`,
      );
    }
    return custom(
      `custom (${formatLocal(from, timezone)} to ${formatLocal(to, timezone)} ${timezone})`,
      from,
      to,
      timezone,
    );
  }

  const preset = input.window ?? '24h';
  const apiPreset = API_PRESETS[preset];
  if (apiPreset) {
    return {
      label: `last ${apiPreset.hours} hours`,
      from: iso(nowMs - apiPreset.hours * 3_600_000),
      to: iso(nowMs),
      timezone,
      timeFilterSelection: { type: apiPreset.type },
    };
  }
  switch (preset) {
    case 'today': {
      const from = startOfLocalDay(nowMs, timezone);
      return custom(`today (${localDate(nowMs, timezone)}, ${timezone})`, from, nowMs, timezone);
    }
    case 'yesterday': {
      const from = startOfLocalDay(nowMs, timezone, 1);
      const to = startOfLocalDay(nowMs, timezone);
      return custom(`yesterday (${localDate(from, timezone)}, ${timezone})`, from, to, timezone);
    }
    case '7d':
      return custom('last 7 days', nowMs - 7 * DAY_MS, nowMs, timezone);
    default:
      return custom('last 30 days', nowMs - 30 * DAY_MS, nowMs, timezone);
  }
}

function custom(label: string, fromMs: number, toMs: number, timezone: string): ResolvedWindow {
  return {
    label,
    from: iso(fromMs),
    to: iso(toMs),
    timezone,
    timeFilterSelection: { type: 'Custom', customStartUtc: iso(fromMs), customEndUtc: iso(toMs) },
  };
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** ISO-8601 with an offset; or a local date / date-time, read in the given zone. */
function parseInstant(text: string, field: string, timezone: string): number {
  const value = text.trim();
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) {
    const [, y, m, d] = dateOnly.map(Number) as [number, number, number, number];
    return zonedTimeToUtc(y, m, d, timezone);
  }
  const local = LOCAL_DATE_TIME.exec(value);
  if (local) {
    const [, y, mo, d, h, mi, s] = local.map((part) => Number(part ?? 0)) as number[];
    return zonedTimeToUtc(y ?? 0, mo ?? 1, d ?? 1, timezone, h, mi, s);
  }
  const ms = WITH_OFFSET.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new UserInputError(
      `${field} "${text}" is not an ISO-8601 date-time; use e.g. "2026-12-01T08:00:00Z", "2026-12-01T08:00:00+01:00" or "2026-12-01" (midnight in ${timezone}).`,
    );
  }
  return ms;
}

function localDate(ms: number, timezone: string): string {
  const p = localParts(ms, timezone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
