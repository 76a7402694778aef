// `npm run bench`: what users feel, side by side with what they could pick instead, as ratios.
// Runs the built server (dist/cli.js, no tsx) as a child process against the simulator, which
// runs here. Prints a table and writes docs/benchmarks.md. Not part of `npm test`.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { encode } from 'gpt-tokenizer';
import { request } from 'undici';
import { createDataset } from '../src/simulator/dataset.js';
import { type Simulator, startSimulator } from '../src/simulator/server.js';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const BIN = root('dist/cli.js');
const EVERYTHING = root('node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const BRIDGE = root('node_modules/@ivotoby/openapi-mcp-server/bin/mcp-server.js');
const SPEC = root('spec/list-incidents-across-workspaces.openapi.yaml');
const NOW = Date.parse('2026-12-04T15:30:00Z');
const CONTEXT_WINDOW = { since: '2026-11-20T00:00:00Z', until: '2026-12-02T00:00:00Z' };
const started = Date.now();

interface Row {
  metric: string;
  ours: string;
  other: string;
  ratio: string;
  target: string;
  pass: boolean | null;
}
const rows: Row[] = [];
const notes: string[] = [];
const log = (text: string) => process.stderr.write(`${text}\n`);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const textOf = (result: unknown) => ((result as CallToolResult).content[0] as { text: string }).text;
const tokens = (text: string) => encode(text).length;

function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('CONTRAFORCE_') && !k.startsWith('MCP_')) env[k] = v;
  }
  return { ...env, ...extra };
}

async function mcpClient(args: string[], env: Record<string, string>) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args,
    env: cleanEnv(env),
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  return { client, pid: transport.pid };
}

function ourEnv(sim: Simulator, extra: Record<string, string> = {}) {
  return {
    CONTRAFORCE_BASE_URL: sim.url,
    CONTRAFORCE_API_TOKEN: sim.credentials.token,
    CONTRAFORCE_LOG_LEVEL: 'error',
    ...extra,
  };
}

