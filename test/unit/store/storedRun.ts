import { completeSpec, type TrainSpec, type RunRecord } from '../../../src/core';
import { newRunId } from '../../../src/io/runNames';

/** A finished run record as the stores keep it: no epochs, a two-feature regression, named by its moment. */
export function storedRun(experiment: string, createdAt: string, spec: TrainSpec = completeSpec()): RunRecord {
  const lambda = spec.regularization.lambda;
  return {
    format: 'reglens-run/1',
    id: newRunId(new Date(createdAt)),
    experiment,
    createdAt,
    reglensVersion: 'test',
    config: { name: experiment },
    spec,
    seed: spec.training.seed,
    objective: 'mean (ŷ − y)²',
    lambdaEquivalents: { '2m': lambda, half: lambda / 10, sum: lambda / 20, pytorchWeightDecay: lambda / 10, keras: lambda / 20 },
    dataset: { source: 'test', task: 'regression', features: 2, classes: 1, trainRows: 10, validationRows: 5, featureNames: ['a', 'b'], classNames: [] },
    metric: 'r2',
    epochs: [],
    summary: { stopReason: 'completed', message: 'done', bestEpoch: 0, overfittingOnset: null, final: null, compression: { parameters: 3, nonZeros: 3, denseBytes: 12, csrBytes: 24 } },
  };
}
