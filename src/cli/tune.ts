/** `reglens tune`: cross-validate each experiment's λ grid in this process, print the curve, save a tuning record. */
import { writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { ExperimentSpec } from '../config';
import { driveTuning, extendGrid, gridEnd, inThisThread, planTuning, type Dataset, type TrainSpec, type TuningProgress, type TuningRecord, type TuningResult, type TuningSettings } from '../core';
import { loadTuningRows, tuningRecord, tuningSettings } from '../io/tuning';
import { TuningStore } from '../io/tuningStore';
import { foldCutText } from '../protocol/foldCut';
import type { Command } from './args';
import { checkOutFolder, chooseExperiments, readConfig } from './configFile';
import { explainTuning } from './explain';
import { formatNumber, formatTable } from './format';
import { appliedConfig, type Applied } from './tuneApply';

type TuneCommand = Extract<Command, { name: 'tune' }>;
type Outcome =
  | { experiment: string; record: TuningRecord; path: string }
  | { experiment: string; error: string }
  | { experiment: string; skipped: string };

/** Returns the exit code: 0 ok, 1 a tuning failed, 2 a bad config. */
export async function tuneCommand(command: TuneCommand, mediaDir: string): Promise<number> {
  const config = await readConfig(command.config);
  if (config.hasErrors) return 2;
  await checkOutFolder(command.out);

  const store = new TuningStore(resolve(command.out ?? config.dir));
  const outcomes: Outcome[] = [];
  const experiments = chooseExperiments(config, command.experiment);
  for (const experiment of experiments) {
    if (experiment.spec.regularization.penalty === 'none') {
      outcomes.push({ experiment: experiment.name, skipped: 'penalty "none": no λ to tune (a baseline for train)' });
      continue;
    }
    outcomes.push(await tuneOne(experiment, command, { configDir: config.dir, mediaDir, store }));
  }
  const applied = command.apply ? appliedConfig(config.text, experiments, tuned(outcomes), command.apply) : null;
  if (applied && applied.changes.length > 0) await writeFile(config.path, applied.text, 'utf8');

  if (command.json) {
    process.stdout.write(`${JSON.stringify({ config: config.path, store: store.tuningsDir, tunings: outcomes, applied: applied?.changes ?? null }, null, 2)}\n`);
  } else {
    for (const outcome of outcomes) process.stdout.write(`\n${describe(outcome, experiments, command.apply !== null)}\n`);
    if (applied) process.stdout.write(`\n${appliedText(applied, relative(process.cwd(), config.path))}\n`);
  }
  return outcomes.some((o) => 'error' in o || ('record' in o && o.record.result.chosen === null)) ? 1 : 0;
}

function tuned(outcomes: Outcome[]): TuningRecord[] {
  return outcomes.flatMap((o) => ('record' in o ? [o.record] : []));
}

function describe(outcome: Outcome, experiments: ExperimentSpec[], applying: boolean): string {
  if ('error' in outcome) return `${outcome.experiment}: failed: ${outcome.error}`;
  if ('skipped' in outcome) return `${outcome.experiment}: skipped: ${outcome.skipped}.`;
  const spec = experiments.find((e) => e.name === outcome.experiment)!.spec;
  const explanation = applying ? '' : explainTuning(outcome.record, spec.regularization.lambda);
  return [report(outcome), explanation].filter(Boolean).join('\n');
}

/** A pick at an end of the grid may be cut off by it: say so, and how to look further. */
function edgeWarnings(result: TuningResult): string[] {
  const picks = [['λ_min', result.lambdaMin?.lambda], ['λ_1se', result.lambda1se?.lambda]] as const;
  return picks.flatMap(([name, lambda]) => {
    const end = gridEnd(result.lambdas, lambda);
    return end ? [`Warning: ${name} = ${formatNumber(lambda)} is the ${end} λ of the grid; the best λ may lie beyond it (reglens tune --extend tries two more decades there).`] : [];
  });
}

/** How the rows were cut: the options and the size of each fold. */
function foldsLine(record: TuningRecord): string {
  const { result } = record;
  const sizes = Array.from({ length: result.folds }, (_, fold) => (result.foldAssignment ?? []).filter((f) => f === fold).length);
  return `Folds: ${result.folds}, ${foldCutText(record)}; rows per fold ${sizes.join(', ')} (the assignment and per-fold scores are in the saved record).`;
}

function appliedText(applied: Applied, path: string): string {
  if (applied.changes.length === 0) return `Nothing applied to ${path}: no experiment has a pick.`;
  return applied.changes.map((c) => `Applied to ${path}: ${c.experiment} "lambda" ${formatNumber(c.from)} → ${formatNumber(c.to)} (λ_${c.rule === 'min' ? 'min' : '1se'}${c.convention ? `, in ${c.convention} terms` : ''}).`).join('\n');
}

async function tuneOne(experiment: ExperimentSpec, command: TuneCommand, where: { configDir: string; mediaDir: string; store: TuningStore }): Promise<Outcome> {
  const name = experiment.name;
  try {
    const { rows } = await loadTuningRows(experiment.data, where);
    const settings = tuningSettings(experiment, command.strategy ?? undefined);
    const createdAt = new Date();
    const tuneOver = (lambdas: TuningSettings['lambdas']) => tuneHere(experiment.spec, { ...settings, lambdas }, rows, name);
    let result = await tuneOver(settings.lambdas);
    const ends = [result.lambdaMin?.lambda, result.lambda1se?.lambda].map((lambda) => gridEnd(result.lambdas, lambda)).filter((end) => end !== null);
    if (command.extend && ends.length > 0) {
      let lambdas = result.lambdas;
      for (const end of new Set(ends)) lambdas = extendGrid(lambdas, end);
      process.stderr.write(`${name}: a pick sits at the grid's end: tuning again over ${lambdas.length} λ (${formatNumber(lambdas[0])} … ${formatNumber(lambdas.at(-1))})\n`);
      settings.lambdas = lambdas.filter((lambda) => lambda > 0);
      result = await tuneOver(settings.lambdas);
    }
    const { record, path } = await where.store.save(tuningRecord(experiment, settings, rows.rows, result, createdAt));
    process.stderr.write(`${name}: tuned ${result.lambdas.length} λ × ${result.folds} folds in ${(result.cost.wallMs / 1000).toFixed(1)}s\n`);
    return { experiment: name, record, path };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name}: failed: ${message}\n`);
    return { experiment: name, error: message };
  }
}

/** A whole tuning in this thread, through the same stage driver as the extension's pool. */
export async function tuneHere(spec: TrainSpec, settings: TuningSettings, rows: Dataset, name: string): Promise<TuningResult> {
  const driven = await driveTuning(planTuning(spec, settings, rows), inThisThread(rows), progressLine(name)).result;
  if (driven.kind !== 'completed') throw new Error('the tuning was cancelled');
  return driven.result;
}

/** One line per tenth of each stage on stderr (the run is synchronous: a redrawn bar would not repaint). */
function progressLine(name: string): (progress: TuningProgress) => void {
  let lastTenth = -1;
  return ({ stage, stages, done, total }) => {
    const tenth = Math.floor((done / total) * 10);
    if (done === 1) lastTenth = -1;
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    const rung = stages > 1 ? ` rung ${stage + 1}/${stages}` : '';
    process.stderr.write(`${name}:${rung} ${done}/${total} (λ, fold) trained\n`);
  };
}

function report({ record, path }: { record: TuningRecord; path: string }): string {
  const { result } = record;
  const metric = result.metric === 'valLoss' ? 'loss' : result.metricName;
  const pick = (p: TuningResult['curve'][number]) => (result.metric === 'valLoss' ? [p.trainLoss, p.valLoss] : [p.trainMetric, p.valMetric]);
  const header = ['λ', `train ${metric}`, `val ${metric} (CV)`, 'per fold', 'sparsity', '‖W‖_F', 'epochs', ''];
  const rows = result.curve.map((point) => {
    const [train, val] = pick(point);
    const marks = [point.lambda === result.lambdaMin?.lambda && 'λ_min', point.lambda === result.lambda1se?.lambda && 'λ_1se'].filter(Boolean);
    return [
      formatNumber(point.lambda),
      `${formatNumber(train.mean)} ± ${formatNumber(train.se)}`,
      `${formatNumber(val.mean)} ± ${formatNumber(val.se)}`,
      (point.foldScores ?? []).map(formatNumber).join(' '),
      `${(point.sparsity * 100).toFixed(1)}%`,
      formatNumber(point.frobenius),
      point.epochs.toFixed(0),
      `${marks.join(' ')}${point.diverged > 0 ? ` (${point.diverged} folds diverged)` : ''}`,
    ];
  });
  const { cost } = result;
  const lines = [
    `${record.experiment}: ${record.spec.regularization.penalty} λ by ${result.folds}-fold CV on ${record.rows} rows (${result.strategy}${result.warmStart ? ', warm starts' : ''})`,
    formatTable([header, ...rows], [true, true, true, false, true, true, true, false]),
    foldsLine(record),
  ];
  if (result.dropped.length > 0) lines.push(`Dropped early by halving: ${result.dropped.map((d) => `${formatNumber(d.lambda)} (after ${d.epochs} epochs)`).join(', ')}`);
  lines.push(...edgeWarnings(result));
  lines.push(
    result.lambdaMin && result.lambda1se
      ? `λ_min = ${formatNumber(result.lambdaMin.lambda)} (${formatNumber(result.lambdaMin.mean)} ± ${formatNumber(result.lambdaMin.se)}), λ_1se = ${formatNumber(result.lambda1se.lambda)} (${formatNumber(result.lambda1se.mean)}); rule ${result.rule} → λ = ${formatNumber(result.chosen)}`
      : 'No λ finished with a finite score: every fold diverged (lower the learning rate).',
    `Cost: ${cost.epochs} epochs (a plain grid's budget: ${cost.gridEpochs}), ${(cost.wallMs / 1000).toFixed(1)}s. Saved in ${relative(process.cwd(), path)}`,
  );
  return lines.join('\n');
}
