// Bundles every entry point with esbuild. Flags: --tests (unit, browser and integration tests to out/test), --e2e, --bench,
// --production (npm run package), --watch.
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildKernels } from './build-kernels.mjs';
import { buildEditorSchema } from './build-editor-schema.mjs';

const flags = new Set(process.argv.slice(2));
// --production (npm run package): what ships, minified, without source maps.
const production = flags.has('--production');
// mainFields: jsonc-parser's default (UMD) build requires files esbuild cannot see; its ESM build bundles.
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  keepNames: production,
  logLevel: 'warning',
  mainFields: ['module', 'main'],
  define: { REGLENS_VERSION: JSON.stringify(version), 'import.meta.url': 'importMetaUrl' },
  // h5wasm's Node build is ESM that reads import.meta.url; see the injected file.
  inject: ['src/io/checkpoints/importMetaUrl.ts'],
};

function filesUnder(dir, suffix) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, suffix) : path.endsWith(suffix) ? [path] : [];
  });
}

const browser = { bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: !production, logLevel: 'warning', minify: true };

// The WebAssembly kernels are compiled from AssemblyScript into a TypeScript file the bundles import.
await buildKernels();
buildEditorSchema();

const builds = [];
if (flags.has('--tests')) {
  builds.push(
    { ...node, entryPoints: filesUnder('test/unit', '.test.ts'), outdir: 'out/test/unit', outbase: 'test/unit' },
    // The browser test loads esbuild and playwright-core from node_modules at run time.
    { ...node, entryPoints: filesUnder('test/webview', '.test.ts'), outdir: 'out/test/webview', packages: 'external' },
    { ...node, entryPoints: filesUnder('test/integration', '.test.ts'), outdir: 'out/test/integration', external: ['vscode', 'mocha'] },
  );
} else if (flags.has('--e2e')) {
  // The end-to-end suite drives the packaged VSIX; playwright-core is loaded from node_modules.
  builds.push({
    bundle: true, platform: 'node', target: 'node20', format: 'esm', sourcemap: true, logLevel: 'warning', packages: 'external',
    entryPoints: ['test/e2e/main.ts'], outdir: 'out/test/e2e', outExtension: { '.js': '.mjs' },
  });
} else if (flags.has('--bench')) {
  builds.push({ ...node, entryPoints: ['bench/bench.ts', 'bench/profileSynth.ts'], outdir: 'out/bench' });
} else {
  builds.push(
    { ...node, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist', external: ['vscode'] },
    { ...node, entryPoints: { worker: 'src/worker/worker.ts' }, outdir: 'dist' },
    { ...node, entryPoints: { kernelHelper: 'src/worker/kernelHelper.ts' }, outdir: 'dist' },
    { ...node, entryPoints: { inspectWorker: 'src/worker/inspect.ts' }, outdir: 'dist' },
    { ...node, entryPoints: { inspectLayerWorker: 'src/worker/inspectLayers.ts' }, outdir: 'dist' },
    { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
    { ...browser, entryPoints: { webview: 'src/webview/main.ts' }, outdir: 'dist' },
    { ...browser, entryPoints: { inspectWebview: 'src/webview/inspect/main.ts' }, outdir: 'dist' },
  );
}

if (flags.has('--watch')) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
