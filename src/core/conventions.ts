/**
 * Other libraries' regularization hyperparameters as RegLens penalties, one row per convention.
 * Each library's objective is rescaled to put a plain mean of the data loss in front (a positive
 * factor keeps the minimizer); what is left of its penalty is a RegLens λ under the row's `scale`:
 *
 *   sklearn Lasso(alpha)               (1/2m)·RSS + α‖w‖₁                ×2     sum: λ = 2α (L1)
 *   sklearn ElasticNet(alpha, l1_ratio r)  (1/2m)·RSS + αr‖w‖₁ + α(1−r)/2·‖w‖²  ×2
 *                                       sum: λ = α(1 + r), ρ = 2r/(1 + r)   (r = ½ ⇒ ρ = ⅔, λ = 1.5α)
 *   sklearn Ridge(alpha)               RSS + α‖w‖²                       ÷m     2m: λ = 2α (L2)
 *   sklearn LogisticRegression(C, l1_ratio r)  C·Σ loss + r‖w‖₁ + (1−r)/2·‖w‖²  ÷Cm
 *                                       2m: λ = (1 + r)/C, ρ = 2r/(1 + r)  (L2: r = 0, L1: r = 1)
 *   sklearn MLPClassifier(alpha)       mean loss + α/(2n)·Σ‖W‖², n = rows per batch
 *                                       2m: λ = α when n = m (solver lbfgs or batch_size = m)
 *   sklearn MLPRegressor(alpha)        ½·mean (ŷ−y)² + α/(2n)·Σ‖W‖²  ×2   2m: λ = 2α when n = m
 *   glmnet gaussian (lambda, alpha a)  (1/2m)·RSS + λ[(1−a)/2‖β‖² + a‖β‖₁]  ×2
 *                                       sum: λ_R = λ(1 + a), ρ = 2a/(1 + a)
 *   glmnet binomial / multinomial      −(1/m)·loglik + λ[(1−a)/2‖β‖² + a‖β‖₁]
 *                                       sum: λ_R = λ(1 + a)/2, ρ = 2a/(1 + a)
 *   Keras regularizers L1L2(l1, l2)    mean loss + l1·Σ|w| + l2·Σw²       sum: λ = l1 + l2, ρ = l1/(l1 + l2)
 *   PyTorch SGD/Adam(weight_decay)     gradient + wd·w (coupled)          half: λ = wd (L2)
 *   PyTorch AdamW / Keras optimizer weight_decay   w ← w − η·wd·w (decoupled)   weightDecay = wd
 */
import type { LossName, PenaltyName, PenaltyScale, RegularizationSpec } from './spec';
import { scaleFactor } from './penalties';

/** The conventions `regularization.convention` accepts: Keras regularizers are already `scale: "sum"`. */
export type ConventionName =
  | 'reglens'
  | 'sklearn.Lasso'
  | 'sklearn.ElasticNet'
  | 'sklearn.Ridge'
  | 'sklearn.LogisticRegression'
  | 'sklearn.MLPClassifier'
  | 'sklearn.MLPRegressor'
  | 'glmnet.gaussian'
  | 'glmnet.binomial'
  | 'torch.weight_decay';

/** A library's two numbers: its strength (alpha, C, lambda, weight_decay…) and its L1 mixing, if any. */
export interface LibraryValues {
  value: number;
  mixing: number;
}

/** The part of a RegLens regularization block a convention decides. */
export type ConventionPenalty = Pick<RegularizationSpec, 'penalty' | 'lambda' | 'scale' | 'l1Ratio'>;

/**
 * A regularization block written in a library's terms (`convention`: `lambda` is the library's
 * strength, `l1Ratio` its mixing) in RegLens's terms; the convention stays, for the objective text.
 */
