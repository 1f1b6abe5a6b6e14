/** Two checkpoints side by side: the relative change of every float tensor they share by name and shape. */
import { tensorChange, type TensorChange } from '../../core';
import { analysable, type Checkpoint } from './tensorModel';

export interface CheckpointComparison {
  changes: TensorChange[];
  /** Tensors of either checkpoint without a counterpart of the same shape in the other. */
  unmatched: string[];
}

/** One pair of tensors in memory at a time. */
export async function compareCheckpoints(base: Checkpoint, other: Checkpoint): Promise<CheckpointComparison> {
  const others = new Map(other.tensors.map((t) => [t.name, t]));
  const changes: TensorChange[] = [];
  const unmatched: string[] = [];
  for (const tensor of base.tensors) {
    const counterpart = others.get(tensor.name);
    others.delete(tensor.name);
    if (counterpart === undefined || counterpart.shape.join() !== tensor.shape.join() || !analysable(tensor) || !analysable(counterpart)) {
      unmatched.push(tensor.name);
      continue;
    }
    changes.push(tensorChange(tensor.name, tensor.shape, await tensor.read(), await counterpart.read()));
  }
  return { changes, unmatched: [...unmatched, ...others.keys()] };
}
