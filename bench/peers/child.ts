/** The peers that run in node: `bench.js --peer <name> <task>` prints one PeerResult line. */
import { typescriptKernels } from '../../src/core';
import { enableRelaxedSimd } from '../../src/io/wasmFeatures';
import type { TaskName } from '../tasks';
import { runRegLens, startedHelper } from './reglens';
import type { PeerResult } from './result';

const children: Record<string, (task: TaskName) => PeerResult | Promise<PeerResult>> = {
  reglens: (task) => runRegLens(task),
  'reglens-typescript': (task) => runRegLens(task, typescriptKernels),
  'reglens-threads': async (task) => runRegLens(task, undefined, await startedHelper()),
  // Loaded only when asked, so RegLens's process (and its peak memory) carries no TensorFlow.js.
  'tfjs-cpu': async (task) => (await import('./tfjs_peer')).runTfjs(task, 'cpu'),
  'tfjs-wasm': async (task) => (await import('./tfjs_peer')).runTfjs(task, 'wasm'),
};

export async function runChild(name: string, task: TaskName): Promise<void> {
  enableRelaxedSimd();
  const run = children[name];
  if (!run) throw new Error(`Unknown peer "${name}": expected one of ${Object.keys(children).join(', ')}.`);
  console.log(JSON.stringify(await run(task)));
}
