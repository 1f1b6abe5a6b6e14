/**
 * Issue 17's goal table, every figure from this run's earlier sections: training speed against
 * PyTorch on one thread (per CPU-second, wall beside), both cores for one run against PyTorch's
 * faster thread count (wall), the GEMMs' share of the WebAssembly FMA
 * ceiling, the pool's speed-up for tuning, the driving thread's stall; then accuracy and memory.
 */
import type { PeerResult } from '../peers/result';
import { flopsPerSample, prepareTask, type TaskName } from '../tasks';
import type { BenchContext, Section } from './section';

/** null: a goal not measured; undefined: a figure shown beside the goals, with none of its own. */
const verdict = (ok: boolean | null | undefined) => (ok === undefined ? '' : ok === null ? 'not measured' : ok ? 'met' : 'missed');
const times = (value: number | null) => (value === null ? '–' : `${value.toFixed(2)}×`);

function result(context: BenchContext, task: TaskName, peer: string): PeerResult | undefined {
  return context.medians.get(task)?.get(peer);
}

/** RegLens ÷ PyTorch per CPU-second, and per wall-clock second; `ours` picks RegLens's figure. */
function ratios(context: BenchContext, task: TaskName, ours: (r: PeerResult) => [number, number]): { cpu: number; wall: number } | null {
  const reglens = result(context, task, 'RegLens'), torch = result(context, task, 'PyTorch');
  if (!reglens || !torch) return null;
  const [cpu, wall] = ours(reglens);
  return { cpu: cpu / torch.samplesPerSecond, wall: wall / torch.wallSamplesPerSecond };
}

const steps = (r: PeerResult): [number, number] => [r.samplesPerSecond, r.wallSamplesPerSecond];

/** RegLens on both cores ÷ PyTorch at its faster thread count (1 or 2), by the wall clock: two threads trade CPU time for wall time. */
function bothCores(context: BenchContext): { ratio: number; text: string } | null {
  const ours = result(context, 'synth', 'RegLens (2 threads)');
  const torch = ['PyTorch', 'PyTorch (2 threads)'].map((name) => result(context, 'synth', name)).filter((r): r is PeerResult => r !== undefined);
  if (!ours || torch.length === 0) return null;
  const best = torch.reduce((a, b) => (b.wallSamplesPerSecond > a.wallSamplesPerSecond ? b : a));
  const ratio = ours.wallSamplesPerSecond / best.wallSamplesPerSecond;
  const threads = best.peer === 'PyTorch' ? 1 : 2;
  const speedup = context.splitSpeedup ? `; split GEMMs alone ${context.splitSpeedup.toFixed(2)}× on two threads` : '';
  return { ratio, text: `${times(ratio)} wall (${Math.round(ours.wallSamplesPerSecond).toLocaleString('en-US')} vs ${Math.round(best.wallSamplesPerSecond).toLocaleString('en-US')} samples/s, PyTorch's best at ${threads} thread${threads > 1 ? 's' : ''}${speedup})` };
}
const withReport = (r: PeerResult): [number, number] => [Number(r.extra?.samplesPerSecondWithDiagnostics), Number(r.extra?.wallSamplesPerSecondWithDiagnostics)];

/**
 * Digits with its whole report, computed on the helper thread while the next epoch trains, ÷ PyTorch's
 * bare steps, by the wall clock: the whole run and the median epochs.
 */
function reportOnHelper(context: BenchContext): { whole: number; steady: number } | null {
  const ours = result(context, 'digits', 'RegLens (2 threads)'), torch = result(context, 'digits', 'PyTorch');
  if (!ours?.extra?.helperReports || !torch) return null;
  const { wallSamplesPerSecondWithDiagnostics: whole, steadyWallSamplesPerSecondWithDiagnostics: steady } = ours.extra;
  return { whole: Number(whole) / torch.wallSamplesPerSecond, steady: Number(steady) / (torch.steadySamplesPerSecond ?? NaN) };
}

/** RegLens's median epoch (its steps, or with `report` its whole epoch) ÷ PyTorch's median epoch's steps, per CPU-second. */
function steadyRatio(context: BenchContext, task: TaskName, report: boolean): number | null {
  const reglens = result(context, task, 'RegLens'), torch = result(context, task, 'PyTorch');
  const ours = report ? Number(reglens?.extra?.steadySamplesPerSecondWithDiagnostics) : reglens?.steadySamplesPerSecond;
  const theirs = torch?.steadySamplesPerSecond;
  return ours && theirs ? ours / theirs : null;
}

