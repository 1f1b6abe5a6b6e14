/** The sidebar's Checkpoints section: what the extension lists, and the action the page asks for on one entry. */
import { arrayOf, boolean, matching, nonNegative, nullable, object, oneOf, string, type Check } from './check';

/** file: one checkpoint; series: a folder of checkpoints over training; external: a model a config's `external` block names. */
export type CheckpointKind = 'file' | 'series' | 'external';

/** Diagnose: the checkpoint editor (a series: its latest); series: the charts by step; compare: pick another to compare with. */
export type CheckpointAction = 'diagnose' | 'series' | 'compare';

export interface CheckpointListItem {
  /** Sent back with an action; the extension acts only on an id it listed. */
  id: string;
  kind: CheckpointKind;
  /** The external model's name, else the workspace-relative path of the file or folder. */
  label: string;
  checkpoints: number;
  unit: 'step' | 'epoch';
  /** The first and last step (or epoch) of a series; null for a file. */
  firstStep: number | null;
  lastStep: number | null;
  /** An external model's checkpoints and log as its config names them (workspace-relative), and its config. */
  path: string | null;
  log: string | null;
  config: string | null;
  actions: CheckpointAction[];
}

export interface CheckpointList {
  items: CheckpointListItem[];
  /** Entries found beyond the ones listed. */
  more: number;
  /** Restricted Mode: nothing is looked for in an untrusted workspace. */
  restricted: boolean;
}

const id = matching(/^.{1,4096}$/s, 'a checkpoint entry');
export const checkpointAction = oneOf('diagnose', 'series', 'compare');

const checkpointListItem = object<CheckpointListItem>({
  id,
  kind: oneOf('file', 'series', 'external'),
  label: string,
  checkpoints: nonNegative,
  unit: oneOf('step', 'epoch'),
  firstStep: nullable(nonNegative),
  lastStep: nullable(nonNegative),
  path: nullable(string),
  log: nullable(string),
  config: nullable(string),
  actions: arrayOf(checkpointAction),
});

export const checkpointListCheck: Check<CheckpointList> = object<CheckpointList>({ items: arrayOf(checkpointListItem), more: nonNegative, restricted: boolean });

export const checkpointActionFields = { action: checkpointAction, id };
