/** What validation may ask about files. Pass null instead (untrusted workspace) to skip file checks. */
export interface ConfigHost {
  /** Absolute path of the workspace folder: CSV files must stay inside it. */
  workspaceFolder: string;
  /** Absolute path of the folder holding the config file: CSV paths are relative to it. */
  configDir: string;
  /** What is at a path, links followed to their real path. */
  look(path: string): PathEntry;
  /** The column names of a regular file's CSV header, or why they cannot be read. */
  readHeader(realPath: string): string[] | { problem: string };
}

export type PathEntry =
  | { kind: 'missing' }
  | { kind: 'invalid'; problem: string }
  | { kind: 'file' | 'folder' | 'FIFO (named pipe)' | 'device' | 'socket'; realPath: string };
