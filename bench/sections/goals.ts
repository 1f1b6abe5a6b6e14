/** The training-speed goals, checked against the speed section's medians. */
import type { TaskName } from '../tasks';
import type { BenchContext, Section } from './section';

function ratio(context: BenchContext, task: TaskName, peer: string): number | null {
  const results = context.medians.get(task);
  const ours = results?.get('RegLens'), theirs = results?.get(peer);
  return ours && theirs ? ours.samplesPerSecond / theirs.samplesPerSecond : null;
}

const verdict = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'met' : 'NOT met');

export const goals: Section = {
  id: 'goals',
  title: 'Goals: training speed, accuracy, memory',
  run(context) {
    const digits = ratio(context, 'digits', 'PyTorch');
    const synth = ratio(context, 'synth', 'PyTorch');
    const ours = context.medians.get('digits')?.get('RegLens');
    const torch = context.medians.get('digits')?.get('PyTorch');
    const accuracyGap = ours?.validationAccuracy != null && torch?.validationAccuracy != null ? Math.abs(ours.validationAccuracy - torch.validationAccuracy) * 100 : null;
    const rss = ours?.maxRssMB ?? null;
    return [
      '| goal | measured | |',
      '|---|---:|---|',
      `| digits: RegLens ≥ 1.0× PyTorch | ${digits?.toFixed(2) ?? '–'}× | ${verdict(digits === null ? null : digits >= 1)} |`,
      `| synth: RegLens ≥ 0.3× PyTorch | ${synth?.toFixed(2) ?? '–'}× | ${verdict(synth === null ? null : synth >= 0.3)} |`,
      `| digits: validation accuracy within 0.5 points of PyTorch | ${accuracyGap?.toFixed(2) ?? '–'} points | ${verdict(accuracyGap === null ? null : accuracyGap <= 0.5)} |`,
      `| peak RSS of a process training digits < 150 MB | ${rss?.toFixed(0) ?? '–'} MB | ${verdict(rss === null ? null : rss < 150)} |`,
      '',
      'The tuning, stall and memory goals follow in the next section.',
    ];
  },
};
