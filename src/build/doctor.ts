/*
 * `pyship doctor`'s findings: every engine client found (each docker on PATH, podman,
 * buildah), what each can do, where docker sends its requests, the engine `pyship build`
 * would use, and every problem with what to do about it. Plain data for the CLI and --json.
 */
import { isPyshipError, PyshipError } from "../core/errors.js";
import type { CommandExecutor } from "../core/exec.js";
import type { EngineCapabilities, EngineName } from "../core/pipeline.js";
import { type Message, msg } from "../i18n/message.js";
import { checkBaseImage } from "./check-base-image.js";
import { chooseEngine, surveyEngines } from "./detect-engine.js";
import type { ClientProbe, EngineEndpoint } from "./engine.js";
import { listClients } from "./list-clients.js";
import { probePodman } from "./probe-podman.js";
import { type Reproducibility, reproducibility } from "./reproducible-builds.js";

export interface Problem {
  readonly code: string;
  /** English (what --json prints); `text` and `hintText` are the same as catalog messages. */
  readonly message: string;
  readonly hint: string | null;
  readonly text?: Message | string;
  readonly hintText?: Message | string;
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
    /** `why` as a catalog message (not in --json). */
    readonly text?: Message;
    readonly capabilities: EngineCapabilities;
    /** Whether two builds of one commit give one image on it (`pyship release`). */
    readonly reproducible: Reproducibility;
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
    const { name, client, why, text, capabilities } = engine;
    // Docker's BuildKit is the daemon's, so the daemon's version decides; podman's is its own.
    const probe = probes.find((p) => p.client === client);
    const version = name === "podman" ? engine.clientVersion : (probe?.serverVersion ?? null);
    const reproducible = reproducibility(name, version);
    const base = baseImage === null ? null : await checkBaseImage(executor, engine, baseImage);
    const all = base === null ? problems : [...problems, base];
    const chosen = { name, client, why, ...(text ? { text } : {}), capabilities, reproducible };
    return { ok: true, endpoint, clients, engine: chosen, problems: all };
  } catch (error) {
    if (!isPyshipError(error)) throw error;
    return {
      ok: false,
      endpoint,
      clients,
      engine: null,
      problems: [...problems, problemOf(error)],
    };
  }
}

function problemOf(error: PyshipError): Problem {
  const { code, message, text, hintText } = error;
  return { code, message, hint: error.hint ?? null, text, ...(hintText ? { hintText } : {}) };
}

function finding(probe: ClientProbe): ClientFinding {
  const problem = probe.fault
    ? problemOf(probe.fault)
    : probe.kind === "docker" && probe.buildkit === false
      ? problemOf(
          new PyshipError(
            "E_BUILDKIT_UNSUPPORTED",
            msg("doctor.legacyOnly", {
              client: probe.client,
              reason: probe.buildkitError ?? "BuildKit refused",
            }),
            { hint: msg("doctor.legacyOnly.hint") },
          ),
        )
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
