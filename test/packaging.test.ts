import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const pkg = JSON.parse(read('package.json'));
const server = JSON.parse(read('server.json'));

describe('package and registry metadata', () => {
  it('has exactly one bin, contraforce-mcp, built under dist/', () => {
    expect(pkg.bin).toEqual({ 'contraforce-mcp': 'dist/cli.js' });
    expect(pkg.type).toBe('module');
    expect(pkg.engines.node).toBe('>=20.18.1');
  });

  it('server.json matches package.json and the registry rules', () => {
    expect(server.name).toBe(pkg.mcpName);
    expect(server.name).toMatch(/^[^/]+\/[^/]+$/);
    expect(server.version).toBe(pkg.version);
    expect(server.description.length).toBeLessThanOrEqual(100);
    expect(server.packages).toEqual([
      expect.objectContaining({
        registryType: 'npm',
        identifier: pkg.name,
        version: pkg.version,
        transport: { type: 'stdio' },
      }),
    ]);
  });

  it('every variable server.json names is documented in .env.example', () => {
    const example = read('.env.example');
    for (const variable of server.packages[0].environmentVariables) {
      expect(example).toContain(`${variable.name}=`);
    }
  });

  it('the Dockerfile builds on Node 22 slim in two stages and runs as a non-root user', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile.match(/^FROM node:22-slim/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('ENTRYPOINT ["node", "dist/cli.js"]');
  });
});
