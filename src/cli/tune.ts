/** `reglens tune`: cross-validate each experiment's λ grid in this process, print the curve, save a tuning record. */
import { relative, resolve } from 'node:path';
import type { ExperimentSpec } from '../config';
import { driveTuning, inThisThread, planTuning, type TuningProgress, type TuningRecord, type TuningResult } from '../core';
import { loadTuningRows, tuningRecord, tuningSettings } from '../io/tuning';
import { TuningStore } from '../io/tuningStore';
import type { Command } from './args';
import { chooseExperiments, readConfig } from './configFile';
import { formatNumber, formatTable } from './format';

type TuneCommand = Extract<Command, { name: 'tune' }>;
type Outcome = { experiment: string; record: TuningRecord; path: string } | { experiment: string; error: string };

/** Returns the exit code: 0 ok, 1 a tuning failed, 2 a bad config. */
export async function tuneCommand(command: TuneCommand, mediaDir: string): Promise<number> {
  const config = await readConfig(command.config);
  if (config.hasErrors) return 2;

  const store = new TuningStore(resolve(command.out ?? config.dir));
  const outcomes: Outcome[] = [];
  for (const experiment of chooseExperiments(config, command.experiment)) {
    outcomes.push(await tuneOne(experiment, command, { configDir: config.dir, mediaDir, store }));
  }

  if (command.json) {
    process.stdout.write(`${JSON.stringify({ config: config.path, store: store.tuningsDir, tunings: outcomes }, null, 2)}\n`);
  } else {
    for (const outcome of outcomes) process.stdout.write(`\n${'error' in outcome ? `${outcome.experiment}: failed: ${outcome.error}` : report(outcome)}\n`);
  }
  return outcomes.some((o) => 'error' in o || o.record.result.chosen === null) ? 1 : 0;
}

async function tuneOne(experiment: ExperimentSpec, command: TuneCommand, where: { configDir: string; mediaDir: string; store: TuningStore }): Promise<Outcome> {
  const name = experiment.name;
  try {
    const { rows } = await loadTuningRows(experiment.data, where);
    const settings = tuningSettings(experiment, command.strategy ?? undefined);
    const createdAt = new Date();
    const driven = await driveTuning(planTuning(experiment.spec, settings, rows), inThisThread(rows), progressLine(name)).result;
    if (driven.kind !== 'completed') throw new Error('the tuning was cancelled');
    const { result } = driven;
    const record = tuningRecord(experiment, settings, rows.rows, result, createdAt);
    const path = await where.store.save(record);
    process.stderr.write(`${name}: tuned ${result.lambdas.length} λ × ${result.folds} folds in ${(result.cost.wallMs / 1000).toFixed(1)}s\n`);
    return { experiment: name, record, path };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name}: failed: ${message}\n`);
    return { experiment: name, error: message };
  }
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
  const header = ['λ', `train ${metric}`, `val ${metric} (CV)`, 'sparsity', '‖W‖_F', 'epochs', ''];
  const rows = result.curve.map((point) => {
    const [train, val] = pick(point);
    const marks = [point.lambda === result.lambdaMin?.lambda && 'λ_min', point.lambda === result.lambda1se?.lambda && 'λ_1se'].filter(Boolean);
    return [
      formatNumber(point.lambda),
      `${formatNumber(train.mean)} ± ${formatNumber(train.se)}`,
      `${formatNumber(val.mean)} ± ${formatNumber(val.se)}`,
      `${(point.sparsity * 100).toFixed(1)}%`,
      formatNumber(point.frobenius),
      point.epochs.toFixed(0),
      `${marks.join(' ')}${point.diverged > 0 ? ` (${point.diverged} folds diverged)` : ''}`,
    ];
  });
  const { cost } = result;
  const lines = [
    `${record.experiment}: ${record.spec.regularization.penalty} λ by ${result.folds}-fold CV on ${record.rows} rows (${result.strategy}${result.warmStart ? ', warm starts' : ''})`,
    formatTable([header, ...rows], [true, true, true, true, true, true, false]),
  ];
  if (result.dropped.length > 0) lines.push(`Dropped early by halving: ${result.dropped.map((d) => `${formatNumber(d.lambda)} (after ${d.epochs} epochs)`).join(', ')}`);
  lines.push(
    result.lambdaMin && result.lambda1se
      ? `λ_min = ${formatNumber(result.lambdaMin.lambda)} (${formatNumber(result.lambdaMin.mean)} ± ${formatNumber(result.lambdaMin.se)}), λ_1se = ${formatNumber(result.lambda1se.lambda)} (${formatNumber(result.lambda1se.mean)}); rule ${result.rule} → λ = ${formatNumber(result.chosen)}`
      : 'No λ finished with a finite score: every fold diverged (lower the learning rate).',
    `Cost: ${cost.epochs} epochs (a plain grid's budget: ${cost.gridEpochs}), ${(cost.wallMs / 1000).toFixed(1)}s. Saved in ${relative(process.cwd(), path)}`,
  );
  return lines.join('\n');
}
