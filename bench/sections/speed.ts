/** Training speed of every peer on both tasks, alternating peers, median of several runs. */
import { peers, runPeer } from '../peers';
import type { PeerResult } from '../peers/result';
import { flopsPerSample, prepareTask, taskNames, type TaskName } from '../tasks';
import type { BenchContext, Section } from './section';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const format = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function measure(task: TaskName, context: BenchContext): { results: Map<string, PeerResult>; problems: Map<string, string> } {
  const samples = new Map<string, PeerResult[]>();
  const problems = new Map<string, string>();
  const failures = new Map<string, string[]>();
  const runnable = peers.filter((peer) => peer.tasks.includes(task));
  for (const peer of runnable) {
    const missing = peer.missing();
    if (missing) problems.set(peer.name, `missing: ${missing}`);
  }
  for (let run = 1; run <= context.runs; run++) {
    for (const peer of runnable.filter((p) => !problems.has(p.name))) {
      process.stdout.write(`  ${task} run ${run}/${context.runs}: ${peer.name}... `);
      const result = runPeer(peer, task);
      if ('failed' in result) {
        failures.set(peer.name, [...(failures.get(peer.name) ?? []), result.failed]);
        console.log(result.failed);
        continue;
      }
      console.log(`${format(result.samplesPerSecond)} samples/s`);
      samples.set(peer.name, [...(samples.get(peer.name) ?? []), result]);
    }
  }
  for (const [name, messages] of failures) {
    const runs = samples.get(name)?.length ?? 0;
    problems.set(name, `${runs > 0 ? `${messages.length} of ${context.runs} runs` : 'every run'} failed: ${messages[0]}`);
  }
  const results = new Map<string, PeerResult>();
  const twoThreaded = new Set(runnable.filter((peer) => (peer.threads ?? 1) > 1).map((peer) => peer.name));
  for (const [name, runs] of samples) {
    const steady = runs.flatMap((r) => (r.steadySamplesPerSecond === undefined ? [] : [r.steadySamplesPerSecond]));
    const steadyMiddle = steady.length > 0 ? { steadySamplesPerSecond: median(steady) } : {};
    if (twoThreaded.has(name)) {
      // Two threads trade CPU time for wall time: their median run is the median by the wall clock, kept whole.
      const middle = median(runs.map((r) => r.wallSamplesPerSecond));
      results.set(name, { ...(runs.find((r) => r.wallSamplesPerSecond === middle) ?? nearest(runs, middle)), ...steadyMiddle });
      continue;
    }
    const middle = median(runs.map((r) => r.samplesPerSecond));
    results.set(name, { ...(runs.find((r) => r.samplesPerSecond === middle) ?? runs[0]), samplesPerSecond: middle, ...steadyMiddle });
  }
  return { results, problems };
}

/** The run whose wall-clock rate is nearest `rate` (an even count's median falls between two runs). */
function nearest(runs: PeerResult[], rate: number): PeerResult {
  return runs.reduce((a, b) => (Math.abs(b.wallSamplesPerSecond - rate) < Math.abs(a.wallSamplesPerSecond - rate) ? b : a));
}

/** The largest |ours − PyTorch's| / PyTorch's over the epochs, or why there is nothing to compare. */
function lossDifference(ours: number[], torch: number[]): string {
  if (torch.length === 0) return 'no PyTorch losses';
  if (ours.length !== torch.length) return `${ours.length} epochs vs ${torch.length}`;
  const worst = Math.max(...ours.map((loss, e) => Math.abs(loss - torch[e]) / Math.abs(torch[e])));
  return worst.toExponential(1);
}

