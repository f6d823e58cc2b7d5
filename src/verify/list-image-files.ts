/*
 * Lists every path in an image. Fast path: `find / -xdev` run inside a fresh container as
 * root (about 1 s). Images without find (distroless, scratch) fall back to `create` +
 * `export` streamed through the host's tar (slower, but needs nothing inside the image).
 */
import { PyshipError } from "../core/errors.js";
import type { CommandExecutor } from "../core/exec.js";
import { msg } from "../i18n/message.js";
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
  const found = await session.runToEnd(
    { image, env: {}, entrypoint: "find", user: "0", args: ["/", "-xdev"] },
    300_000,
  );
  // find exits 1 when some directory is unreadable but still lists the rest.
  const names = lines(found.stdout);
  if (!found.timedOut && found.exitCode <= 1 && names.length > 0) return names.map(normalizePath);
  return exportListing(executor, session, image);
}

async function exportListing(
  executor: CommandExecutor,
  session: EngineSession,
  image: string,
): Promise<string[]> {
  const name = await session.create(image);
  const result = await executor.run("sh", ["-c", SCRIPT, session.client, name], {
    timeoutMs: 300_000,
  });
  const names = lines(result.stdout);
  if (result.exitCode !== 0 || result.stderr.includes(EXPORT_FAILED) || names.length === 0) {
    throw new PyshipError("E_VERIFY_FAILED", msg("verify.listFiles", { image }), {
      details: result.stderr.replace(EXPORT_FAILED, "").trim() || undefined,
    });
  }
  return names.map(normalizePath);
}

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}
