import { afterAll } from 'vitest';
import { type ContraForceClientOptions, createContraForceClient } from '../src/client/contraforceClient.js';
import { type Simulator, type SimulatorOptions, startSimulator } from '../src/simulator/server.js';

/** Starts a simulator for the current test file and stops it afterwards. */
export async function useSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator(options);
  afterAll(() => sim.stop());
  return sim;
}

/** A client for `sim` with fast retries; closed after the file's tests. */
export function clientFor(sim: Simulator, overrides: Partial<ContraForceClientOptions> = {}) {
  const client = createContraForceClient({
    baseUrl: sim.url,
    credentials: {
      kind: 'basic',
      clientId: sim.credentials.clientId,
      clientSecret: sim.credentials.clientSecret,
    },
    retryBaseDelayMs: 5,
    retryMaxDelayMs: 2_000,
    ...overrides,
  });
  afterAll(() => client.close());
  return client;
}

/** The requests the simulator logged since `mark` (an index into sim.requests). */
export function requestsSince(sim: Simulator, mark: number) {
  return sim.requests.slice(mark);
}
