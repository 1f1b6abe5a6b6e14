import type * as vscode from 'vscode';

/** Owns disposables and disposes them in reverse order of adding; afterwards it is empty and can own more. */
export class Disposer implements vscode.Disposable {
  private readonly owned: { dispose(): unknown }[] = [];

  add<T extends { dispose(): unknown }>(disposable: T): T {
    this.owned.push(disposable);
    return disposable;
  }

  push(...disposables: { dispose(): unknown }[]): void {
    this.owned.push(...disposables);
  }

  dispose(): void {
    for (const disposable of this.owned.splice(0).reverse()) disposable.dispose();
  }
}