export function inReglensTerms(reg: RegularizationSpec): RegularizationSpec {
  const convention = reg.convention === 'reglens' || reg.penalty === 'none' ? undefined : findConvention(reg.convention);
  return convention ? { ...reg, ...fromLibrary(convention, { value: reg.lambda, mixing: reg.l1Ratio }, reg.penalty) } : reg;
}

/** E.g. "sklearn ElasticNet(alpha, l1_ratio): alpha=1, l1_ratio=0.5", or null when the library cannot say it. */
export function describeInLibrary(convention: Convention, reg: ConventionPenalty, m: number): string | null {
  const values = toLibrary(convention, reg, m);
  if (!values) return null;
  const parts = [`${convention.parameter}=${round(values.value)}`];
  if (convention.mixingParameter && (convention.penalty === null ? reg.penalty === 'elasticNet' || convention.id === 'keras.regularizers' : true)) {
    parts.push(`${convention.mixingParameter}=${round(values.mixing)}`);
  }
  return `${convention.library} ${convention.call}: ${parts.join(', ')}`;
}

function round(value: number): string {
  return String(Number(value.toPrecision(10)));
}

export interface Convention {
  /** How users name it in `regularization.convention` and `reglens convert`. */
  id: Exclude<ConventionName, 'reglens'> | 'keras.regularizers';
  library: 'scikit-learn' | 'glmnet' | 'Keras' | 'PyTorch';
  /** The library call, with its hyperparameters' own names. */
  call: string;
  parameter: string;
  mixingParameter: string | null;
  /** The library's objective as its documentation writes it. */
  objective: string;
  /** Data losses for which it is the same objective as RegLens's. */
  losses: readonly LossName[];
  /** The penalty it always applies, or null when the experiment's `penalty` says (l1, l2 or elasticNet). */
  penalty: Exclude<PenaltyName, 'none'> | null;
  /** Where the values themselves say which penalty it is (Keras: l1 only, l2 only, or both). */
  penaltyOf?(values: LibraryValues): Exclude<PenaltyName, 'none'>;
  /** The RegLens scale under which the conversion needs no row count. */
  scale: PenaltyScale;
  /** Library values → λ and l1Ratio under `scale`. */
  toLambda(values: LibraryValues): { lambda: number; l1Ratio: number };
  /** λ and l1Ratio under `scale` → library values. */
  fromLambda(lambda: number, l1Ratio: number): LibraryValues;
}

const regression: readonly LossName[] = ['mse'];
const classification: readonly LossName[] = ['binaryCrossEntropy', 'softmaxCrossEntropy'];
const anyLoss: readonly LossName[] = ['mse', 'binaryCrossEntropy', 'softmaxCrossEntropy'];

/** sklearn's l1_ratio r (or glmnet's alpha) ↔ RegLens ρ: the ½ on the L2 part makes ρ = 2r/(1 + r). */
const rho = (r: number) => (2 * r) / (1 + r);
const ratio = (rho: number) => rho / (2 - rho);