// 1. Cold start: spawn to the initialize response (and to the tools/list response).
async function coldStart(args: string[], env: Record<string, string>) {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env: cleanEnv(env), stdio: ['pipe', 'pipe', 'ignore'] });
  const times: number[] = [];
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (times.length === 0 && buffer.includes('"id":1')) {
        times.push(performance.now() - t0);
        child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
        child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} })}\n`);
      }
      if (times.length === 1 && buffer.includes('"id":2')) {
        times.push(performance.now() - t0);
        resolve();
      }
    });
    child.on('error', reject);
    child.stdin.write(
      `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } })}\n`,
    );
  });
  child.kill();
  await new Promise((resolve) => child.on('exit', resolve));
  return { initialize: times[0] ?? Number.NaN, toolsList: times[1] ?? Number.NaN };
}

async function benchColdStart() {
  log('cold start …');
  const runs = 15;
  const ours: { initialize: number; toolsList: number }[] = [];
  const reference: { initialize: number; toolsList: number }[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const a = await coldStart([BIN], {
      CONTRAFORCE_API_TOKEN: 'bench-token',
      CONTRAFORCE_LOG_LEVEL: 'error',
    });
    const b = await coldStart([EVERYTHING, 'stdio'], {});
    if (i >= 2) {
      ours.push(a);
      reference.push(b);
    }
  }
  const oursInit = percentile(
    ours.map((r) => r.initialize),
    50,
  );
  const refInit = percentile(
    reference.map((r) => r.initialize),
    50,
  );
  const oursList = percentile(
    ours.map((r) => r.toolsList),
    50,
  );
  const refList = percentile(
    reference.map((r) => r.toolsList),
    50,
  );
  rows.push({
    metric: `Cold start: spawn to initialize response (median of ${runs})`,
    ours: ms(oursInit),
    other: `${ms(refInit)} (server-everything)`,
    ratio: `${(oursInit / refInit).toFixed(2)}x`,
    target: '<= 0.5x',
    pass: oursInit / refInit <= 0.5,
  });
  rows.push({
    metric: `Cold start: spawn to tools/list response (median of ${runs})`,
    ours: ms(oursList),
    other: `${ms(refList)} (server-everything)`,
    ratio: `${(oursList / refList).toFixed(2)}x`,
    target: '(reported)',
    pass: null,
  });
}

// 2. Call overhead: a list round trip through MCP against the same API request made directly.
async function benchCallOverhead(sim: Simulator) {
  log('call overhead …');
  const { client } = await mcpClient([BIN], ourEnv(sim));
  const body = JSON.stringify({ isFirstCall: true, timeFilterSelection: { type: 'TwentyFourHours' } });
  const direct = async () => {
    const response = await request(`${sim.url}/api/v2/incidents/across-workspaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sim.credentials.token}` },
      body,
    });
    JSON.parse(await response.body.text());
  };
  const viaMcp = () =>
    client.callTool({ name: 'contraforce_list_incidents', arguments: { window: '24h', limit: 50 } });
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  for (let i = 0; i < 10; i++) {
    await direct();
    await viaMcp();
  }
  const directTimes: number[] = [];
  const mcpTimes: number[] = [];
  for (let i = 0; i < 60; i++) {
    directTimes.push(await time(direct));
    mcpTimes.push(await time(viaMcp));
  }
  // The same with 50 ms of API latency, closer to a SaaS API across the internet.
  sim.injectFault({ kind: 'latency', ms: 50 }, Number.POSITIVE_INFINITY);
  const slowDirect: number[] = [];
  const slowMcp: number[] = [];
  for (let i = 0; i < 20; i++) {
    slowDirect.push(await time(direct));
    slowMcp.push(await time(viaMcp));
  }
  sim.clearFaults();
  await client.close();
  const p50 = [percentile(mcpTimes, 50), percentile(directTimes, 50)] as const;
  const p95 = [percentile(mcpTimes, 95), percentile(directTimes, 95)] as const;
  rows.push({
    metric: 'Call overhead p50: contraforce_list_incidents (limit 50) vs direct POST',
    ours: ms(p50[0]),
    other: `${ms(p50[1])} (undici POST + JSON.parse)`,
    ratio: `${(p50[0] / p50[1]).toFixed(2)}x`,
    target: '<= 1.2x',
    pass: p50[0] / p50[1] <= 1.2,
  });
  const slow = [percentile(slowMcp, 50), percentile(slowDirect, 50)] as const;
  rows.push({
    metric: 'Call overhead p50 with 50 ms API latency',
    ours: ms(slow[0]),
    other: ms(slow[1]),
    ratio: `${(slow[0] / slow[1]).toFixed(2)}x`,
    target: '(reported)',
    pass: null,
  });
  rows.push({
    metric: 'Call overhead p95',
    ours: ms(p95[0]),
    other: ms(p95[1]),
    ratio: `${(p95[0] / p95[1]).toFixed(2)}x`,
    target: '(reported)',
    pass: null,
  });
}

// 3. Context cost: what the model reads for N incidents, against the raw API JSON and a bridge.
async function benchContext(sim: Simulator) {
  log('context cost …');
  const { client } = await mcpClient([BIN], ourEnv(sim));
  const bridge = await mcpClient([BRIDGE], {
    API_BASE_URL: sim.url,
    OPENAPI_SPEC_PATH: SPEC,
    API_HEADERS: `Authorization:Bearer ${sim.credentials.token}`,
    VERBOSE: 'false',
  });
  const bridgeTool = (await bridge.client.listTools()).tools[0]?.name ?? '';
  const wireById = new Map(sim.dataset.incidents.map((i) => [i.id, i.wire]));
  for (const n of [20, 50, 100]) {
    for (const format of ['concise', 'detailed'] as const) {
      // A window without the planted odd records (all in the last day): one 60,000-character
      // description would flatter the ratio.
      const result = await client.callTool({
        name: 'contraforce_list_incidents',
        arguments: { ...CONTEXT_WINDOW, limit: n, responseFormat: format },
      });
      const text = textOf(result);
      if (result.isError) throw new Error(`contraforce_list_incidents failed: ${text}`);
      const ids = (result.structuredContent as { incidents: { id: string }[] }).incidents.map((i) => i.id);
      const raw = JSON.stringify(ids.map((id) => wireById.get(id)));
      const required = ['#', 'High', 'New', '·', 'created', 'entities:'].every((s) => text.includes(s));
      rows.push({
        metric: `Context: ${n} incidents, ${format} text vs their raw API JSON`,
        ours: `${text.length} chars / ${tokens(text)} tok`,
        other: `${raw.length} chars / ${tokens(raw)} tok`,
        ratio: `${((100 * text.length) / raw.length).toFixed(1)}%`,
        target: format === 'concise' ? '<= 10%' : '(reported)',
        pass: format === 'concise' ? text.length / raw.length <= 0.1 && required : null,
      });
    }
  }
  // The bridge returns the whole API chunk for a call; per incident is the fair unit.
  const bridged = await bridge.client.callTool({
    name: bridgeTool,
    arguments: {
      isFirstCall: true,
      timeFilterSelection: {
        type: 'Custom',
        customStartUtc: `${CONTEXT_WINDOW.since.slice(0, 19)}Z`,
        customEndUtc: `${CONTEXT_WINDOW.until.slice(0, 19)}Z`,
      },
    },
  });
  const bridgedText = textOf(bridged);
  const bridgedCount = (JSON.parse(bridgedText) as { data: { incidents: unknown[] } }).data.incidents.length;
  const ours100 = await client.callTool({
    name: 'contraforce_list_incidents',
    arguments: { window: '7d', limit: 100 },
  });
  const oursText = textOf(ours100);
  const perOurs = oursText.length / 100;
  const perBridge = bridgedText.length / bridgedCount;
  rows.push({
    metric: 'Context per incident: concise vs OpenAPI bridge (@ivotoby/openapi-mcp-server)',
    ours: `${perOurs.toFixed(0)} chars`,
    other: `${perBridge.toFixed(0)} chars (${bridgedCount} incidents in one ${bridgedText.length}-char result)`,
    ratio: `${((100 * perOurs) / perBridge).toFixed(1)}%`,
    target: '(reported)',
    pass: null,
  });
  await client.close();
  await bridge.client.close();
}

// 4. Round trips and echo cost for 1,000 incidents across 6 workspaces.
async function benchWalk() {
  log('walking 1,000 incidents …');
  const full = createDataset({ now: NOW });
  const six = new Set(full.workspaces.slice(0, 6).map((w) => w.id));
  const dataset = { ...full, workspaces: full.workspaces.slice(0, 6) };
  dataset.incidents = full.incidents.filter((i) => six.has(i.workspaceId)).slice(-1_000);
  const sim = await startSimulator({ dataset, now: () => NOW });
  const window = { since: '2026-10-01T00:00:00Z' };
  const { client } = await mcpClient([BIN], ourEnv(sim));
  let calls = 0;
  let cursorChars = 0;
  let maxCursor = 0;
  let seen = 0;
  let result = await client.callTool({
    name: 'contraforce_list_incidents',
    arguments: { ...window, limit: 100 },
  });
  for (;;) {
    calls++;
    const s = result.structuredContent as { returned: number; nextCursor: string | null };
    seen += s.returned;
    if (!s.nextCursor) break;
    cursorChars += s.nextCursor.length;
    maxCursor = Math.max(maxCursor, s.nextCursor.length);
    result = await client.callTool({
      name: 'contraforce_list_incidents',
      arguments: { cursor: s.nextCursor },
    });
  }
  await client.close();

  const bridge = await mcpClient([BRIDGE], {
    API_BASE_URL: sim.url,
    OPENAPI_SPEC_PATH: SPEC,
    API_HEADERS: `Authorization:Bearer ${sim.credentials.token}`,
    VERBOSE: 'false',
  });
  const tool = (await bridge.client.listTools()).tools[0]?.name ?? '';
  const filters = {
    timeFilterSelection: {
      type: 'Custom',
      customStartUtc: '2026-10-01T00:00:00Z',
      customEndUtc: new Date(NOW).toISOString(),
    },
  };
  let bridgeCalls = 0;
  let echoChars = 0;
  let bridgeSeen = 0;
  let tokensNext: unknown = null;
  for (;;) {
    const args = tokensNext
      ? { ...filters, isFirstCall: false, workspacePageTokens: tokensNext }
      : { ...filters, isFirstCall: true };
    if (tokensNext) echoChars += JSON.stringify(tokensNext).length;
    const page = JSON.parse(textOf(await bridge.client.callTool({ name: tool, arguments: args }))) as {
      data: { incidents: unknown[]; sourcePageTokens: unknown[]; moreIncidentsAvailable: boolean };
    };
    bridgeCalls++;
    bridgeSeen += page.data.incidents.length;
    if (!page.data.moreIncidentsAvailable) break;
    tokensNext = page.data.sourcePageTokens;
  }
  await bridge.client.close();
  await sim.stop();
  rows.push({
    metric: `Walk ${seen} incidents / 6 workspaces: tool calls (limit 100 vs API pages of 50 per source)`,
    ours: `${calls} calls`,
    other: `${bridgeCalls} calls (${bridgeSeen} incidents)`,
    ratio: `${(calls / bridgeCalls).toFixed(2)}x`,
    target: 'one call per page',
    pass: calls === Math.ceil(seen / 100),
  });
  rows.push({
    metric: 'Walk: characters the model must echo back (cursor vs page-token set)',
    ours: `${cursorChars} chars (longest cursor ${maxCursor})`,
    other: `${echoChars} chars`,
    ratio: `${((100 * cursorChars) / Math.max(1, echoChars)).toFixed(2)}%`,
    target: 'cursor <= 64 chars',
    pass: maxCursor <= 64,
  });
}

// 5. Aggregation throughput and memory, in three fresh server processes per size.
function peakRssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
}

async function benchStats() {
  const results: { n: number; seconds: number; perSecond: number; peakMb: number }[] = [];
  // Absolute instants, so every run reads exactly the same incidents whatever the wall clock says.
  const window = {
    since: new Date(NOW - 30 * 86_400_000).toISOString(),
    until: new Date(NOW + 1).toISOString(),
  };
  for (const n of [10_000, 100_000]) {
    const dataset = createDataset({ now: NOW, count: n });
    const sim = await startSimulator({ dataset, now: () => NOW, pageSize: 500 });
    const runs: { n: number; seconds: number; peakMb: number }[] = [];
    for (let run = 1; run <= 3; run++) {
      log(`stats over ${n} incidents, run ${run} of 3 …`);
      const { client, pid } = await mcpClient([BIN], ourEnv(sim));
      const t = performance.now();
      const result = await client.callTool(
        {
          name: 'contraforce_incident_stats',
          arguments: { ...window, maxPages: 500, maxIncidents: 1_000_000 },
        },
        undefined,
        { timeout: 300_000 },
      );
      const seconds = (performance.now() - t) / 1000;
      const { scanned } = result.structuredContent as { scanned: { incidents: number; complete: boolean } };
      runs.push({ n: scanned.incidents, seconds, peakMb: pid ? peakRssKb(pid) / 1024 : Number.NaN });
      await client.close();
      if (!scanned.complete) notes.push(`stats over ${n} did not complete`);
    }
    await sim.stop();
    // The median of three fresh processes: one process's peak RSS varies with GC timing.
    const seconds = percentile(
      runs.map((r) => r.seconds),
      50,
    );
    const scanned = runs[0]?.n ?? 0;
    const peakMb = percentile(
      runs.map((r) => r.peakMb),
      50,
    );
    results.push({ n: scanned, seconds, perSecond: scanned / seconds, peakMb });
  }
  const [small, large] = results as [(typeof results)[0], (typeof results)[0]];
  for (const r of results) {
    rows.push({
      metric: `Stats over ${r.n} incidents (page size 500; median of 3 processes)`,
      ours: `${Math.round(r.perSecond)} incidents/s, ${r.seconds.toFixed(2)} s`,
      other: `peak RSS ${r.peakMb.toFixed(0)} MB`,
      ratio: '',
      target: '(reported)',
      pass: null,
    });
  }
  const growth = large.peakMb - small.peakMb;
  rows.push({
    metric: 'Stats memory: peak RSS at 100k minus at 10k',
    ours: `${growth.toFixed(1)} MB`,
    other: '',
    ratio: `${(large.perSecond / small.perSecond).toFixed(2)}x throughput`,
    target: '<= 20 MB',
    pass: growth <= 20,
  });
}

function table(): string {
  const header = ['Metric', 'contraforce-mcp', 'Alternative', 'Ratio', 'Target', 'Result'];
  const lines = rows.map((r) => [
    r.metric,
    r.ours,
    r.other,
    r.ratio,
    r.target,
    r.pass === null ? '' : r.pass ? 'pass' : 'FAIL',
  ]);
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

const sim = await startSimulator({ now: () => NOW });
await benchColdStart();
await benchCallOverhead(sim);
await benchContext(sim);
await sim.stop();
await benchWalk();
await benchStats();

const pkg = JSON.parse(readFileSync(root('package.json'), 'utf8')) as { version: string };
const output = table();
process.stdout.write(`${output}\n`);
const report = `# Benchmarks

