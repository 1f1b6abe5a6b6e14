/** Lenses in config files: actions above each experiment; above its λ, the latest result and, once tuned, λ_1se and λ_min to apply. */
import * as vscode from 'vscode';
import { Disposer } from '../../disposer';
import type { ExperimentLocation, TextRange } from '../../../config';
import type { RunListing } from '../../../io/runStore';
import type { RegularizationSpec } from '../../../protocol/records';
import type { RegLensContext } from '../../context';
import { num, overallSparsity, percent } from '../../format';
import { commandLink } from '../../registry';
import { untrusted } from '../../text';
import type { ConfigFile } from '../../workspace/configFile';
import { lambdaOffers, tunesSamePenalty } from './lambdaLens';

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

/** In Restricted Mode an experiment's one lens says why nothing trains, and opens VS Code's trust editor. */
function trustLens(at: vscode.Position, shown: string): vscode.CodeLens {
  const tooltip = `RegLens trains, tunes and reads the data of ${shown} only in a trusted workspace`;
  return new vscode.CodeLens(new vscode.Range(at, at), { title: '$(shield) Trust this folder to train', command: 'workbench.trust.manage', tooltip });
}

export class ConfigCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions = new Disposer();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly context: RegLensContext) {
    const fire = () => this.changed.fire();
    this.subscriptions.add(context.runIndex.onDidChange(fire));
    this.subscriptions.add(context.tunings.onDidChange(fire));
    this.subscriptions.add(vscode.workspace.onDidGrantWorkspaceTrust(fire));
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const file = this.context.configs.find(document.uri);
    if (!file) return [];
    const content = file.contentOf(document.getText());
    if (!vscode.workspace.isTrusted) return content.locations.map(({ name, range }) => trustLens(toRange(range).start, untrusted(name)));
    const lenses = content.locations.flatMap(({ name, range }) => {
      const at = toRange(range).with({ end: toRange(range).start });
      const shown = untrusted(name);
      return [
        new vscode.CodeLens(at, commandLink('train', '$(play) Train', [name, document.uri], `Train ${shown} and save the run`)),
        new vscode.CodeLens(at, commandLink('tune', '$(settings-gear) Tune λ', [name, document.uri], `Search ${shown}'s λ by cross-validation`)),
        new vscode.CodeLens(at, commandLink('openDashboard', '$(graph-line) Dashboard', [name, document.uri], `Charts of ${shown}'s latest run`)),
      ];
    });
    return lenses.concat(await this.lambdaLenses(file, content.locations, content.experiments));
  }

  dispose(): void {
    this.subscriptions.dispose();
    this.changed.dispose();
  }

  private async lambdaLenses(file: ConfigFile, located: ExperimentLocation[], experiments: { name: string; spec: { regularization: RegularizationSpec } }[]): Promise<vscode.CodeLens[]> {
    const withLambda = located.filter((experiment) => experiment.lambdaRange);
    if (withLambda.length === 0) return [];
    const runs = await this.context.runIndex.runs(file);
    const lenses = await Promise.all(
      withLambda.map(async ({ name, lambdaRange }) => {
        const regularization = experiments.find((experiment) => experiment.name === name)?.spec.regularization;
        if (!regularization) return [];
        const at = toRange(lambdaRange!);
        const run = runs.find((r) => r.experiment === name && sameRegularization(r.regularization, regularization));
        const title = lambdaLensTitle(regularization.lambda, run);
        const command = run ? commandLink('showRun', title, [name, run.id, file.uri]) : commandLink('train', title, [name, file.uri]);
        const tuning = await this.context.tunings.latest(file, name, regularization);
        const offers = tuning ? lambdaOffers(regularization.lambda, tuning.result) : [];
        return [
          new vscode.CodeLens(at, command),
          ...offers.map(({ title: offer, lambda, current }) =>
            // A lens without a command id is plain text: the config already has this λ.
            current
              ? new vscode.CodeLens(at, { title: offer, command: '' })
              : new vscode.CodeLens(at, commandLink('applyLambda', offer, [name, file.uri, lambda], `From the tuning of ${tuning!.createdAt}`)),
          ),
        ];
      }),
    );
    return lenses.flat();
  }
}
