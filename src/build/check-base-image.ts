/*
 * `pyship doctor`: can the chosen engine resolve the base image? In its store already, or
 * pulled within a short time. When not, the problem says which file of that engine sends
 * Docker Hub requests to a mirror (daemon.json, buildkitd.toml, registries.conf), or
 * `pyship build --base-registry HOST` for a single project. Order of the table: the engine
 * names pyship's detection returns.
 */
import type { CommandExecutor } from "../core/exec.js";
import type { EngineName } from "../core/pipeline.js";
import type { Problem } from "./doctor.js";

const DAEMON_JSON =
  'add "registry-mirrors": ["https://docker.m.daocloud.io"] to /etc/docker/daemon.json and restart dockerd';

const MIRROR_SETTING: Readonly<Record<EngineName, string>> = {
  "docker-buildkit": DAEMON_JSON,
  "docker-legacy": DAEMON_JSON,
  buildx:
    'for a docker-container builder add [registry."docker.io"] mirrors = ["docker.m.daocloud.io"] to its buildkitd.toml (docker buildx create --config FILE); the docker driver uses daemon.json\'s "registry-mirrors"',
  podman:
    'add [[registry]] prefix = "docker.io" location = "docker.m.daocloud.io" to /etc/containers/registries.conf (or ~/.config/containers/registries.conf)',
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
  return {
    code: "E_BASE_IMAGE_MISSING",
    message: `${engine.client} cannot resolve the base image ${image}: not in its store, and pulling it failed${why ? ` (${why.slice(0, 160)})` : ""}`,
    hint: `${MIRROR_SETTING[engine.name]}; or, per build, pyship build --base-registry docker.m.daocloud.io (or your company's registry mirror)`,
  };
}
