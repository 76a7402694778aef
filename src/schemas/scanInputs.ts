import * as z from 'zod';

// Budgets for tools that page through the API themselves.

const whole = (min: number, max: number) =>
  z
    .number()
    .int({ error: `must be a whole number from ${min} to ${max}` })
    .min(min, { error: `must be a whole number from ${min} to ${max}` })
    .max(max, { error: `must be a whole number from ${min} to ${max}` });

export const scanBudgetShape = {
  maxPages: whole(1, 500)
    .optional()
    .describe('API pages to read at most (default 50). The result says whether the scan was complete.'),
  maxIncidents: whole(1, 1_000_000).optional().describe('Incidents to read at most (default 100000).'),
};

export const DEFAULT_MAX_PAGES = 50;
export const DEFAULT_MAX_INCIDENTS = 100_000;

export function scanBudget(args: { maxPages?: number | undefined; maxIncidents?: number | undefined }) {
  return {
    maxPages: args.maxPages ?? DEFAULT_MAX_PAGES,
    maxIncidents: args.maxIncidents ?? DEFAULT_MAX_INCIDENTS,
  };
}
