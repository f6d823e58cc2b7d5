/*
 * The real CommandExecutor: node:child_process with line-by-line streaming and a timeout.
 */
import { spawn } from "node:child_process";
import { access, constants } from "node:fs/promises";
import { delimiter, isAbsolute, join } from "node:path";
import type { CommandExecutor, RunOptions, RunResult } from "./exec.js";

export class NodeExecutor implements CommandExecutor {
  run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    return new Promise((resolve) => {
      const child = spawn(command, [...args], {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        stdio: ["pipe", "pipe", "pipe"],
      });
      const out = collectLines(child.stdout, "stdout", options.onLine);
      const err = collectLines(child.stderr, "stderr", options.onLine);
      let timedOut = false;
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              child.kill("SIGKILL");
            }, options.timeoutMs);
      child.on("error", (error) => {
        if (timer) clearTimeout(timer);
        resolve({ exitCode: 127, stdout: out.text(), stderr: String(error.message), timedOut });
      });
      child.on("close", (code, signal) => {
        if (timer) clearTimeout(timer);
        const exitCode = code ?? (signal ? 128 : 1);
        resolve({ exitCode, stdout: out.text(), stderr: err.text(), timedOut });
      });
      // A child may exit without reading its input (a docker client refusing a build before
      // it reads the Dockerfile on stdin): the write then fails with EPIPE, and its exit code
      // is the answer, not a crash.
      child.stdin.on("error", () => {});
      child.stdin.end(options.input ?? "");
    });
  }

  async which(command: string): Promise<string | null> {
    const candidates = isAbsolute(command)
      ? [command]
      : (process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, command));
    for (const candidate of candidates) {
      try {
        await access(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
    return null;
  }
}

function collectLines(
  stream: NodeJS.ReadableStream,
  name: "stdout" | "stderr",
  onLine: RunOptions["onLine"],
): { text: () => string } {
  const chunks: string[] = [];
  let pending = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    chunks.push(chunk);
    if (!onLine) return;
    const lines = (pending + chunk).split(/\r?\n/);
    pending = lines.pop() ?? "";
    for (const line of lines) onLine(line, name);
  });
  stream.on("end", () => {
    if (onLine && pending) onLine(pending, name);
  });
  return { text: () => chunks.join("") };
}
