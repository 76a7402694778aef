import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import * as z from 'zod';
import { SEVERITIES } from '../schemas/enums.js';

// Listed on first use: loading the zone list costs milliseconds the server's start-up need not pay.
let timeZones: string[] | undefined;

/** Severities starting with what was typed, any letter case. */
export function completeSeverity(value: string | undefined): string[] {
  const typed = (value ?? '').toLowerCase();
  return SEVERITIES.filter((s) => s.toLowerCase().startsWith(typed));
}

/** IANA zones containing what was typed ("berl" -> Europe/Berlin), at most 100. */
export function completeTimeZone(value: string | undefined): string[] {
  const typed = (value ?? '').toLowerCase();
  timeZones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  const all = timeZones;
  const starts = all.filter((z) => z.toLowerCase().startsWith(typed));
  const contains = all.filter((z) => !starts.includes(z) && z.toLowerCase().includes(typed));
  return [...starts, ...contains].slice(0, 100);
}

/**
 * An optional string prompt argument with completion. SDK 1.32 looks for the completer inside
 * ZodOptional when it decides to offer completions, but on the field itself when it answers a
 * completion request, so both carry it.
 */
export function optionalCompletable(description: string, complete: (value: string | undefined) => string[]) {
  const inner = completable(z.string(), complete);
  return completable(inner.optional().describe(description), complete);
}
