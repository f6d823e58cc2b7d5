/*
 * A CliContext for tests: output captured in arrays, no TTY, a chosen language, and an
 * executor the test supplies (a fake for unit tests).
 */
import type { CliContext } from "../../src/cli/context.js";
import type { Language } from "../../src/cli/i18n.js";
import type { CommandExecutor } from "../../src/core/exec.js";
import type { PackageIndex } from "../../src/detect/pins/package-index.js";

export interface CapturedContext extends CliContext {
  readonly stdout: string[];
  readonly stderr: string[];
}

/** Tests never ask the real index: every release is unknown to it (no limit, no warning). */
const emptyIndex: PackageIndex = { releaseFiles: () => Promise.resolve([]) };

const noExecutor: CommandExecutor = {
  run: () => Promise.reject(new Error("this test must not run commands")),
  which: () => Promise.resolve(null),
};

export function captureContext(
  overrides: Partial<Omit<CliContext, "out" | "err">> & { lang?: Language } = {},
): CapturedContext {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    interactive: false,
    color: false,
    lang: "en",
    executor: noExecutor,
    cwd: process.cwd(),
    env: {},
    index: emptyIndex,
    ...overrides,
    stdout,
    stderr,
  };
}
