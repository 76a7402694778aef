import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import * as z from 'zod';
import { SEVERITIES } from '../schemas/enums.js';

const TIME_ZONES = Intl.supportedValuesOf('timeZone');

/** Severities starting with what was typed, any letter case. */
export function completeSeverity(value: string | undefined): string[] {
  const typed = (value ?? '').toLowerCase();
  return SEVERITIES.filter((s) => s.toLowerCase().startsWith(typed));
}

/** IANA zones containing what was typed ("berl" -> Europe/Berlin), at most 100. */
export function completeTimeZone(value: string | undefined): string[] {
  const typed = (value ?? '').toLowerCase();
  const all = ['UTC', ...TIME_ZONES.filter((z) => z !== 'UTC')];
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
