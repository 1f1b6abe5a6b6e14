/**
 * Which series are the training and validation loss and accuracy: the usual names (`loss`/`val_loss`,
 * `train/loss`/`eval/loss`, `train_loss_epoch`/`val_loss`, `loss`/`eval_loss`, Keras's TensorBoard
 * `train/epoch_loss`/`validation/epoch_loss`…) recognised by their words, or the names a user gives.
 */

export const roles = ['trainLoss', 'valLoss', 'trainAccuracy', 'valAccuracy'] as const;
export type Role = (typeof roles)[number];
export type RoleNames = Partial<Record<Role, string>>;

const splitWords = { train: new Set(['train', 'training']), val: new Set(['val', 'valid', 'validation', 'eval', 'evaluation', 'dev']) };
const kindWords = { loss: new Set(['loss']), accuracy: new Set(['acc', 'accuracy']) };
/** A per-epoch value is preferred to a plain name, which is preferred to a per-step (noisier) one. */
const granularity = new Map([['epoch', 0], ['step', 2], ['batch', 2]]);

interface Reading {
  split: 'train' | 'val';
  kind: 'loss' | 'accuracy';
  rank: number;
}

/** What a series name says, or null when it has a word that is not a split, a kind or a granularity. */
function readName(name: string): Reading | null {
  const words = name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  let split: Reading['split'] | null = null;
  let kind: Reading['kind'] | null = null;
  let rank = 1;
  for (const word of words) {
    const wordSplit = splitWords.train.has(word) ? 'train' : splitWords.val.has(word) ? 'val' : null;
    const wordKind = kindWords.loss.has(word) ? 'loss' : kindWords.accuracy.has(word) ? 'accuracy' : null;
    if (wordSplit) {
      if (split && split !== wordSplit) return null;
      split = wordSplit;
    } else if (wordKind) {
      if (kind) return null;
      kind = wordKind;
    } else if (granularity.has(word)) rank = granularity.get(word)!;
    else return null;
  }
  return kind ? { split: split ?? 'train', kind, rank } : null;
}

/** The series to use for each role: the user's names where given (when the run has them), else the best guess. */
export function chooseRoles(names: readonly string[], given: RoleNames = {}): RoleNames {
  const chosen: RoleNames = {};
  const candidates = names.map((name) => ({ name, reading: readName(name) })).filter((c) => c.reading !== null);
  for (const role of roles) {
    const wanted = given[role];
    if (wanted !== undefined) {
      if (names.includes(wanted)) chosen[role] = wanted;
      continue;
    }
    const split = role.startsWith('train') ? 'train' : 'val';
    const kind = role.endsWith('Loss') ? 'loss' : 'accuracy';
    const best = candidates
      .filter((c) => c.reading!.split === split && c.reading!.kind === kind)
      .sort((a, b) => a.reading!.rank - b.reading!.rank || a.name.length - b.name.length || a.name.localeCompare(b.name))[0];
    if (best) chosen[role] = best.name;
  }
  return chosen;
}
