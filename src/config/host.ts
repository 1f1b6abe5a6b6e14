/** What validation may ask about files. Pass null instead (untrusted workspace) to skip file checks. */
export interface ConfigHost {
  /** Absolute path of the workspace folder: CSV files must stay inside it. */
  workspaceFolder: string;
  /** Absolute path of the folder holding the config file: CSV paths are relative to it. */
  configDir: string;
  /** The first line of a file (without its line break), or undefined if it cannot be read. */
  readFirstLine(path: string): string | undefined;
  exists(path: string): boolean;
}
