/**
 * Checks the schema cannot express: settings that contradict each other, or that are valid JSON
 * but mean something the user probably did not intend. Settings come from the experiment, else
 * from `defaults`; a problem is reported where the setting is written.
 */
import { findNodeAtLocation, type JSONPath, type Node } from 'jsonc-parser';
import { bundledDatasets, defaultModel, type PenaltyName } from '../core';
import type { LineMap, Problem, Severity } from './problem';
import { defaultSplit, defaultSynthetic } from './toSpec';

const usesL1Ratio: Record<PenaltyName, boolean> = { none: false, l1: false, l2: false, elasticNet: true };

/** One experiment with `defaults` underneath it. */
interface Experiment {
  /** The experiment's own setting. */
  own(path: JSONPath): Node | undefined;
  /** The experiment's setting, else the one in `defaults`. */
  setting(path: JSONPath): Node | undefined;
}

type Report = (node: Node, severity: Severity, code: string, message: string) => void;

export function checkSemantics(root: Node, lines: LineMap): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const report: Report = (node, severity, code, message) => {
    const key = `${code}@${node.offset}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ message, severity, range: lines.range(node.offset, node.length), code });
  };
  const defaults = objectAt(root, ['defaults']);
  const experimentNodes = (objectAt(root, ['experiments'], 'array')?.children ?? []).filter((n) => n.type === 'object');
  for (const section of [...experimentNodes, ...(defaults ? [defaults] : [])]) checkValues(section, report);
  checkDuplicateNames(experimentNodes, lines, report);
  for (const node of experimentNodes) {
    const experiment: Experiment = {
      own: (path) => findNodeAtLocation(node, path),
      setting: (path) => findNodeAtLocation(node, path) ?? (defaults && findNodeAtLocation(defaults, path)),
    };
    checkL1Ratio(experiment, report);
    checkTwoShrinkages(experiment, report);
    checkFista(experiment, report);
    checkEarlyStopping(experiment, report);
    checkSyntheticSplit(experiment, report);
    checkTrainingStepRegularizers(experiment, report);
    checkGroupedStratify(experiment, report);
  }
  return problems;
}

/** Values wrong on their own, in an experiment or in `defaults`. */
function checkValues(section: Node, report: Report): void {
  const lambda = numberAt(section, ['regularization', 'lambda']);
  if (lambda && lambda.value < 0) {
    report(lambda, 'error', 'lambda-negative', `λ must be ≥ 0: a negative penalty rewards large weights (got ${lambda.value})`);
  }
  const l1Ratio = numberAt(section, ['regularization', 'l1Ratio']);
  if (l1Ratio && (l1Ratio.value < 0 || l1Ratio.value > 1)) {
    report(l1Ratio, 'error', 'l1Ratio-range', `l1Ratio is the share of L1 in the elastic net and must lie in [0, 1] (got ${l1Ratio.value})`);
  }
  const min = numberAt(section, ['tuning', 'lambdas', 'min']);
  const max = numberAt(section, ['tuning', 'lambdas', 'max']);
  if (min && max && max.value <= min.value) {
    report(max, 'error', 'lambda-grid-order', `The λ grid's max (${max.value}) must be greater than its min (${min.value})`);
  }
}

function checkDuplicateNames(experiments: Node[], lines: LineMap, report: Report): void {
  const firstLine = new Map<string, number>();
  for (const experiment of experiments) {
    const name = findNodeAtLocation(experiment, ['name']);
    if (name?.type !== 'string') continue;
    if (hasLoneSurrogate(name.value)) {
      // A lone surrogate has no UTF-8 form: two such names would share one run folder.
      report(name, 'error', 'name-not-unicode', 'The name holds an invalid character (a lone UTF-16 surrogate such as \\ud800): names become folder names');
      continue;
    }
    const earlier = firstLine.get(name.value);
    if (earlier === undefined) firstLine.set(name.value, lines.position(name.offset).line);
    else report(name, 'error', 'duplicate-name', `Another experiment on line ${earlier + 1} is already named "${name.value}": runs are stored by name`);
  }
}

function checkL1Ratio(experiment: Experiment, report: Report): void {
  const l1Ratio = experiment.own(['regularization', 'l1Ratio']);
  const penalty = stringValue(experiment.setting(['regularization', 'penalty'])) ?? 'none';
  if (!l1Ratio || !Object.hasOwn(usesL1Ratio, penalty) || usesL1Ratio[penalty as PenaltyName]) return;
  report(keyOf(l1Ratio), 'warning', 'l1Ratio-unused', `l1Ratio only applies to the "elasticNet" penalty; with "${penalty}" it is ignored`);
}

function checkTwoShrinkages(experiment: Experiment, report: Report): void {
  const weightDecay = experiment.setting(['regularization', 'weightDecay']);
  const decay = numberValue(weightDecay) ?? 0;
  const lambda = numberValue(experiment.setting(['regularization', 'lambda'])) ?? 0;
  const penalty = stringValue(experiment.setting(['regularization', 'penalty']));
  if (!weightDecay || decay <= 0 || penalty !== 'l2' || lambda <= 0) return;
  report(
    keyOf(weightDecay),
    'info',
    'weightDecay-with-l2',
    `Two shrinkages: the L2 penalty (λ = ${lambda}) and decoupled weight decay (${decay}) both pull the weights to 0, and their effects add up`,
  );
}

