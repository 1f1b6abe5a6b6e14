/** What the trainer refuses before it starts: regularizer settings out of range or that cannot combine. */
import type { TrainSpec } from '../spec';
import { dropoutRates, hasDropout } from './dropout';

/** Throws a sentence naming the setting; the config's checks report the same with a location. */
export function checkRegularizers({ regularization: reg, model, training }: TrainSpec): void {
  dropoutRates(reg.dropout, model.hidden.length).forEach((rate, l) => {
    if (!(rate >= 0 && rate < 1)) throw new Error(`regularization.dropout: the rate of hidden layer ${l + 1} must be in [0, 1), got ${rate}.`);
  });
  const ranges: [string, number, boolean][] = [
    ['maxNorm', reg.maxNorm, reg.maxNorm >= 0 && Number.isFinite(reg.maxNorm)],
    ['inputNoise', reg.inputNoise, reg.inputNoise >= 0 && Number.isFinite(reg.inputNoise)],
    ['labelSmoothing', reg.labelSmoothing, reg.labelSmoothing >= 0 && reg.labelSmoothing < 1],
  ];
  for (const [key, value, ok] of ranges) {
    if (!ok) throw new Error(`regularization.${key}: ${key === 'labelSmoothing' ? 'must be in [0, 1)' : 'must be a finite number ≥ 0'}, got ${value}.`);
  }
  const stepwise = hasDropout(reg.dropout) || reg.inputNoise > 0 || reg.maxNorm > 0;
  if (training.optimizer === 'fista' && stepwise) {
    throw new Error('Dropout, input noise and max-norm act on minibatch steps; the fista optimizer does not take them (choose sgd, momentum, adam or adamw).');
  }
}
