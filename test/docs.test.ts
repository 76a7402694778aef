import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FILTER_FIELDS } from '../src/incidents/listFilters.js';
import { PROMPTS } from '../src/prompts/index.js';
import { TOOLS } from '../src/tools/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the README', () => {
  it.each(TOOLS.map((t) => t.name))('documents the tool %s and its parameters', (name) => {
    expect(readme).toContain(`### \`${name}\``);
    const section = readme.slice(readme.indexOf(`### \`${name}\``)).split('\n### ')[0] ?? '';
    const tool = TOOLS.find((t) => t.name === name);
    const undocumented = Object.keys(tool?.inputSchema ?? {}).filter(
      // The list filters are documented once, with contraforce_list_incidents.
      (param) => !section.includes(`\`${param}\``) && !(FILTER_FIELDS as readonly string[]).includes(param),
    );
    expect(undocumented).toEqual([]);
  });

  it.each(PROMPTS.map((p) => p.name))('documents the prompt %s', (name) => {
    expect(readme).toContain(`| \`${name}\``);
  });

  it('keeps the two quick-start commands', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
  });
});
