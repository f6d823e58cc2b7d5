/*
 * `pyship doctor`'s findings: every engine client found (each docker on PATH, podman,
 * buildah), what each can do, where docker sends its requests, the engine `pyship build`
 * would use, and every problem with what to do about it. Plain data for the CLI and --json.
 */
import { isPyshipError } from "../core/errors.js";
import type { CommandExecutor } from "../core/exec.js";
import type { EngineCapabilities, EngineName } from "../core/pipeline.js";
import { checkBaseImage } from "./check-base-image.js";
import { chooseEngine, surveyEngines } from "./detect-engine.js";
import type { ClientProbe, EngineEndpoint } from "./engine.js";
import { listClients } from "./list-clients.js";
import { probePodman } from "./probe-podman.js";

export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly hint: string | null;
}

export interface ClientFinding {
  readonly kind: ClientProbe["kind"];
  readonly client: string;
  readonly version: string | null;
  readonly serverVersion: string | null;
  /** The daemon (docker) or the engine itself (podman) answers. */
  readonly answers: boolean;
  readonly buildx: string | null;
  readonly buildkit: boolean | null;
  readonly cacheMounts: boolean;
  readonly platforms: readonly string[];
  readonly problem: Problem | null;
}

export interface DoctorReport {
  readonly ok: boolean;
  readonly endpoint: EngineEndpoint;
  readonly clients: readonly ClientFinding[];
  readonly engine: {
    readonly name: EngineName;
    readonly client: string;
    readonly why: string;
    readonly capabilities: EngineCapabilities;
  } | null;
  readonly problems: readonly Problem[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** The image pyship's generated Dockerfiles start from by default (checked by doctor). */
export const DEFAULT_BASE_IMAGE = "python:3.13-slim";

export async function doctor(
  executor: CommandExecutor,
  env: Env,
  baseImage: string | null = null,
): Promise<DoctorReport> {
  const probes = await surveyEngines(executor, env);
  const buildah = (await listClients(executor, env, "buildah"))[0];
  const all = buildah ? [...probes, await probePodman(executor, buildah, "buildah")] : probes;
  const clients = all.map(finding);
  const problems = clients.flatMap((c) => (c.problem ? [c.problem] : []));
  const endpoint = await readEndpoint(executor, env, probes);
  try {
    const engine = chooseEngine(probes, {});
    const { name, client, why, capabilities } = engine;
    const base = baseImage === null ? null : await checkBaseImage(executor, engine, baseImage);
    const all = base === null ? problems : [...problems, base];
    return {
      ok: true,
      endpoint,
      clients,
      engine: { name, client, why, capabilities },
      problems: all,
    };
  } catch (error) {
    if (!isPyshipError(error)) throw error;
    const problem = { code: error.code, message: error.message, hint: error.hint ?? null };
    return { ok: false, endpoint, clients, engine: null, problems: [...problems, problem] };
  }
}

function finding(probe: ClientProbe): ClientFinding {
  const problem = probe.fault
    ? { code: probe.fault.code, message: probe.fault.message, hint: probe.fault.hint ?? null }
    : probe.kind === "docker" && probe.buildkit === false
      ? {
          code: "E_BUILDKIT_UNSUPPORTED",
          message: `${probe.client} builds only with the legacy builder (${probe.buildkitError ?? "BuildKit refused"})`,
          hint: "install the docker buildx plugin for cache mounts and faster rebuilds (pyship still builds without it)",
        }
      : null;
  return {
    kind: probe.kind,
    client: probe.client,
    version: probe.clientVersion,
    serverVersion: probe.serverVersion,
    answers: probe.fault === null,
    buildx: probe.buildxVersion,
    buildkit: probe.buildkit,
    cacheMounts: probe.fault === null && (probe.kind !== "docker" || probe.buildkit === true),
    platforms: probe.platforms,
    problem,
  };
}

/** DOCKER_HOST wins over contexts; otherwise the current context, as docker reports it. */
async function readEndpoint(
  executor: CommandExecutor,
  env: Env,
  probes: readonly ClientProbe[],
): Promise<EngineEndpoint> {
  const dockerHost = env.DOCKER_HOST || null;
  const docker = probes.find((p) => p.kind === "docker");
  if (dockerHost || !docker) return { dockerHost, context: env.DOCKER_CONTEXT || null };
  const shown = await executor.run(docker.client, ["context", "show"], { timeoutMs: 10_000 });
  const context = shown.exitCode === 0 ? shown.stdout.trim() || null : (env.DOCKER_CONTEXT ?? null);
  return { dockerHost, context };
}
