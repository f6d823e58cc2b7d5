/*
 * Process execution behind a small interface, so stages that run engines (build, verify,
 * doctor) take a CommandExecutor and unit tests pass a fake. The real implementation is
 * src/core/node-executor.ts.
 */

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Text written to the child's standard input. */
  readonly input?: string;
  /** Called with each line of stdout and stderr as it arrives (for live progress). */
  readonly onLine?: (line: string, stream: "stdout" | "stderr") => void;
  /** Kill the child after this many milliseconds; the result then has timedOut: true. */
  readonly timeoutMs?: number;
}

export interface RunResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

export interface CommandExecutor {
  /** Runs a command to completion. Never throws for a non-zero exit: callers decide. */
  run(command: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
  /** Whether a command exists on PATH (or as an absolute path). */
  which(command: string): Promise<string | null>;
}

/** "The command `docker build ...` exited with code 1" — for error messages. */
export function describeCommand(command: string, args: readonly string[]): string {
  const shown = [command, ...args].map((word) =>
    /[\s"'$]/.test(word) ? JSON.stringify(word) : word,
  );
  return shown.join(" ");
}
