/** Lenses in config files: actions above each experiment; above its λ, the latest result and, once tuned, λ_1se and λ_min to apply. */
import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { locateExperiments } from '../config/locate';
import type { TextRange } from '../config/problem';
import type { RegularizationSpec } from '../core/spec';
import type { RunListing } from '../io/runStore';
import { num, overallSparsity, percent } from './format';
import { readExperiments } from './configFiles';
import { lambdaOffers, tunesSamePenalty } from './lambdaLens';
import type { RunIndex } from './runIndex';
import type { TuningIndex } from './tuningIndex';

function toRange({ start, end }: TextRange): vscode.Range {
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

/** A stored run counts for the current λ only with that λ and the same penalty, scale and (for elastic net) mix. */
function sameRegularization(run: RegularizationSpec, current: RegularizationSpec): boolean {
  return run.lambda === current.lambda && tunesSamePenalty(run, current);
}

/** E.g. "λ = 0.01 → val loss 0.123 · gap 0.045 · sparsity 12%". */
export function lambdaLensTitle(lambda: number, run: RunListing | undefined): string {
  const final = run?.summary.final;
  if (!run || !final) return `λ = ${lambda}: no run yet`;
  const parts = [`val loss ${num(final.valLoss)}`, `gap ${num(final.gap)}`, `sparsity ${percent(overallSparsity(final.layers))}`];
  const stopped = run.summary.stopReason === 'completed' ? '' : ` (${run.summary.stopReason})`;
  return `λ = ${lambda} → ${parts.join(' · ')}${stopped}`;
}

export class ConfigCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly runIndex: RunIndex,
    private readonly tunings: TuningIndex,
  ) {
    this.subscriptions = [runIndex.onDidChange(() => this.changed.fire()), tunings.onDidChange(() => this.changed.fire())];
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const located = locateExperiments(document.getText());
    const args = (name: string) => [name, document.uri];
    const lenses = located.flatMap(({ name, range }) => {
      const at = toRange(range).with({ end: toRange(range).start });
      return [
        new vscode.CodeLens(at, { title: '$(play) Train', command: 'reglens.train', arguments: args(name), tooltip: `Train ${name} and save the run` }),
        new vscode.CodeLens(at, { title: '$(settings-gear) Tune λ', command: 'reglens.tune', arguments: args(name), tooltip: 'Search λ by cross-validation' }),
        new vscode.CodeLens(at, { title: '$(graph-line) Dashboard', command: 'reglens.openDashboard', arguments: args(name), tooltip: `Charts of ${name}'s latest run` }),
      ];
    });
    return lenses.concat(await this.lambdaLenses(document, located));
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }

  private async lambdaLenses(document: vscode.TextDocument, located: ReturnType<typeof locateExperiments>): Promise<vscode.CodeLens[]> {
    const withLambda = located.filter((experiment) => experiment.lambdaRange);
    if (withLambda.length === 0) return [];
    const root = dirname(document.uri.fsPath);
    const [{ experiments }, runs] = await Promise.all([readExperiments(document.uri), this.runIndex.runs(root)]);
    const lenses = await Promise.all(
      withLambda.map(async ({ name, lambdaRange }) => {
        const spec = experiments.find((experiment) => experiment.name === name)?.spec;
        if (!spec) return [];
        const regularization = spec.regularization;
        const at = toRange(lambdaRange!);
        const run = runs.find((r) => r.experiment === name && sameRegularization(r.regularization, regularization));
        const command = run
          ? { title: lambdaLensTitle(regularization.lambda, run), command: 'reglens.showRun', arguments: [name, run.id, document.uri] }
          : { title: lambdaLensTitle(regularization.lambda, undefined), command: 'reglens.train', arguments: [name, document.uri] };
        const tuning = await this.tunings.latest(root, name, regularization);
        const offers = tuning ? lambdaOffers(regularization.lambda, tuning.result) : [];
        return [
          new vscode.CodeLens(at, command),
          ...offers.map(({ title, lambda, current }) =>
            // A lens without a command id is plain text: the config already has this λ.
            new vscode.CodeLens(at, { title, command: current ? '' : 'reglens.applyLambda', arguments: [name, document.uri, lambda], tooltip: `From the tuning of ${tuning!.createdAt}` }),
          ),
        ];
      }),
    );
    return lenses.flat();
  }
}
