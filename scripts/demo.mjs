// `npm run demo`: the real thing end to end. Starts `contraforce-mcp --demo` (built-in simulator)
// as a subprocess, drives it over stdio with the MCP SDK's client, and prints what the model sees.
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const rule = (title) =>
  console.log(`\n${'─'.repeat(8)} ${title} ${'─'.repeat(Math.max(4, 70 - title.length))}`);

const transport = new StdioClientTransport({
  command: process.execPath,
  args: [bin, '--demo'],
  env: { ...process.env, CONTRAFORCE_LOG_LEVEL: 'warn' },
  stderr: 'inherit',
});
const client = new Client({ name: 'contraforce-demo', version: '1.0.0' });
await client.connect(transport);

try {
  rule('tools/list');
  const { tools } = await client.listTools();
  for (const tool of tools) {
    console.log(`${tool.name}: ${tool.title ?? ''} (readOnly=${tool.annotations?.readOnlyHint})`);
    console.log(`  parameters: ${Object.keys(tool.inputSchema.properties ?? {}).join(', ')}`);
  }
  const { prompts } = await client.listPrompts();
  console.log(`prompts: ${prompts.map((p) => p.name).join(', ')}`);

  const ask = { severities: ['High'], window: 'today', limit: 5 };
  rule(`contraforce_list_incidents ${JSON.stringify(ask)}`);
  const page1 = await client.callTool({ name: 'contraforce_list_incidents', arguments: ask });
  console.log(page1.content[0].text);

  const cursor = page1.structuredContent?.nextCursor;
  if (cursor) {
    rule(`contraforce_list_incidents {"cursor":"${cursor}"}`);
    const page2 = await client.callTool({ name: 'contraforce_list_incidents', arguments: { cursor } });
    console.log(page2.content[0].text);
  }

  const stats = { window: 'today' };
  rule(`contraforce_incident_stats ${JSON.stringify(stats)}`);
  const overview = await client.callTool({ name: 'contraforce_incident_stats', arguments: stats });
  console.log(overview.content[0].text);

  const pivot = { entity: '203.0.113.66', entityType: 'ip', window: '30d' };
  rule(`contraforce_find_related_incidents ${JSON.stringify(pivot)}`);
  const related = await client.callTool({ name: 'contraforce_find_related_incidents', arguments: pivot });
  console.log(related.content[0].text);
} finally {
  await client.close();
}
