/**
 * Untrusted text (experiment names, objectives, file names, messages from a worker) in VS Code's UI.
 * Notifications turn `[text](command:…)` into a clickable command link, and labels, lens titles and
 * the status bar turn `$(name)` into an icon: both are broken with an invisible zero-width space, so
 * the text shows as written and never runs a command.
 */
const zeroWidthSpace = '\u200b';

export function untrusted(text: string): string {
  return text.replaceAll('](', `]${zeroWidthSpace}(`).replaceAll('$(', `$${zeroWidthSpace}(`);
}