Measured by \`npm run bench\` (\`scripts/bench.ts\`) on ${new Date().toISOString().slice(0, 10)}: contraforce-mcp ${pkg.version}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${((Date.now() - started) / 1000).toFixed(0)} s in all.
The server runs as the built executable (\`node dist/cli.js\`, no tsx) in a child process over stdio; the
ContraForce simulator runs in the benchmark process on loopback with no added latency, so every API
call costs only the simulator's own work. These machines are noisy: compare the ratios, not the
absolute times.

${output}

How each row is measured:
- Cold start: spawn of the executable to the \`initialize\` response (and on to the \`tools/list\`
  response), median of 15 runs alternating with \`@modelcontextprotocol/server-everything\` started the
  same way (\`node dist/index.js stdio\`).
- Call overhead: 60 calls of \`contraforce_list_incidents\` (\`window 24h\`, \`limit 50\`, each a new
  listing, so each makes one API request) through the SDK client over stdio, interleaved with the same
  API request sent directly with undici and parsed with \`JSON.parse\`; then 20 of each with 50 ms of
  simulated API latency.
- Context: incidents created 2026-11-20 to 2026-12-02 (the planted odd records, one with a 60,000-character
  description, lie outside); characters of the text the model reads, and o200k tokens (\`gpt-tokenizer\`), against
  \`JSON.stringify\` of the same incidents as the API sent them, and against what the generic
  OpenAPI-to-MCP bridge \`@ivotoby/openapi-mcp-server\` returns for one API call with the vendor spec.
- Walk: 1,000 incidents of 6 workspaces, \`limit 100\` with cursors, against the bridge, where the model
  must send the whole page-token set back on every call.
- Stats: \`contraforce_incident_stats\` over 30 days of 10,000 and 100,000 incidents (simulator page
  size 500, so API pages of up to 9,000 incidents), three fresh server processes for each size;
  peak RSS is the child's \`VmHWM\`, median of the three.
${notes.length ? `\nNotes: ${notes.join('; ')}.\n` : ''}
Reproduce: \`npm ci && npm run bench\`.
`;
writeFileSync(root('docs/benchmarks.md'), report);
log(`wrote docs/benchmarks.md in ${((Date.now() - started) / 1000).toFixed(0)} s`);
