/** What a command reads and writes besides its arguments: injected, so tests run commands in-process. */
export interface CommandIo {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
}
