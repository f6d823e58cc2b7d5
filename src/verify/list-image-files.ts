/*
 * Lists every path in an image without running anything inside it: `create` a container
 * and stream `export` through the host's tar. Works for any image (no shell or find needed
 * in it, distroless included) and sees exactly the files the image ships.
 */
import { PyshipError } from "../core/errors.js";
import type { CommandExecutor } from "../core/exec.js";
import type { EngineSession } from "./engine-session.js";
import { normalizePath } from "./scan-files.js";

// The export's exit status is lost in a pipe under plain sh (no pipefail), so a marker on
// stderr reports it.
const EXPORT_FAILED = "pyship-export-failed";
const SCRIPT = `{ "$0" export "$1" || echo ${EXPORT_FAILED} >&2; } | tar -tf -`;

export async function listImageFiles(
  executor: CommandExecutor,
  session: EngineSession,
  image: string,
): Promise<string[]> {
  const name = await session.create(image);
  const result = await executor.run("sh", ["-c", SCRIPT, session.client, name], {
    timeoutMs: 300_000,
  });
  const names = result.stdout.split("\n").filter((line) => line.trim() !== "");
  if (result.exitCode !== 0 || result.stderr.includes(EXPORT_FAILED) || names.length === 0) {
    throw new PyshipError("E_VERIFY_FAILED", `cannot list the files of ${image}`, {
      details: result.stderr.replace(EXPORT_FAILED, "").trim() || undefined,
    });
  }
  return names.map(normalizePath);
}
