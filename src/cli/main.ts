/** The `reglens` command: training without VS Code, on the same config file and run store. */
import { join } from 'node:path';
import { parseCommand, usage, UsageError } from './args';
import { writeExample } from './example';
import { formatLogsReport, inspectLogs } from './inspectLogs';
import { trainCommand } from './train';
import { tuneCommand } from './tune';

/** dist/cli.js is bundled next to the package's media folder. */
const mediaDir = join(__dirname, '..', 'media');

async function main(argv: string[]): Promise<number> {
  const command = parseCommand(argv);
  switch (command.name) {
    case 'help':
      process.stdout.write(`${usage}\n`);
      return 0;
    case 'example':
      process.stdout.write(`Wrote ${await writeExample(command.dir, command.force, mediaDir)}\n`);
      return 0;
    case 'train':
      return trainCommand(command, mediaDir);
    case 'tune':
      return tuneCommand(command, mediaDir);
    case 'inspect': {
      const roles = { ...(command.trainLoss ? { trainLoss: command.trainLoss } : {}), ...(command.valLoss ? { valLoss: command.valLoss } : {}) };
      const report = await inspectLogs(command.paths, roles);
      process.stdout.write(`${command.json ? JSON.stringify(report) : formatLogsReport(report)}\n`);
      return report.runs.length > 0 ? 0 : 1;
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const usageError = error instanceof UsageError;
    process.stderr.write(`reglens: ${error instanceof Error ? error.message : String(error)}\n`);
    if (usageError) process.stderr.write(`Run 'reglens --help' for usage.\n`);
    process.exitCode = usageError ? 2 : 1;
  },
);