function checkFista(experiment: Experiment, report: Report): void {
  const optimizer = experiment.setting(['training', 'optimizer']);
  if (!optimizer || stringValue(optimizer) !== 'fista') return;
  const hiddenNode = experiment.setting(['model', 'hidden']);
  const hidden = hiddenNode ? hiddenNode.children?.length ?? 0 : defaultModel.hidden.length;
  if (hidden === 0) return;
  report(
    optimizer,
    'warning',
    'fista-hidden-layers',
    'fista converges only for convex models, and hidden layers make the objective non-convex: use "hidden": [] (a linear or logistic model) or another optimizer',
  );
}

function checkEarlyStopping(experiment: Experiment, report: Report): void {
  const earlyStopping = experiment.setting(['training', 'earlyStopping']);
  const validation = experiment.own(['data', 'validation']);
  if (earlyStopping?.type !== 'object' || (numberValue(validation) ?? defaultSplit.validation) !== 0) return;
  const where = validation && !experiment.own(['training', 'earlyStopping']) ? validation : keyOf(earlyStopping);
  report(where, 'error', 'earlyStopping-without-validation', 'Early stopping watches the validation loss, but "validation" is 0: hold out some data or remove earlyStopping');
}

/** Grouped folds keep groups whole and cannot also balance classes: an explicit `stratify: true` is not honoured. */
function checkGroupedStratify(experiment: Experiment, report: Report): void {
  const stratify = experiment.setting(['tuning', 'stratify']);
  if (stratify?.value !== true || experiment.own(['data', 'group'])?.type !== 'string') return;
  report(stratify, 'warning', 'stratify-with-groups', 'With a group column the folds keep each group whole and do not balance classes: "stratify" does not apply');
}

function hasLoneSurrogate(text: string): boolean {
  return /\p{Cs}/u.test(text);
}

/** A generated dataset's rows are known here: too few, or a split that leaves no training row, is an error now, not at training. */
function checkSyntheticSplit(experiment: Experiment, report: Report): void {
  const dataset = stringValue(experiment.own(['data', 'dataset']));
  if (dataset === undefined || Object.hasOwn(bundledDatasets, dataset)) return;
  const samplesNode = experiment.own(['data', 'samples']);
  const validationNode = experiment.own(['data', 'validation']);
  const samples = numberValue(samplesNode) ?? defaultSynthetic.samples;
  const classes = numberValue(experiment.own(['data', 'classes'])) ?? defaultSynthetic.classes;
  const needed = dataset === 'spiral' || dataset === 'blobs' ? 2 * classes : 4;
  if (samplesNode && samples < needed) {
    report(samplesNode, 'error', 'samples-too-few', `${dataset} with ${classes} classes needs at least ${needed} samples (two per class)`);
    return;
  }
  const validation = numberValue(validationNode) ?? defaultSplit.validation;
  if (!(validation >= 0 && validation < 1) || Math.round(samples * validation) < samples) return;
  report(validationNode ?? samplesNode!, 'error', 'validation-leaves-no-training', `Holding out ${validation} of ${samples} samples leaves no rows for training: lower "validation" or raise "samples"`);
}

/** Dropout rates one per hidden layer; dropout, noise and max-norm need minibatch steps; label smoothing needs classes. */
function checkTrainingStepRegularizers(experiment: Experiment, report: Report): void {
  const dropout = experiment.setting(['regularization', 'dropout']);
  const hiddenNode = experiment.setting(['model', 'hidden']);
  const hidden = hiddenNode?.type === 'array' ? hiddenNode.children?.length ?? 0 : defaultModel.hidden.length;
  if (dropout?.type === 'array' && dropout.children!.length !== hidden) {
    report(dropout, 'error', 'dropout-layers', `dropout lists ${dropout.children!.length} rates but the model has ${hidden} hidden layers: give one rate per hidden layer, or a single number`);
  }
  const optimizer = experiment.setting(['training', 'optimizer']);
  if (stringValue(optimizer) === 'fista') {
    for (const key of ['dropout', 'inputNoise', 'maxNorm']) {
      const node = experiment.setting(['regularization', key]);
      const on = node?.type === 'array' ? node.children!.some((rate) => (numberValue(rate) ?? 0) > 0) : (numberValue(node) ?? 0) > 0;
      if (node && on) report(keyOf(node), 'error', 'fista-step-regularizer', `${key} acts on minibatch steps; the fista optimizer does not take it: choose sgd, momentum, adam or adamw`);
    }
  }
  const smoothing = experiment.setting(['regularization', 'labelSmoothing']);
  const dataset = stringValue(experiment.own(['data', 'dataset']));
  const regression = dataset === 'polynomial' || dataset === 'diabetes' || stringValue(experiment.own(['data', 'task'])) === 'regression';
  if (smoothing && (numberValue(smoothing) ?? 0) > 0 && regression) {
    report(keyOf(smoothing), 'error', 'labelSmoothing-regression', 'labelSmoothing applies to classification; this experiment is a regression');
  }
}

function objectAt(root: Node, path: JSONPath, type: Node['type'] = 'object'): Node | undefined {
  const node = findNodeAtLocation(root, path);
  return node?.type === type ? node : undefined;
}

function numberAt(section: Node, path: JSONPath): (Node & { value: number }) | undefined {
  const node = findNodeAtLocation(section, path);
  return node?.type === 'number' ? (node as Node & { value: number }) : undefined;
}

function numberValue(node: Node | undefined): number | undefined {
  return node?.type === 'number' ? node.value : undefined;
}

function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? node.value : undefined;
}

/** The property name of a value: where "this setting" warnings belong. */
function keyOf(value: Node): Node {
  return value.parent?.type === 'property' ? value.parent.children?.[0] ?? value : value;
}