function table(task: TaskName, results: Map<string, PeerResult>, problems: Map<string, string>, context: BenchContext): string[] {
  const meta = prepareTask(task);
  const flops = flopsPerSample(meta.sizes);
  const reglens = results.get('RegLens');
  const ours = reglens?.samplesPerSecond ?? NaN;
  const torchLosses = results.get('PyTorch')?.epochLosses ?? [];
  const lines = [
    `### ${task}: MLP ${meta.sizes.join('-')}, ${meta.trainRows} rows, batch ${meta.batchSize}, ${meta.epochs} epochs (${format(flops)} GEMM FLOPs per sample)`,
    '',
    '| peer | samples/s (CPU time) | samples/s (wall) | RegLens ÷ peer | samples/s, median epoch (CPU time) | GFLOP/s | % of sgemm peak | per-epoch loss vs PyTorch (max relative difference) | validation accuracy | peak RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [name, r] of results) {
    const gflops = (r.samplesPerSecond * flops) / 1e9;
    const accuracy = r.validationAccuracy === null ? '–' : `${format(100 * r.validationAccuracy, 2)}%`;
    const losses = name === 'PyTorch' || r.epochLosses.length === 0 ? '–' : lossDifference(r.epochLosses, torchLosses);
    lines.push(
      `| ${name} | ${format(r.samplesPerSecond)} | ${format(r.wallSamplesPerSecond)} | ${format(ours / r.samplesPerSecond, 2)}× | ${r.steadySamplesPerSecond === undefined ? '–' : format(r.steadySamplesPerSecond)} | ${format(gflops, 1)} | ${format((100 * gflops) / context.peak.gflops, 1)}% | ${losses} | ${accuracy} | ${format(r.maxRssMB)} |`,
    );
  }
  for (const [name, problem] of problems) {
    if (results.has(name)) lines.push('', `${name}: ${problem}`);
    else lines.push(`| ${name} | ${problem} | | | | | | | | |`);
  }
  const twoThreads = results.get('RegLens (2 threads)');
  if (twoThreads?.extra?.helperReports) {
    const { wallSamplesPerSecondWithDiagnostics: whole, steadyWallSamplesPerSecondWithDiagnostics: steady } = twoThreads.extra;
    lines.push(
      '',
      `RegLens (2 threads) is one run whose helper thread computed each epoch's report while the next epoch trained (its GEMMs are too small to split): with its whole per-epoch report ${format(Number(whole))} samples/s by the wall clock, its median epoch ${format(Number(steady))}. Its per-epoch losses are ${JSON.stringify(twoThreads.epochLosses) === JSON.stringify(reglens?.epochLosses) ? '' : '*not* '}the one-thread run's, bit for bit. Its CPU-time figure counts both threads.`,
    );
  } else if (twoThreads?.extra) {
    const { threads, splitGemms, helperShare, fellBack } = twoThreads.extra;
    lines.push(
      '',
      `RegLens (2 threads) is one run with the training worker's helper thread: its run records ${threads} thread(s), ${splitGemms} GEMMs split, the helper ran ${format(100 * Number(helperShare))}% of their blocks${fellBack ? `; it ${fellBack}` : ''}. Its per-epoch losses are ${JSON.stringify(twoThreads.epochLosses) === JSON.stringify(reglens?.epochLosses) ? '' : '*not* '}the one-thread run's, bit for bit. Its CPU-time figure counts both threads.`,
    );
  }
  const withDiagnostics = reglens?.extra?.samplesPerSecondWithDiagnostics;
  if (typeof withDiagnostics === 'number') {
    const steady = Number(reglens?.extra?.steadySamplesPerSecondWithDiagnostics);
    lines.push('', `RegLens with its whole per-epoch report (see README, "What every epoch measures"), kernels ${reglens?.extra?.kernels}: ${format(withDiagnostics)} samples/s (CPU time); its median epoch, report included: ${format(steady)} samples/s.`);
  }
  return lines;
}

export const speed: Section = {
  id: 'speed',
  title: 'Training speed (1 thread per peer)',
  run(context) {
    const lines: string[] = [];
    for (const task of taskNames) {
      prepareTask(task);
      const { results, problems } = measure(task, context);
      context.medians.set(task, results);
      lines.push(...table(task, results, problems, context), '');
    }
    return lines;
  },
};
