import { randomUUID } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ContraForceApiError } from './client/errors.js';
import { UserInputError } from './errors.js';
import { CursorStoreUnavailableError } from './incidents/cursorStore.js';
import type { Logger } from './log.js';

/**
 * Decides what the model sees when a tool fails. Our own errors carry messages written for it;
 * anything else is unexpected: the model gets a reference, the details go to stderr.
 */
export function toolErrorResult(
  error: unknown,
  toolName: string,
  logger: Logger,
  signal?: AbortSignal,
): CallToolResult {
  let text: string;
  if (signal?.aborted) {
    // The client cancelled: it will not read this result, and nothing went wrong.
    logger.info('tool call cancelled by the client', { tool: toolName });
    text = `The ${toolName} call was cancelled.`;
  } else if (error instanceof UserInputError) {
    text = `Invalid arguments: ${error.message}`;
  } else if (error instanceof CursorStoreUnavailableError) {
    logger.warn('cursor store unavailable', { tool: toolName, error: error.message });
    text = error.message;
  } else if (error instanceof ContraForceApiError) {
    logger.warn('ContraForce API call failed', {
      tool: toolName,
      kind: error.kind,
      status: error.status,
      code: error.code,
      requestId: error.requestId,
    });
    text = error.message;
  } else {
    const reference = randomUUID();
    logger.error('tool failed unexpectedly', {
      tool: toolName,
      reference,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    text = `The ${toolName} tool failed unexpectedly (reference ${reference}); the details are in the server log. Try again, or narrow the request.`;
  }
  return { content: [{ type: 'text', text }], isError: true };
}
