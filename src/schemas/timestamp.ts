import * as z from 'zod';

/** A vendor timestamp, normalised to UTC. */
export interface Timestamp {
  /** ISO-8601 in UTC (`…Z`), or the raw text when it could not be read as a date. */
  iso: string;
  /** Milliseconds since the epoch; null when the text is not a date. */
  ms: number | null;
  /** True when the vendor sent no UTC offset and we read the value as UTC (NOTES.md: "local time"). */
  assumedUtc: boolean;
}

const HAS_OFFSET = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;
const DATE_ONLY_OR_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?/;

export function parseTimestamp(raw: string): Timestamp {
  const text = raw.trim();
  const hasOffset = HAS_OFFSET.test(text);
  const candidate = hasOffset || !DATE_ONLY_OR_TIME.test(text) ? text : `${text.replace(' ', 'T')}Z`;
  const ms = Date.parse(candidate);
  if (Number.isNaN(ms)) return { iso: raw, ms: null, assumedUtc: false };
  return { iso: new Date(ms).toISOString(), ms, assumedUtc: !hasOffset };
}

export const LenientTimestampSchema = z.string().transform(parseTimestamp);