export const goals: Section = {
  id: 'goals',
  title: "Issue 17's goals",
  run(context) {
    const digits = ratios(context, 'digits', steps);
    const digitsReport = ratios(context, 'digits', withReport);
    const [digitsSteady, digitsReportSteady] = [steadyRatio(context, 'digits', false), steadyRatio(context, 'digits', true)];
    const onHelper = reportOnHelper(context);
    const synth = ratios(context, 'synth', steps);
    const cores = bothCores(context);
    const ceiling = context.ceiling;
    const kernelShare = ceiling && context.stepGflops?.get('synth') ? context.stepGflops.get('synth')! / ceiling : null;
    const synthRun = result(context, 'synth', 'RegLens');
    const runShare = ceiling && synthRun ? (synthRun.samplesPerSecond * flopsPerSample(prepareTask('synth').sizes)) / 1e9 / ceiling : null;
    const tuning = context.tuning;
    const ours = result(context, 'digits', 'RegLens'), torch = result(context, 'digits', 'PyTorch');
    const accuracyGap = ours?.validationAccuracy != null && torch?.validationAccuracy != null ? Math.abs(ours.validationAccuracy - torch.validationAccuracy) * 100 : null;
    const rss = ours?.maxRssMB ?? null;
    const row = (figure: string, measured: string, goal: string, ok?: boolean | null) => `| ${figure} | ${measured} | ${goal} | ${verdict(ok)} |`;
    const pair = (r: { cpu: number; wall: number } | null) => (r ? `${times(r.cpu)} (wall ${times(r.wall)})` : '–');
    return [
      `Ratios per CPU-second (wall-clock beside); sgemm peak ${context.peak.gflops.toFixed(1)} GFLOP/s (${context.peak.source}); WebAssembly FMA ceiling ${ceiling?.toFixed(1) ?? '–'} GFLOP/s.`,
      '',
      '| figure | measured | goal | |',
      '|---|---:|---:|---|',
      row('digits training steps vs PyTorch, 1 thread', pair(digits), '≥ 2.5×', digits && digits.cpu >= 2.5),
      row('the same, median epoch (once warm: without V8 compiling the loop in the first epochs)', times(digitsSteady), '≥ 2.5×', digitsSteady === null ? null : digitsSteady >= 2.5),
      row("digits with the full per-epoch report vs PyTorch's bare steps", pair(digitsReport), '≥ 2.0×', digitsReport && digitsReport.cpu >= 2),
      row("the same, median epoch vs PyTorch's median epoch", times(digitsReportSteady), '≥ 2.0×', digitsReportSteady === null ? null : digitsReportSteady >= 2),
      row("digits with the full per-epoch report computed on the second core while the next epoch trains (a single run in VS Code or the CLI) vs PyTorch's bare steps, wall clock", onHelper ? `${times(onHelper.whole)} (median epoch ${times(onHelper.steady)})` : '–', '≥ 2.0×', onHelper ? onHelper.whole >= 2 : null),
      row('synth vs PyTorch, 1 thread, RegLens on one core', pair(synth), '≥ 0.75×', synth && synth.cpu >= 0.75),
      row('synth, RegLens on both cores vs PyTorch at its best thread count (1 or 2)', cores?.text ?? '–', '≥ 1.0×', cores ? cores.ratio >= 1 : null),
      row("synth: one step's GEMMs (kernels alone) as a share of the FMA ceiling", kernelShare === null ? '–' : `${Math.round(100 * kernelShare)}%`, '≥ 85%', kernelShare === null ? null : kernelShare >= 0.85),
      row('synth: whole training steps (GEMM FLOPs per CPU-second) as a share of the FMA ceiling', runShare === null ? '–' : `${Math.round(100 * runShare)}%`, '–'),
      row('tuning, pool of 2 vs 1 worker (13 λ × 5 folds, digits)', tuning ? `${tuning.speedup.toFixed(2)}× (two-core ceiling here ${tuning.ceiling.toFixed(2)}×)` : '–', '≥ 1.85×', tuning ? tuning.speedup >= 1.85 : null),
      row('longest stall of the thread driving the pool (the extension host’s part) while it tunes', tuning ? `${tuning.longestGapMs.toFixed(1)} ms` : '–', '< 10 ms', tuning ? tuning.longestGapMs < 10 : null),
      row('extension activation time', 'not measured by the bench (integration tier)', '< 10 ms', null),
      row('digits: validation accuracy within 0.5 points of PyTorch', accuracyGap === null ? '–' : `${accuracyGap.toFixed(2)} points`, '≤ 0.5', accuracyGap === null ? null : accuracyGap <= 0.5),
      row('peak RSS of a process training digits', rss === null ? '–' : `${rss.toFixed(0)} MB`, '< 150 MB', rss === null ? null : rss < 150),
    ];
  },
};
