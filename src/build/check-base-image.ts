/*
 * `pyship doctor`: can the chosen engine resolve the base image? In its store already, or
 * pulled within a short time. When not, the problem says which file of that engine sends
 * Docker Hub requests to a mirror (daemon.json, buildkitd.toml, registries.conf), or
 * `pyship build --base-registry HOST` for a single project. Order of the table: the engine
 * names pyship's detection returns.
 */
import type { CommandExecutor } from "../core/exec.js";
import type { EngineName } from "../core/pipeline.js";
import { english, type MessageKey, msg } from "../i18n/message.js";
import type { Problem } from "./doctor.js";

// The catalog says each in the user's language (src/i18n/catalogs, `doctor.mirror.*`).
const MIRROR_SETTING: Readonly<Record<EngineName, MessageKey>> = {
  "docker-buildkit": "doctor.mirror.daemonJson",
  "docker-legacy": "doctor.mirror.daemonJson",
  buildx: "doctor.mirror.buildkitd",
  podman: "doctor.mirror.registriesConf",
};

const PULL_TIMEOUT_MS = 30_000;

export async function checkBaseImage(
  executor: CommandExecutor,
  engine: { readonly name: EngineName; readonly client: string },
  image: string,
): Promise<Problem | null> {
  const local = await executor.run(engine.client, ["image", "inspect", image], {
    timeoutMs: 20_000,
  });
  if (local.exitCode === 0) return null;
  const pulled = await executor.run(engine.client, ["pull", image], { timeoutMs: PULL_TIMEOUT_MS });
  if (pulled.exitCode === 0) return null;
  const why = (pulled.stderr || pulled.stdout).trim().split("\n").pop() ?? "";
  const detail = why ? ` (${why.slice(0, 160)})` : "";
  const text = msg("doctor.baseImageMissing", { client: engine.client, image, detail });
  const hintText = msg("doctor.baseImageMissing.hint", {
    setting: msg(MIRROR_SETTING[engine.name]),
  });
  return {
    code: "E_BASE_IMAGE_MISSING",
    message: english(text),
    hint: english(hintText),
    text,
    hintText,
  };
}
