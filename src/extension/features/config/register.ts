/** The config file in the editor: problems as you type, code lenses, New Config, Convert λ, Show Objective, and the hasConfig context key. */
import * as vscode from 'vscode';
import { Answers } from '../../answers';
import type { Feature } from '../../context';
import { Disposer } from '../../disposer';
import { registerCommand, setContext } from '../../registry';
import { configGlob } from '../../workspace/configFile';
import { ConfigCodeLenses } from './codeLenses';
import { ConfigDiagnostics } from './diagnostics';
import { convertLambdaCommand, showObjectiveCommand } from './lambdaTools';
import { newConfigCommand } from './newConfig';

export const configFeature: Feature = (context) => {
  const { log, configs } = context;
  const disposer = new Disposer();
  disposer.add(new ConfigDiagnostics(configs));
  disposer.add(vscode.languages.registerCodeLensProvider([{ scheme: 'file', pattern: configGlob }], disposer.add(new ConfigCodeLenses(context))));
  disposer.add(registerCommand('newConfig', (example) => newConfigCommand(context.extensionUri, example), log));
  const answers = disposer.add(new Answers());
  disposer.add(registerCommand('convertLambda', (lambda, from, m) => convertLambdaCommand(log, lambda, from, m), log));
  disposer.add(registerCommand('showObjective', (name, config) => showObjectiveCommand(context, answers, name, config), log));
  // `reglens.hasConfig` (most commands' `when`) follows config files as they come and go.
  const update = () => void configs.all().then((files) => setContext('hasConfig', files.length > 0));
  disposer.add(configs.onDidChange(update));
  update();
  return disposer;
};
