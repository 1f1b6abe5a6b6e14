// Set at build time by esbuild's `define` from package.json's version; 'dev' in builds without it.
declare const REGLENS_VERSION: string | undefined;

export const reglensVersion: string = typeof REGLENS_VERSION === 'string' ? REGLENS_VERSION : 'dev';
