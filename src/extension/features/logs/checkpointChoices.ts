/**
 * What Compare… offers to compare a checkpoint with (the base, W₀, of ‖W₁ − W₀‖_F / ‖W₀‖_F): the
 * other checkpoints of its own series, earliest first (so the default is the series' first against
 * its latest: before and after training), then every other listed entry's latest (a base model, or
 * the same training without weight decay). No vscode here.
 */
export interface ChoosableEntry {
  label: string;
  unit: 'step' | 'epoch';
  /** In step order, the latest last. */
  checkpoints: { step: number | null; path: string }[];
}

export interface BaseChoice {
  label: string;
  description: string;
  path: string;
}

const at = (unit: string, step: number | null) => (step === null ? '' : `${unit} ${step}`);

/** The choices for comparing `target` (a checkpoint's path), best guess first. */
export function baseChoices(entries: readonly ChoosableEntry[], target: string): BaseChoice[] {
  const own = entries.find((entry) => entry.checkpoints.some((c) => c.path === target));
  const ownChoices = (own?.checkpoints ?? [])
    .filter((c) => c.path !== target)
    .map((c, i) => ({ label: `${own!.label} · ${at(own!.unit, c.step)}`, description: i === 0 ? 'the first of this series' : 'of this series', path: c.path }));
  const others = entries
    .filter((entry) => entry !== own && entry.checkpoints.length > 0)
    .map((entry) => {
      const latest = entry.checkpoints.at(-1)!;
      return { label: entry.label, description: entry.checkpoints.length > 1 ? `its latest, ${at(entry.unit, latest.step)}` : '', path: latest.path };
    })
    .filter((choice) => choice.path !== target);
  return [...ownChoices, ...others];
}
