import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOOLS } from '../src/tools/index.js';
import { connectMcp, useSimulator } from './helpers.js';

// Checks over the whole registry, so a new tool cannot skip the house rules.

const toolFiles = readdirSync(new URL('../src/tools/', import.meta.url)).filter((f) =>
  f.startsWith('contraforce_'),
);
const testSources = readdirSync(new URL('./', import.meta.url))
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => readFileSync(new URL(`./${f}`, import.meta.url), 'utf8'))
  .join('\n');

describe('the tool registry', () => {
  it('has unique names, one file per tool named after it, and nothing unregistered', () => {
    const names = TOOLS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect(toolFiles.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual([...names].sort());
  });

  it.each(TOOLS.map((t) => [t.name, t] as const))(
    '%s declares annotations, a short description and is tested',
    (name, tool) => {
      expect(tool.annotations.readOnlyHint).toBe(true);
      expect(tool.annotations.destructiveHint).toBe(false);
      expect(typeof tool.annotations.openWorldHint).toBe('boolean');
      expect(tool.annotations.title).toBe(tool.title);
      expect(tool.description.length).toBeLessThan(1_000);
      expect(tool.description).toMatch(/\nExample: \{/);
      for (const [field, schema] of Object.entries(tool.inputSchema)) {
        expect((schema as { description?: string }).description, `${name}.${field}`).toBeTruthy();
      }
      expect(testSources).toContain(`'${name}'`);
    },
  );
});

describe('tools/list as the model sees it', async () => {
  const sim = await useSimulator();
  const { client } = await connectMcp(sim);

  it('matches the reviewed snapshot (a change to what the model reads shows in review)', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
    expect(tools).toMatchSnapshot();
  });
});
