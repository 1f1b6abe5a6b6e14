/** Tune λ and Apply λ (from the λ lens and the tuning view). */
import type { Feature } from '../../context';
import { Disposer } from '../../disposer';
import { registerCommand } from '../../registry';
import { pickExperiment, requireTrust } from '../../workspace/pickers';
import { applyLambda } from './applyLambda';
import { tuneAndSave } from './tune';

export const tuneFeature: Feature = (context) => {
  const { log, configs } = context;
  const disposer = new Disposer();
  disposer.add(
    registerCommand('tune', async (name, config, lambdas) => {
      if (!requireTrust()) return undefined;
      const target = await pickExperiment(context, name, config, 'Tune λ of which experiment?');
      return target && tuneAndSave(context, target, { show: true, lambdas: grid(lambdas) });
    }, log),
  );
  disposer.add(
    registerCommand('applyLambda', async (name, config, lambda) => {
      const file = await configs.named(config);
      if (typeof name !== 'string' || !file || typeof lambda !== 'number') throw new Error('Apply λ needs an experiment name, its config file and a λ.');
      const applied = await applyLambda(name, file.uri, lambda);
      if (applied) log.info(`${name}: regularization.lambda set to ${lambda} in ${file.label} (unsaved)`);
      return applied;
    }, log),
  );
  return disposer;
};

/** A grid given to the command (by the tuning view): finite λ ≥ 0, at most 200 of them; anything else is ignored. */
function grid(lambdas: unknown): number[] | undefined {
  const valid = Array.isArray(lambdas) && lambdas.length > 0 && lambdas.length <= 200 && lambdas.every((l) => typeof l === 'number' && Number.isFinite(l) && l >= 0);
  return valid ? (lambdas as number[]) : undefined;
}
