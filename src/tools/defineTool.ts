import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type {
  CallToolResult,
  ServerNotification,
  ServerRequest,
  ToolAnnotations,
} from '@modelcontextprotocol/sdk/types.js';
import type * as z from 'zod';
import type { AppContext } from '../app.js';

export interface ToolCallContext {
  app: AppContext;
  /** Aborted when the client cancels the call. */
  signal: AbortSignal;
  /** Sends notifications/progress when the call carries a progress token; a no-op otherwise. */
  reportProgress(progress: number, message: string, total?: number): Promise<void>;
  extra: RequestHandlerExtra<ServerRequest, ServerNotification>;
}

export interface ToolDefinition<Input extends z.ZodRawShape, Output extends z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  inputSchema: Input;
  outputSchema: Output;
  annotations: ToolAnnotations & { readOnlyHint: boolean; openWorldHint: boolean };
  handler(args: z.infer<z.ZodObject<Input>>, context: ToolCallContext): Promise<CallToolResult>;
}

/** Exists so TypeScript infers a tool's argument types from its schema. */
export function defineTool<Input extends z.ZodRawShape, Output extends z.ZodRawShape>(
  definition: ToolDefinition<Input, Output>,
): ToolDefinition<Input, Output> {
  return definition;
}

/** Every tool here reads and never writes: the annotations say so, with the tool's title. */
export function readOnlyAnnotations(title: string) {
  return {
    title,
    readOnlyHint: true,
    openWorldHint: true,
    idempotentHint: true,
    destructiveHint: false,
  } as const;
}