export const conventions: readonly Convention[] = [
  {
    id: 'sklearn.Lasso', library: 'scikit-learn', call: 'Lasso(alpha)', parameter: 'alpha', mixingParameter: null,
    objective: '(1/2m)·‖y − Xw − b‖² + alpha·‖w‖₁', losses: regression, penalty: 'l1', scale: 'sum',
    toLambda: ({ value }) => ({ lambda: 2 * value, l1Ratio: 1 }),
    fromLambda: (lambda) => ({ value: lambda / 2, mixing: 1 }),
  },
  {
    id: 'sklearn.ElasticNet', library: 'scikit-learn', call: 'ElasticNet(alpha, l1_ratio)', parameter: 'alpha', mixingParameter: 'l1_ratio',
    objective: '(1/2m)·‖y − Xw − b‖² + alpha·l1_ratio·‖w‖₁ + ½·alpha·(1 − l1_ratio)·‖w‖²', losses: regression, penalty: 'elasticNet', scale: 'sum',
    toLambda: ({ value, mixing }) => ({ lambda: value * (1 + mixing), l1Ratio: rho(mixing) }),
    fromLambda: (lambda, l1Ratio) => ({ value: (lambda * (2 - l1Ratio)) / 2, mixing: ratio(l1Ratio) }),
  },
  {
    id: 'sklearn.Ridge', library: 'scikit-learn', call: 'Ridge(alpha)', parameter: 'alpha', mixingParameter: null,
    objective: '‖y − Xw − b‖² + alpha·‖w‖²', losses: regression, penalty: 'l2', scale: '2m',
    toLambda: ({ value }) => ({ lambda: 2 * value, l1Ratio: 0 }),
    fromLambda: (lambda) => ({ value: lambda / 2, mixing: 0 }),
  },
  {
    id: 'sklearn.LogisticRegression', library: 'scikit-learn', call: 'LogisticRegression(C, penalty, l1_ratio)', parameter: 'C', mixingParameter: 'l1_ratio',
    objective: 'C·Σ_i loss_i + l1_ratio·‖w‖₁ + ½·(1 − l1_ratio)·‖w‖²  (penalty l2: l1_ratio 0, l1: 1)', losses: classification, penalty: null, scale: '2m',
    toLambda: ({ value, mixing }) => ({ lambda: (1 + mixing) / value, l1Ratio: rho(mixing) }),
    fromLambda: (lambda, l1Ratio) => ({ value: (1 + ratio(l1Ratio)) / lambda, mixing: ratio(l1Ratio) }),
  },
  {
    id: 'sklearn.MLPClassifier', library: 'scikit-learn', call: 'MLPClassifier(alpha), full batch', parameter: 'alpha', mixingParameter: null,
    objective: 'mean loss + (alpha/2n)·Σ‖W‖²_F, n = rows per batch (this row: n = m, solver lbfgs or batch_size = m)', losses: classification, penalty: 'l2', scale: '2m',
    toLambda: ({ value }) => ({ lambda: value, l1Ratio: 0 }),
    fromLambda: (lambda) => ({ value: lambda, mixing: 0 }),
  },
  {
    id: 'sklearn.MLPRegressor', library: 'scikit-learn', call: 'MLPRegressor(alpha), full batch', parameter: 'alpha', mixingParameter: null,
    objective: '½·mean (ŷ − y)² + (alpha/2n)·Σ‖W‖²_F, n = rows per batch (this row: n = m)', losses: regression, penalty: 'l2', scale: '2m',
    toLambda: ({ value }) => ({ lambda: 2 * value, l1Ratio: 0 }),
    fromLambda: (lambda) => ({ value: lambda / 2, mixing: 0 }),
  },
  {
    id: 'glmnet.gaussian', library: 'glmnet', call: 'glmnet(family = "gaussian", lambda, alpha)', parameter: 'lambda', mixingParameter: 'alpha',
    objective: '(1/2m)·RSS + lambda·[½(1 − alpha)·‖β‖² + alpha·‖β‖₁]', losses: regression, penalty: 'elasticNet', scale: 'sum',
    toLambda: ({ value, mixing }) => ({ lambda: value * (1 + mixing), l1Ratio: rho(mixing) }),
    fromLambda: (lambda, l1Ratio) => ({ value: (lambda * (2 - l1Ratio)) / 2, mixing: ratio(l1Ratio) }),
  },
  {
    id: 'glmnet.binomial', library: 'glmnet', call: 'glmnet(family = "binomial" | "multinomial", lambda, alpha)', parameter: 'lambda', mixingParameter: 'alpha',
    objective: '−(1/m)·loglik + lambda·[½(1 − alpha)·‖β‖² + alpha·‖β‖₁]', losses: classification, penalty: 'elasticNet', scale: 'sum',
    toLambda: ({ value, mixing }) => ({ lambda: (value * (1 + mixing)) / 2, l1Ratio: rho(mixing) }),
    fromLambda: (lambda, l1Ratio) => ({ value: lambda * (2 - l1Ratio), mixing: ratio(l1Ratio) }),
  },
  {
    id: 'keras.regularizers', library: 'Keras', call: 'regularizers.L1L2(l1, l2)', parameter: 'l1', mixingParameter: 'l2',
    objective: 'mean loss + l1·Σ|w| + l2·Σw²', losses: anyLoss, penalty: null, scale: 'sum',
    penaltyOf: ({ value, mixing }) => (value > 0 && mixing > 0 ? 'elasticNet' : value > 0 ? 'l1' : 'l2'),
    toLambda: ({ value, mixing }) => ({ lambda: value + mixing, l1Ratio: value + mixing > 0 ? value / (value + mixing) : 0 }),
    fromLambda: (lambda, l1Ratio) => ({ value: lambda * l1Ratio, mixing: lambda * (1 - l1Ratio) }),
  },
  {
    id: 'torch.weight_decay', library: 'PyTorch', call: 'SGD / Adam(weight_decay)', parameter: 'weight_decay', mixingParameter: null,
    objective: 'mean loss, with weight_decay·w added to the gradient (coupled: Adam rescales it too)', losses: anyLoss, penalty: 'l2', scale: 'half',
    toLambda: ({ value }) => ({ lambda: value, l1Ratio: 0 }),
    fromLambda: (lambda) => ({ value: lambda, mixing: 0 }),
  },
];

