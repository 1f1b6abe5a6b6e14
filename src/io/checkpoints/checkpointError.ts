/** A checkpoint that cannot be read, with the file and, where there is one, the tensor. */
export class CheckpointError extends Error {
  constructor(
    readonly file: string,
    readonly tensor: string | null,
    readonly reason: string,
  ) {
    super(`${file}${tensor === null ? '' : `: tensor '${printable(tensor)}'`}: ${reason}`);
  }
}

/** Names come from untrusted files: control characters would garble a terminal. */
export function printable(text: string): string {
  const clipped = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return clipped.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
