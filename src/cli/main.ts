/** The `reglens` command: training without VS Code, on the same config file and run store. */
import { join } from 'node:path';
import { enableRelaxedSimd } from '../io/wasmFeatures';
import { parseCommand, usage, UsageError } from './args';
import { compareCommand } from './compare';
import { convertCommand } from './convert';
import { reportCommand } from './report';
import { runsCommand } from './runs';
import { reglensVersion } from '../io/version';
import { writeExample } from './example';
import { inspectCommand } from './inspect';
import { inspectLogsCommand } from './inspectLogs';
import { inspectSeriesCommand, seriesIn } from './inspectSeries';
import { isCheckpointFile } from '../io/checkpoints';
import { trainCommand } from './train';
import { tuneCommand } from './tune';

/** dist/cli.js is bundled next to the package's media folder. */
const mediaDir = join(__dirname, '..', 'media');
/** The helper thread's entry, bundled beside dist/cli.js. */
const helperScript = join(__dirname, 'kernelHelper.js');

async function main(argv: string[]): Promise<number> {
  const command = parseCommand(argv);
  switch (command.name) {
    case 'help':
      process.stdout.write(`${usage}\n`);
      return 0;
    case 'example':
      for (const path of await writeExample(command.dir, command.force, mediaDir)) process.stdout.write(`Wrote ${path}\n`);
      return 0;
    case 'train':
      return trainCommand(command, mediaDir, helperScript);
    case 'tune':
      return tuneCommand(command, mediaDir);
    case 'compare':
      return compareCommand(command, mediaDir, helperScript);
    case 'convert':
      return convertCommand(command);
    case 'runs':
      return runsCommand(command);
    case 'report':
      return reportCommand(command);
    case 'version':
      process.stdout.write(`reglens ${reglensVersion}\n`);
      return 0;
    case 'inspect': {
      const checkpoints = command.paths.filter(isCheckpointFile).length;
      if (checkpoints === command.paths.length) return inspectCommand(command);
      if (checkpoints > 0) throw new UsageError('inspect reads checkpoints or training logs, not both in one call: give them separately');
      // A folder of checkpoints over training is a series (with the log beside it when it has one).
      for (const path of command.paths) if (await seriesIn(path)) return inspectSeriesCommand(command);
      return inspectLogsCommand(command);
    }
  }
}

// A reader that stops early (`reglens inspect … | head`) closes the pipe: the output is done, not failed.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') process.stderr.write(`reglens: cannot write the output: ${error.message}\n`);
  process.exit(error.code === 'EPIPE' ? 0 : 1);
});

enableRelaxedSimd();
main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const usageError = error instanceof UsageError;
    process.stderr.write(`reglens: ${error instanceof Error ? error.message : String(error)}\n`);
    if (usageError) process.stderr.write(`Run 'reglens --help' for usage.\n`);
    process.exitCode = usageError ? 2 : 1;
  },
);
