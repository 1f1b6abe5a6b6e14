/**
 * Injected by esbuild where bundled ESM code reads `import.meta.url` (h5wasm's Node build), which a
 * CommonJS bundle does not have: the bundle's own file URL stands in for it.
 */
import { pathToFileURL } from 'node:url';

export const importMetaUrl = pathToFileURL(__filename).href;
