// Bundles the server into dist/ with esbuild: one entry (dist/cli.js) plus lazily loaded chunks
// (simulator for --demo, HTTP transport, Redis store). Loading one bundle instead of hundreds of
// modules is most of the cold-start time (see docs/benchmarks.md). Type checking is `npm run typecheck`.
import { chmod, rm } from 'node:fs/promises';
import { build } from 'esbuild';

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  keepNames: false,
  sourcemap: true,
  legalComments: 'linked',
  // Bundled CommonJS dependencies (undici, ajv) call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __cfRequire } from 'node:module'; const require = __cfRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
await chmod(new URL('../dist/cli.js', import.meta.url), 0o755);
