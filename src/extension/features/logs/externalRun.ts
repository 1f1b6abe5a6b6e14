/** A log's run as the dashboard's contract carries it. */
import type { LogRun, RunAnalysis } from '../../../io/logs';
import { locatedMessage } from '../../../io/logs';
import type { ExternalRun } from '../../../protocol/webview';

export function toExternalRun(run: LogRun, analysis: RunAnalysis, source: string): ExternalRun {
  const series = Object.fromEntries(
    Object.entries(run.series).map(([name, s]) => [name, { ...s, values: s.values.map((v) => (Number.isFinite(v) ? v : null)) }]),
  );
  const { used } = analysis;
  return {
    id: `${source}#${run.name}`,
    name: run.name,
    format: run.format,
    source,
    axis: analysis.axis,
    used: { trainLoss: used.trainLoss ?? null, valLoss: used.valLoss ?? null, trainAccuracy: used.trainAccuracy ?? null, valAccuracy: used.valAccuracy ?? null },
    series,
    bestEpoch: analysis.bestEpoch,
    onset: analysis.onset,
    finalGap: analysis.finalGap,
    finalAccuracyGap: analysis.finalAccuracyGap,
    stepGap: { steps: analysis.gapBySteps.map((p) => p.step), values: analysis.gapBySteps.map((p) => p.gap) },
    problems: run.problems.map(locatedMessage),
  };
}
