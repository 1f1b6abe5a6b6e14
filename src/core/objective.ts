/** The objective a run optimizes, as text, and its λ in the other conventions users know. */
import { describeInLibrary, findConvention } from './conventions';
import { scaleFactor } from './penalties';
import { regularizersText } from './regularizers/table';
import type { LossName, PenaltyScale, RegularizationSpec } from './spec';

const lossText: Record<LossName, string> = {
  mse: 'mean (ŷ − y)²',
  binaryCrossEntropy: 'mean BCE(σ(z), y)',
  softmaxCrossEntropy: 'mean CE(softmax(z), y)',
};

const scaleText: Record<PenaltyScale, string> = { '2m': 'λ/2m', half: 'λ/2', sum: 'λ' };

/** The penalty's λ under each scale, plus the framework names they correspond to. */
export interface LambdaEquivalents {
  '2m': number;
  half: number;
  sum: number;
  /** torch.optim.SGD(weight_decay=…) on a mean loss: the gradient λ·w, i.e. scale 'half'. */
  pytorchWeightDecay: number;
  /** keras.regularizers.l2(…) / l1(…): scale 'sum'. */
  keras: number;
}

/** λ under `to` that gives the same penalty as `lambda` under `from`. */
export function convertLambda(lambda: number, from: PenaltyScale, to: PenaltyScale, m: number): number {
  return (lambda * scaleFactor(from, m)) / scaleFactor(to, m);
}

export function lambdaEquivalents(reg: Pick<RegularizationSpec, 'lambda' | 'scale'>, m: number): LambdaEquivalents {
  const to = (scale: PenaltyScale) => convertLambda(reg.lambda, reg.scale, scale, m);
  return { '2m': to('2m'), half: to('half'), sum: to('sum'), pytorchWeightDecay: to('half'), keras: to('sum') };
}

function penaltyText(reg: RegularizationSpec): string {
  const bias = reg.applyToBias ? ' (weights and biases)' : '';
  const k = scaleText[reg.scale];
  switch (reg.penalty) {
    case 'none':
      return '';
    case 'l1':
      return ` + (${k})·Σ|w|${bias}`;
    case 'l2':
      return ` + (${k})·Σ‖W‖²_F${bias}`;
    case 'elasticNet':
      return ` + (${k})·[ρ·Σ|w| + (1 − ρ)·Σ‖W‖²_F]${bias}`;
  }
}

/** E.g. "mean CE(softmax(z), y) + (λ/2m)·Σ‖W‖²_F, λ=0.01, m=1437". */
export function describeObjective(reg: RegularizationSpec, loss: LossName, m: number): string {
  const parts = [lossText[loss] + penaltyText(reg)];
  if (reg.penalty !== 'none') parts.push(`λ=${reg.lambda}`);
  if (reg.penalty === 'elasticNet') parts.push(`ρ=${reg.l1Ratio}`);
  if (reg.penalty !== 'none' && reg.scale === '2m') parts.push(`m=${m}`);
  let text = parts.join(', ');
  if (reg.weightDecay > 0) text += `; decoupled weight decay w ← w − η·${reg.weightDecay}·w`;
  const convention = reg.convention === 'reglens' ? undefined : findConvention(reg.convention);
  const library = convention && reg.penalty !== 'none' ? describeInLibrary(convention, reg, m) : null;
  if (library) text += `; written as ${library}`;
  return text + regularizersText(reg, loss);
}
