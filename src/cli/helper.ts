/** The helper thread of the CLI's runs, which train one at a time (see io/helperThread.ts). */
import { availableParallelism } from 'node:os';
import { HelperThread } from '../io/helperThread';

/** A helper thread, started now, on a machine of two cores or more; `script` is the built kernelHelper.js. */
export function startHelper(script: string): HelperThread | undefined {
  if (availableParallelism() < 2) return undefined;
  const helper = new HelperThread(script);
  void helper.start();
  return helper;
}
