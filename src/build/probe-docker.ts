/*
 * Asks one docker client what it can really do, with cheap real commands rather than
 * version guesses: does its daemon answer, is the buildx plugin there, and does a BuildKit
 * build of an empty image work (Docker 23+ clients without buildx refuse; 20.10 builds).
 * Results are cached per executor and client for the life of the process.
 */
import { PyshipError } from "../core/errors.js";
import type { CommandExecutor, RunResult } from "../core/exec.js";
import { msg } from "../i18n/message.js";
import type { ClientProbe } from "./engine.js";
import { engineFault, firstLine } from "./engine-fault.js";

const cache = new WeakMap<CommandExecutor, Map<string, Promise<ClientProbe>>>();

// A tiny build that pulls nothing: it answers "does BuildKit work here" in about a second.
const PROBE_DOCKERFILE = "FROM scratch\nLABEL org.pyship.probe=buildkit\n";
const QUICK_MS = 20_000;

export function probeDocker(
  executor: CommandExecutor,
  client: string,
  endpoint: string,
): Promise<ClientProbe> {
  const byClient = cache.get(executor) ?? new Map<string, Promise<ClientProbe>>();
  cache.set(executor, byClient);
  const key = `${client}\0${endpoint}`;
  const probe = byClient.get(key) ?? runProbe(executor, client);
  byClient.set(key, probe);
  return probe;
}

type ProbeBase = Pick<ClientProbe, "kind" | "client" | "clientVersion">;

async function runProbe(executor: CommandExecutor, client: string): Promise<ClientProbe> {
  const version = await dockerVersion(executor, client);
  const [clientVersion, serverVersion, platform] = version.stdout.trim().split("|");
  const base = { kind: "docker" as const, client, clientVersion: clientVersion || null };
  const answered = version.exitCode === 0 && Boolean(serverVersion);
  if (!answered) return daemonSilent(base, version);
  return probeAnsweringDaemon(executor, base, serverVersion ?? null, platform);
}

function dockerVersion(executor: CommandExecutor, client: string): Promise<RunResult> {
  return executor.run(
    client,
    [
      "version",
      "--format",
      "{{.Client.Version}}|{{.Server.Version}}|{{.Server.Os}}/{{.Server.Arch}}",
    ],
    { timeoutMs: QUICK_MS },
  );
}

/** The daemon did not answer: nothing else can be probed, so report why. */
function daemonSilent(base: ProbeBase, version: RunResult): ClientProbe {
  const { client } = base;
  const fault =
    engineFault(client, `${version.stderr}\n${version.stdout}`) ??
    new PyshipError("E_ENGINE_UNAVAILABLE", msg("engine.noVersion", { client }), {
      details: firstLine(version.stderr) || undefined,
      hint: msg("engine.noVersion.hint"),
    });
  return {
    ...base,
    serverVersion: null,
    fault,
    buildxVersion: null,
    buildkit: null,
    buildkitError: null,
    platforms: [],
  };
}

async function probeAnsweringDaemon(
  executor: CommandExecutor,
  base: ProbeBase,
  serverVersion: string | null,
  platform: string | undefined,
): Promise<ClientProbe> {
  const buildx = await probeBuildx(executor, base.client);
  // buildx builds with BuildKit anyway, so the probe build is only needed without it.
  const buildkit = buildx.version
    ? { ok: true, error: null }
    : await probeBuildkit(executor, base.client);
  return {
    ...base,
    serverVersion,
    fault: null,
    buildxVersion: buildx.version,
    buildkit: buildkit.ok,
    buildkitError: buildkit.error,
    platforms:
      buildx.platforms.length > 0
        ? buildx.platforms
        : [platform ?? ""].filter((p) => p.includes("/")),
  };
}

async function probeBuildx(
  executor: CommandExecutor,
  client: string,
): Promise<{ version: string | null; platforms: string[] }> {
  const version = await executor.run(client, ["buildx", "version"], { timeoutMs: QUICK_MS });
  if (version.exitCode !== 0) return { version: null, platforms: [] };
  // "github.com/docker/buildx v0.12.1 30feaa1" → v0.12.1
  const words = version.stdout.trim().split(/\s+/);
  const inspect = await executor.run(client, ["buildx", "inspect"], { timeoutMs: QUICK_MS });
  return { version: words[1] ?? words[0] ?? "unknown", platforms: parsePlatforms(inspect.stdout) };
}

/** `Platforms: linux/amd64, linux/386` from `docker buildx inspect`. */
export function parsePlatforms(inspect: string): string[] {
  const line = inspect.split("\n").find((l) => /^\s*Platforms:/.test(l));
  if (!line) return [];
  return line
    .replace(/^\s*Platforms:/, "")
    .split(",")
    .map((p) => p.trim().replace(/\*$/, ""))
    .filter((p) => p !== "");
}

async function probeBuildkit(
  executor: CommandExecutor,
  client: string,
): Promise<{ ok: boolean; error: string | null }> {
  const result = await executor.run(client, ["build", "-q", "-"], {
    env: { DOCKER_BUILDKIT: "1" },
    input: PROBE_DOCKERFILE,
    timeoutMs: 60_000,
  });
  if (result.exitCode === 0 && !result.timedOut) return { ok: true, error: null };
  return { ok: false, error: firstLine(result.stderr) || `exit code ${result.exitCode}` };
}
