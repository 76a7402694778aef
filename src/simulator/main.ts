// `npm run simulator`: a ContraForce API simulator on loopback, for trying the server by hand.
import { parseArgs } from 'node:util';
import { startSimulator } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string' },
    'page-size': { type: 'string' },
  },
});

const sim = await startSimulator({
  port: Number(values.port),
  host: values.host,
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  ...(values['page-size'] ? { pageSize: Number(values['page-size']) } : {}),
});
const { clientId, clientSecret, token } = sim.credentials;
console.log(`ContraForce simulator listening on ${sim.url}
  ${sim.dataset.incidents.length} incidents in ${sim.dataset.workspaces.length} workspaces, page size ${sim.pageSize} per workspace source
  demo credentials: CONTRAFORCE_CLIENT_ID=${clientId} CONTRAFORCE_CLIENT_SECRET=${clientSecret} (or CONTRAFORCE_API_TOKEN=${token})

Try it:
  curl -s -u ${clientId}:${clientSecret} -H 'content-type: application/json' \\
    -d '{"isFirstCall":true,"severities":["High"]}' ${sim.url}/api/v2/incidents/across-workspaces

Use it with the MCP server:
  CONTRAFORCE_BASE_URL=${sim.url} CONTRAFORCE_CLIENT_ID=${clientId} CONTRAFORCE_CLIENT_SECRET=${clientSecret} npx contraforce-mcp

Ctrl-C stops it.`);

const stop = async () => {
  await sim.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
