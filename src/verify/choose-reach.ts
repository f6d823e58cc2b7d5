/*
 * Decides where verify's HTTP probe runs (src/verify/web-reach.ts). Probing from the host is
 * right only when the engine's containers live on this machine's loopback; anything else
 * (a TCP or SSH DOCKER_HOST, a docker context pointing elsewhere, podman remote or rootless)
 * probes from inside the container's network. Asks as little as possible: the environment
 * first, the docker config file next, a client command only when a context is in use.
 */
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, join } from "node:path";
import type { CommandExecutor } from "../core/exec.js";
import { hostReach, NetworkReach, type ProbeFrom, type WebReach } from "./web-reach.js";

type Env = Readonly<Record<string, string | undefined>>;

export interface ReachInput {
  readonly executor: CommandExecutor;
  readonly client: string;
  readonly env: Env;
  /** `--probe-from`: the user's choice wins over the guess. */
  readonly wish?: ProbeFrom;
}

export async function chooseReach(input: ReachInput): Promise<WebReach> {
  if (input.wish === "host") return hostReach;
  if (input.wish === "network") return new NetworkReach("--probe-from network");
  const remote = basename(input.client).startsWith("podman")
    ? await podmanRemote(input)
    : await dockerRemote(input);
  return remote === null ? hostReach : new NetworkReach(remote);
}

/** Only unix sockets (and Windows pipes) are this machine; tcp://, ssh://, fd:// may not be. */
export function isLocalEndpoint(host: string): boolean {
  return /^(unix|npipe):\/\//.test(host);
}

/** Why the docker engine is not local, or null when it is (DOCKER_HOST wins over contexts). */
async function dockerRemote({ executor, client, env }: ReachInput): Promise<string | null> {
  if (env.DOCKER_HOST)
    return isLocalEndpoint(env.DOCKER_HOST)
      ? null
      : `the engine is at DOCKER_HOST=${env.DOCKER_HOST}`;
  const context = env.DOCKER_CONTEXT || (await currentContext(env));
  if (!context || context === "default") return null;
  const args = ["context", "inspect", context, "--format", "{{.Endpoints.docker.Host}}"];
  const shown = await executor.run(client, args, { timeoutMs: 10_000 });
  const host = shown.stdout.trim();
  if (shown.exitCode !== 0 || host === "" || isLocalEndpoint(host)) return null;
  return `the engine is at ${host} (docker context ${context})`;
}

/** `currentContext` of the docker client's config.json ($DOCKER_CONFIG or ~/.docker). */
async function currentContext(env: Env): Promise<string | null> {
  const dir = env.DOCKER_CONFIG || join(env.HOME || homedir(), ".docker");
  try {
    const config = JSON.parse(await readFile(join(dir, "config.json"), "utf8"));
    return typeof config.currentContext === "string" ? config.currentContext : null;
  } catch {
    return null; // no config file, or not ours to understand: the default context
  }
}

/** Remote podman (CONTAINER_HOST, a connection) or rootless podman: ports live elsewhere. */
async function podmanRemote({ executor, client, env }: ReachInput): Promise<string | null> {
  if (env.CONTAINER_HOST && !isLocalEndpoint(env.CONTAINER_HOST))
    return `the engine is at CONTAINER_HOST=${env.CONTAINER_HOST}`;
  const args = ["info", "--format", "{{.Host.Security.Rootless}}"];
  const info = await executor.run(client, args, { timeoutMs: 20_000 });
  return info.exitCode === 0 && info.stdout.trim() === "true"
    ? "rootless podman publishes ports from the user's network namespace"
    : null;
}
