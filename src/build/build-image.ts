/*
 * Runs one build on the chosen engine: streams every line to the caller (live progress)
 * and to the log file, reads the image id, and turns a failure into a diagnosed PyshipError.
 * `pushImage` pushes the tags afterwards (only once verify has passed, so a broken image is
 * never published).
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PyshipError } from "../core/errors.js";
import type { CommandExecutor } from "../core/exec.js";
import type { BuildResult } from "../core/pipeline.js";
import { redact } from "../core/redact.js";
import { msg } from "../i18n/message.js";
import type { BuildSecret } from "../mirror/index-secret.js";
import { type BuildRequest, buildCommand, type SecretFile } from "./build-command.js";
import { diagnoseBuild } from "./diagnose-build.js";
import type { Engine } from "./engine.js";
import { engineFault } from "./engine-fault.js";

export interface BuildRun {
  readonly executor: CommandExecutor;
  readonly engine: Engine;
  readonly request: BuildRequest;
  /** Where the full log goes. */
  readonly logFile: string;
  /** Whether pyship generated the Dockerfile for this build. */
  readonly generated: boolean;
  readonly onLine?: (line: string) => void;
  readonly now?: () => number;
}

export async function buildImage(run: BuildRun): Promise<BuildResult> {
  const now = run.now ?? Date.now;
  const started = now();
  const scratch = mkdtempSync(join(tmpdir(), "pyship-build-"));
  const iidFile = join(scratch, "iid");
  const log = createWriteStream(run.logFile, { flags: "w" });
  const lines: string[] = [];
  try {
    const secretFiles = writeSecrets(scratch, run.request.secrets ?? []);
    const { command, args, env } = buildCommand(run.engine, run.request, iidFile, secretFiles);
    log.write(`$ ${redact([command, ...args].join(" "))}\n`);
    const result = await run.executor.run(command, args, {
      cwd: run.request.context,
      env,
      // Redacted before anything keeps or shows it: the log file, the diagnosis, the tail.
      onLine: (raw) => {
        const line = redact(raw);
        lines.push(line);
        log.write(`${line}\n`);
        run.onLine?.(line);
      },
    });
    if (result.exitCode !== 0)
      throw diagnoseBuild(run.engine, lines, result.exitCode, run.logFile, run.generated);
    return {
      engine: run.engine.name,
      tags: run.request.tags,
      imageId: readImageId(iidFile),
      durationMs: now() - started,
      dockerfile: run.request.dockerfile,
      generated: run.generated,
      logFile: run.logFile,
    };
  } finally {
    await new Promise((resolve) => log.end(resolve));
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Each secret in its own 0600 file in the build's private temp folder (removed after the build). */
function writeSecrets(scratch: string, secrets: readonly BuildSecret[]): SecretFile[] {
  return secrets.map(({ id, content }) => {
    const file = join(scratch, `secret-${id}`);
    writeFileSync(file, content, { mode: 0o600 });
    return { id, file };
  });
}

function readImageId(iidFile: string): string {
  try {
    return readFileSync(iidFile, "utf8").trim();
  } catch {
    return "";
  }
}

export async function pushImage(
  executor: CommandExecutor,
  engine: Engine,
  tags: readonly string[],
  onLine?: (line: string) => void,
): Promise<void> {
  for (const tag of tags) {
    const result = await executor.run(engine.client, ["push", tag], { onLine });
    if (result.exitCode === 0) continue;
    const fault = engineFault(engine.client, result.stderr);
    if (fault) throw fault;
    throw new PyshipError("E_PUSH_FAILED", msg("push.failed", { tag }), {
      details: result.stderr.trim().split("\n").slice(-5).join("\n") || undefined,
      hint: msg("push.failed.hint"),
    });
  }
}
