/*
 * What every command receives: where to print, whether a person is at the terminal, the
 * language for messages, and the ports (process execution). Tests build a context with
 * captured output and a fake executor.
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import type { Command } from "commander";
import type { CommandExecutor } from "../core/exec.js";
import { NodeExecutor } from "../core/node-executor.js";
import { redact } from "../core/redact.js";
import type { PipHost } from "../detect/index-settings.js";
import { httpIndex, type PackageIndex } from "../detect/pins/package-index.js";
import { detectLanguage, type Language } from "./i18n.js";

export interface CliContext {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** A person can answer prompts (TTY on stdin and stdout, and not CI). */
  readonly interactive: boolean;
  /** Colour and spinners are allowed. */
  readonly color: boolean;
  readonly lang: Language;
  readonly executor: CommandExecutor;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The package index's release metadata (the Python of pinned releases); HTTP when absent. */
  readonly index?: PackageIndex;
  /** Where the user's pip configuration is read from; absent: none is read (tests). */
  readonly pip?: PipHost;
}

export function defaultContext(): CliContext {
  const env = process.env;
  const tty = Boolean(process.stdout.isTTY && process.stdin.isTTY);
  return {
    // Redacted: a URL's user:password@ never reaches the terminal (src/core/redact.ts).
    out: (text) => process.stdout.write(line(redact(text))),
    err: (text) => process.stderr.write(line(redact(text))),
    interactive: tty && !env.CI,
    color: Boolean(process.stdout.isTTY) && !env.NO_COLOR,
    lang: detectLanguage(env),
    executor: new NodeExecutor(),
    cwd: process.cwd(),
    env,
    index: httpIndex({ env }),
    pip: { env, platform: process.platform, home: homedir(), readFile: readIfPresent },
  };
}

const line = (text: string) => (text.endsWith("\n") ? text : `${text}\n`);

function readIfPresent(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** The signature every command module exports. `done` receives the command's exit code. */
export type Register = (program: Command, ctx: CliContext, done: (code: number) => void) => void;
