/*
 * Asks podman (or buildah, for doctor) what it is. Both need no daemon and understand
 * `RUN --mount=type=cache` natively, so a working podman has cache mounts without BuildKit.
 */
import { PyshipError } from "../core/errors.js";
import type { CommandExecutor } from "../core/exec.js";
import { msg } from "../i18n/message.js";
import type { ClientProbe } from "./engine.js";
import { firstLine } from "./engine-fault.js";

const QUICK_MS = 20_000;

export async function probePodman(
  executor: CommandExecutor,
  client: string,
  kind: "podman" | "buildah" = "podman",
): Promise<ClientProbe> {
  // `podman --version` → "podman version 4.3.1"; `buildah --version` → "buildah version 1.28.2 (…)"
  const version = await executor.run(client, ["--version"], { timeoutMs: QUICK_MS });
  const clientVersion = /version\s+(\S+)/.exec(version.stdout)?.[1] ?? null;
  const info =
    clientVersion && kind === "podman"
      ? await executor.run(client, ["info", "--format", "{{.Host.OS}}/{{.Host.Arch}}"], {
          timeoutMs: QUICK_MS,
        })
      : null;
  const working = clientVersion !== null && (info === null || info.exitCode === 0);
  return {
    kind,
    client,
    clientVersion,
    serverVersion: working ? clientVersion : null,
    fault: working ? null : notWorking(client, info?.stderr ?? version.stderr),
    buildxVersion: null,
    buildkit: false,
    buildkitError: null,
    platforms: info?.exitCode === 0 ? [info.stdout.trim()] : [],
  };
}

function notWorking(client: string, stderr: string): PyshipError {
  return new PyshipError("E_ENGINE_UNAVAILABLE", msg("engine.podmanBroken", { client }), {
    details: firstLine(stderr) || undefined,
    hint: msg("engine.podmanBroken.hint"),
  });
}
