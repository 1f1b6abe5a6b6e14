/** Edits that change one value and keep the rest of the file as written, comments included. */
import { applyEdits, modify, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import { locateExperiments } from './locate';

/**
 * The text with the value at `path` set (created with its parents if missing). Throws an Error that
 * names the path when a parent on it is not an object or array (e.g. `"regularization": "x"`).
 */
export function setValue(text: string, path: JSONPath, value: unknown): string {
  try {
    return applyEdits(text, modify(text, path, value, { formattingOptions: formattingOf(text) }));
  } catch (error) {
    throw new Error(`Cannot set ${path.join('.')} in this file: ${(error as Error).message}`);
  }
}

/** Sets `regularization.lambda` of the experiment named `experimentName`. */
export function setLambda(text: string, experimentName: string, lambda: number): string {
  const experiment = locateExperiments(text).find((e) => e.name === experimentName);
  if (!experiment) throw new Error(`No experiment named "${experimentName}" in the config file`);
  return setValue(text, ['experiments', experiment.index, 'regularization', 'lambda'], lambda);
}

/** New lines follow the file's own indentation and line ends. */
function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return indent.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indent.length, eol };
}