/** Decoupled weight decay is the same formula everywhere: RegLens `weightDecay` takes the value as is. */
export const decoupledWeightDecay = [
  { id: 'torch.AdamW', call: 'AdamW(weight_decay)', update: 'w ← w − lr·weight_decay·w' },
  { id: 'keras.optimizers', call: 'optimizers.AdamW / SGD(weight_decay)', update: 'w ← w − learning_rate·weight_decay·w' },
] as const;

export function findConvention(id: string): Convention | undefined {
  return conventions.find((c) => c.id === id);
}

/** The ρ a penalty name implies when the library has no mixing parameter, or the given one for elastic net. */
function impliedRatio(penalty: PenaltyName, l1Ratio: number): number {
  return penalty === 'l1' ? 1 : penalty === 'l2' ? 0 : l1Ratio;
}

/**
 * The RegLens penalty for a library's values. `penalty` is the experiment's (used when the
 * convention leaves it open); for sklearn's LogisticRegression the mixing is implied by it.
 */
export function fromLibrary(convention: Convention, values: LibraryValues, penalty: PenaltyName = 'elasticNet'): ConventionPenalty {
  const chosen = convention.penalty ?? convention.penaltyOf?.(values) ?? (penalty === 'none' ? 'l2' : penalty);
  const mixing = convention.id === 'sklearn.LogisticRegression' ? impliedRatio(chosen, values.mixing) : values.mixing;
  const { lambda, l1Ratio } = convention.toLambda({ value: values.value, mixing });
  return { penalty: chosen, lambda, scale: convention.scale, l1Ratio: chosen === 'elasticNet' ? l1Ratio : 0.5 };
}

/**
 * The library's values for a RegLens penalty on m training rows, or null when the library cannot
 * express it (a Lasso cannot be an L2 penalty; a coupled weight decay is not an L1 one).
 */
export function toLibrary(convention: Convention, reg: ConventionPenalty, m: number): LibraryValues | null {
  if (reg.penalty === 'none') return null;
  if (convention.penalty !== null && convention.penalty !== reg.penalty && convention.penalty !== 'elasticNet') return null;
  const lambda = reg.scale === convention.scale ? reg.lambda : (reg.lambda * scaleFactor(reg.scale, m)) / scaleFactor(convention.scale, m);
  return convention.fromLambda(lambda, impliedRatio(reg.penalty, reg.l1Ratio));
}
