/*
 * Picks the engine `pyship build` uses: asks every docker client on PATH and podman what
 * they can really do (src/build/probe-*.ts), then takes the first entry of ENGINE_ORDER that
 * one of them satisfies, and says which and why. Never assumes the engine is local: the
 * clients are asked, so DOCKER_HOST, docker contexts and remote builders are respected.
 */
import { PyshipError } from "../core/errors.js";
import type { CommandExecutor } from "../core/exec.js";
import type { EngineCapabilities, EngineName } from "../core/pipeline.js";
import { english, type Message, msg } from "../i18n/message.js";
import type { ClientProbe, Engine } from "./engine.js";
import { listClients } from "./list-clients.js";
import { probeDocker } from "./probe-docker.js";
import { probePodman } from "./probe-podman.js";

export type EngineWish = "docker" | "buildx" | "podman";

export interface EngineRequest {
  /** `--engine`: limit the choice to one family. */
  readonly wish?: EngineWish;
  /** The Dockerfile uses RUN --mount: builders that reject it are not candidates. */
  readonly needsCacheMounts?: boolean;
  /** `--platform a,b`: only engines that make manifest lists are candidates. */
  readonly multiPlatform?: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

interface EngineRule {
  readonly name: EngineName;
  readonly wishes: readonly EngineWish[];
  readonly capabilities: Omit<EngineCapabilities, "platforms">;
  /** Builds several platforms into one manifest list (build-platforms.ts). */
  readonly manifestLists: boolean;
  readonly env: Readonly<Record<string, string>>;
  readonly accepts: (probe: ClientProbe) => boolean;
  readonly describe: (probe: ClientProbe) => Message;
}

const usableDocker = (p: ClientProbe) => p.kind === "docker" && p.fault === null;

// Best first. buildx is BuildKit with platforms and remote builders; a plain client with
// DOCKER_BUILDKIT=1 is the same BuildKit without them; the legacy builder works everywhere a
// daemon answers but has no cache mounts; podman last because `docker` is what most users
// expect when both exist (`--engine podman` picks it explicitly).
export const ENGINE_ORDER: readonly EngineRule[] = [
  {
    name: "buildx",
    wishes: ["buildx", "docker"],
    capabilities: { buildkit: true, cacheMounts: true, buildx: true },
    manifestLists: true,
    env: {},
    accepts: (p) => usableDocker(p) && p.buildxVersion !== null,
    describe: (p) => msg("engine.use.buildx", { version: `${p.buildxVersion}`, client: p.client }),
  },
  {
    name: "docker-buildkit",
    wishes: ["docker"],
    capabilities: { buildkit: true, cacheMounts: true, buildx: false },
    manifestLists: false,
    env: { DOCKER_BUILDKIT: "1" },
    accepts: (p) => usableDocker(p) && p.buildkit === true,
    describe: (p) => msg("engine.use.buildkit", { client: p.client, version: versionOf(p) }),
  },
  {
    name: "docker-legacy",
    wishes: ["docker"],
    capabilities: { buildkit: false, cacheMounts: false, buildx: false },
    manifestLists: false,
    env: { DOCKER_BUILDKIT: "0" },
    accepts: usableDocker,
    describe: (p) => msg("engine.use.legacy", { client: p.client, version: versionOf(p) }),
  },
  {
    name: "podman",
    wishes: ["podman"],
    capabilities: { buildkit: false, cacheMounts: true, buildx: false },
    manifestLists: true,
    env: {},
    accepts: (p) => p.kind === "podman" && p.fault === null,
    describe: (p) => msg("engine.use.podman", { client: p.client, version: versionOf(p) }),
  },
];

/** Every engine client found and what it can do, in PATH order. */
export async function surveyEngines(
  executor: CommandExecutor,
  env: Env,
  wish?: EngineWish,
): Promise<ClientProbe[]> {
  const endpoint = `${env.DOCKER_HOST ?? ""}|${env.DOCKER_CONTEXT ?? ""}`;
  const dockers = wish === "podman" ? [] : await listClients(executor, env, "docker");
  const podmans =
    wish === undefined || wish === "podman" ? await listClients(executor, env, "podman") : [];
  const probes: ClientProbe[] = [];
  for (const client of dockers) probes.push(await probeDocker(executor, client, endpoint));
  if (podmans[0]) probes.push(await probePodman(executor, podmans[0]));
  return probes;
}

export async function detectEngine(
  executor: CommandExecutor,
  env: Env,
  request: EngineRequest = {},
): Promise<Engine> {
  return chooseEngine(await surveyEngines(executor, env, request.wish), request);
}

/** First rule of ENGINE_ORDER that some probe satisfies; a fault that explains why not. */
export function chooseEngine(probes: readonly ClientProbe[], request: EngineRequest): Engine {
  const rules = ENGINE_ORDER.filter(
    (rule) =>
      (request.wish === undefined || rule.wishes.includes(request.wish)) &&
      (!request.needsCacheMounts || rule.capabilities.cacheMounts) &&
      (!request.multiPlatform || rule.manifestLists),
  );
  for (const rule of rules) {
    const probe = probes.find(rule.accepts);
    if (!probe) continue;
    const skipped = probes.filter((p) => p !== probe && probes.indexOf(p) < probes.indexOf(probe));
    const text = skipped.reduce<Message>(
      (chosen, p) => msg("engine.use.skipped", { chosen, client: p.client, why: rejectionText(p) }),
      rule.describe(probe),
    );
    return {
      name: rule.name,
      client: probe.client,
      clientVersion: probe.clientVersion,
      capabilities: { ...rule.capabilities, platforms: probe.platforms },
      env: rule.env,
      // A client without a version would leave two spaces in the sentence.
      why: [
        english(rule.describe(probe)).replace(/\s+/g, " "),
        ...skipped.map((p) => `skipped ${p.client}: ${rejection(p)}`),
      ].join("; "),
      text,
    };
  }
  throw noEngine(probes, request);
}

/** Why a client was passed over, in a few words. */
function rejection(probe: ClientProbe): string {
  return english(rejectionText(probe));
}

/** The same as a catalog message (a fault's own, when it has one). */
function rejectionText(probe: ClientProbe): Message | string {
  if (probe.fault) return probe.fault.text;
  if (probe.kind === "docker" && probe.buildkit === false)
    return msg("engine.reject.buildkit", { error: probe.buildkitError ?? "error" });
  return msg("engine.reject.notNeeded");
}

const versionOf = (probe: ClientProbe) => probe.clientVersion ?? "";

function noEngine(probes: readonly ClientProbe[], request: EngineRequest): PyshipError {
  const details = rejectedDetails(probes);
  if (probes.length === 0) {
    const what =
      request.wish === "podman" ? "podman" : request.wish ? "docker" : "docker or podman";
    return new PyshipError("E_ENGINE_UNAVAILABLE", msg("engine.none", { what }), {
      hint: msg("engine.none.hint"),
    });
  }
  const permission = probes.find((p) => p.fault?.code === "E_ENGINE_PERMISSION");
  if (permission?.fault) return permission.fault;
  const answered = probes.some((p) => p.fault === null);
  if (answered && request.multiPlatform) return noManifestEngine(details);
  if (answered && (request.wish === "buildx" || request.needsCacheMounts)) {
    const why = request.wish === "buildx" ? msg("engine.why.buildx") : msg("engine.why.mount");
    return new PyshipError("E_BUILDKIT_UNSUPPORTED", msg("engine.noBuildKit", { why }), {
      details,
      hint: msg("engine.noBuildKit.hint"),
    });
  }
  const fault = probes.find((p) => p.fault)?.fault;
  return fault
    ? new PyshipError(fault.code, fault.text, {
        ...(fault.hintText === undefined ? {} : { hint: fault.hintText }),
        details,
      })
    : new PyshipError("E_ENGINE_UNAVAILABLE", msg("engine.unusable"), { details });
}

/** One line per client passed over ("  docker: …"), in the reader's language. */
function rejectedDetails(probes: readonly ClientProbe[]): Message | undefined {
  return probes
    .map((p) => msg("engine.rejected", { client: p.client, why: rejectionText(p) }))
    .reduceRight<Message | undefined>(
      (rest, line) => (rest === undefined ? line : msg("text.lines", { line, rest })),
      undefined,
    );
}

function noManifestEngine(details: Message | undefined): PyshipError {
  return new PyshipError("E_PLATFORM_UNSUPPORTED", msg("platform.noEngine"), {
    details,
    hint: msg("platform.noEngine.hint"),
  });
}
