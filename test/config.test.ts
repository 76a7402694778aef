import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('defaults', () => {
    const config = loadConfig({ CONTRAFORCE_CLIENT_ID: 'id', CONTRAFORCE_CLIENT_SECRET: 'secret' });
    expect(config).toEqual({
      demo: false,
      baseUrl: 'https://portal.contraforce.com',
      credentials: { kind: 'basic', clientId: 'id', clientSecret: 'secret' },
      timezone: 'UTC',
      workspaces: null,
      connectTimeoutMs: 30_000,
      headersTimeoutMs: 30_000,
      bodyTimeoutMs: 30_000,
      maxAttempts: 3,
      cursorTtlMs: 3_600_000,
      cursorStoreUrl: null,
      logLevel: 'info',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('a Bearer token, an allowlist, a zone and timeouts', () => {
    const config = loadConfig({
      CONTRAFORCE_API_TOKEN: 'tok',
      CONTRAFORCE_WORKSPACES: ' Contoso Health , 6f1c, ,Contoso Health',
      CONTRAFORCE_TIMEZONE: 'europe/berlin',
      CONTRAFORCE_TIMEOUT_MS: '5000',
      CONTRAFORCE_BODY_TIMEOUT_MS: '60000',
    });
    expect(config.credentials).toEqual({ kind: 'bearer', token: 'tok' });
    expect(config.workspaces).toEqual(['Contoso Health', '6f1c']);
    expect(config.timezone).toBe('Europe/Berlin');
    expect([config.connectTimeoutMs, config.headersTimeoutMs, config.bodyTimeoutMs]).toEqual([
      5000, 5000, 60000,
    ]);
  });

  it.each([
    [
      {},
      'No ContraForce credentials: set CONTRAFORCE_CLIENT_ID and CONTRAFORCE_CLIENT_SECRET (a service account with incidents:read), or CONTRAFORCE_API_TOKEN; or run with --demo to try the built-in simulator.',
    ],
    [
      { CONTRAFORCE_CLIENT_ID: 'id' },
      "CONTRAFORCE_CLIENT_SECRET is not set; set it to the service account's client secret.",
    ],
    [
      { CONTRAFORCE_CLIENT_SECRET: 's' },
      "CONTRAFORCE_CLIENT_ID is not set; set it to the service account's client id.",
    ],
    [
      { CONTRAFORCE_API_TOKEN: 't', CONTRAFORCE_CLIENT_ID: 'id' },
      'Set either CONTRAFORCE_CLIENT_ID and CONTRAFORCE_CLIENT_SECRET (HTTP Basic) or CONTRAFORCE_API_TOKEN (Bearer), not both.',
    ],
    [
      { CONTRAFORCE_API_TOKEN: 't', CONTRAFORCE_TIMEZONE: 'Mars/Base' },
      'CONTRAFORCE_TIMEZONE "Mars/Base" is not an IANA time zone; set it to e.g. Europe/Berlin, America/New_York or UTC.',
    ],
    [
      { CONTRAFORCE_API_TOKEN: 't', CONTRAFORCE_BASE_URL: 'portal.contraforce.com' },
      'CONTRAFORCE_BASE_URL: base URL "portal.contraforce.com" is not a URL; use e.g. https://portal.contraforce.com.',
    ],
    [
      { CONTRAFORCE_API_TOKEN: 't', CONTRAFORCE_TIMEOUT_MS: 'soon' },
      'CONTRAFORCE_TIMEOUT_MS must be a whole number',
    ],
    [
      { CONTRAFORCE_API_TOKEN: 't', CONTRAFORCE_MAX_ATTEMPTS: '0' },
      'CONTRAFORCE_MAX_ATTEMPTS must be at least 1',
    ],
    [
      { CONTRAFORCE_API_TOKEN: 't', CONTRAFORCE_LOG_LEVEL: 'loud' },
      'CONTRAFORCE_LOG_LEVEL must be one of debug, info, warn, error',
    ],
  ])('%j fails with one line saying what to set', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).toBe(message);
    }
  });
});
