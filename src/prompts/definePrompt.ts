import type * as z from 'zod';
import type { AppContext } from '../app.js';

export interface PromptDefinition<Args extends Record<string, z.ZodType<string | undefined>>> {
  name: string;
  title: string;
  description: string;
  argsSchema: Args;
  /** The user message that leads the model through the tools. */
  render(args: { [K in keyof Args]: z.infer<Args[K]> }, app: AppContext): string;
}

/** Exists so TypeScript infers a prompt's argument types from its schema. */
export function definePrompt<Args extends Record<string, z.ZodType<string | undefined>>>(
  definition: PromptDefinition<Args>,
): PromptDefinition<Args> {
  return definition;
}
