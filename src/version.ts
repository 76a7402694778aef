import pkg from '../package.json' with { type: 'json' };

// Inlined by the bundler at build time, read as a JSON module under vitest and tsx.
export const PACKAGE_NAME: string = pkg.name;
export const PACKAGE_VERSION: string = pkg.version;
export const USER_AGENT = `${pkg.name}/${pkg.version}`;
