/** A whole tuning in this thread through the one stage driver, as `reglens tune` runs it. */
import { driveTuning, inThisThread, planTuning, type Dataset, type TrainSpec, type TuningResult, type TuningSettings } from '../../../src/core';

export async function tuneHere(spec: TrainSpec, settings: TuningSettings, rows: Dataset): Promise<TuningResult> {
  const driven = await driveTuning(planTuning(spec, settings, rows), inThisThread(rows)).result;
  if (driven.kind !== 'completed') throw new Error('the tuning was cancelled');
  return driven.result;
}
