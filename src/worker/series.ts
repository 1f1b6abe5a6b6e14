/** The series job of the inspect worker: a folder's checkpoints, diagnosed in step order, each posted when done. */
import { findCheckpointSeries, inspectSeries } from '../io/checkpoints';
import type { SeriesFromWorker, SeriesJob } from '../protocol/checkpointSeries';

export async function runSeries({ folder, lambda, m }: SeriesJob, post: (message: SeriesFromWorker) => void): Promise<void> {
  const found = await findCheckpointSeries(folder);
  post({ type: 'found', unit: found.unit, checkpoints: found.checkpoints.length, skipped: found.skipped });
  for await (const event of inspectSeries(found, { lambda, m, layers: null })) {
    post(event.kind === 'point' ? { type: 'point', point: event.point } : { type: 'problem', message: event.message });
  }
  post({ type: 'done' });
}
