/*
 * ProjectFacts + Plan → ComposePlan: the backing services the requirements show (or the
 * ones the user names with --services), the processes run from the app's image, and the
 * environment each reads, wired to the services. Plain data: secrets appear by name only,
 * their values are generated when the env file is rendered (compose-secrets.ts).
 */

import { defaultTags } from "../build/default-tags.js";
import { PyshipError } from "../core/errors.js";
import type {
  ComposeBackingService,
  ComposePlan,
  Plan,
  ProjectFacts,
  ServiceKind,
  Warning,
} from "../core/pipeline.js";
import { type EnvRead, envReads, settingsClasses } from "../detect/python-ast/env-reads.js";
import { msg, withText } from "../i18n/message.js";
import { detectServices, type FoundServices } from "./detect-services.js";
import { planProcesses, type SourceText } from "./plan-processes.js";
import { planWiring } from "./plan-wiring.js";
import { SERVICE_KINDS, SERVICE_NAMES } from "./service-kinds.js";

export const COMPOSE_FILE = "compose.yaml";
export const COMPOSE_ENV_FILE = ".env.compose";

export interface ComposeOptions {
  /** Services to run instead of the detected ones (`--services postgres,redis`). */
  readonly services?: readonly string[];
}

export function planCompose(
  facts: ProjectFacts,
  plan: Plan,
  sources: readonly SourceText[],
  options: ComposeOptions = {},
): ComposePlan {
  const found = chosenServices(
    detectServices(facts.dependencies.requirements, facts.django !== undefined, sources),
    options,
  );
  const python = sources.filter((s) => s.file.endsWith(".py"));
  const bases = settingsClasses(python.map((s) => s.text));
  const reads = python.flatMap((s) => envReads(s.file, s.text, bases));
  const wiring = planWiring(found, reads);
  const processes = planProcesses(facts, plan, sources);
  const env = withVerifyEnv(withProcessEnv(wiring.env, processes), plan);
  const secrets = secretNames(found.services, env);
  return {
    schemaVersion: 1,
    project: plan.project.name,
    image: defaultTags(plan.project.name, null)[0] as string,
    file: COMPOSE_FILE,
    envFile: COMPOSE_ENV_FILE,
    port: plan.kind === "web" ? plan.port : null,
    services: found.services,
    processes,
    env,
    secrets,
    warnings: [...wiring.warnings, ...leftToSet(reads, env, secrets)],
  };
}

/**
 * What the platform would set for the app to accept requests (the variable ALLOWED_HOSTS is
 * read from): compose's web is reached on 127.0.0.1 and localhost, like the build's probe.
 */
function withVerifyEnv(env: ComposePlan["env"], plan: Plan): ComposePlan["env"] {
  const extra = (plan.verifyEnv ?? []).filter((v) => !env.some((w) => w.name === v.name));
  return [...env, ...extra];
}

/** Variables the code cannot run without that compose gives no value: the user must. */
function leftToSet(
  reads: readonly EnvRead[],
  env: ComposePlan["env"],
  secrets: readonly string[],
): Warning[] {
  const set = new Set([...env.map((w) => w.name), ...secrets]);
  const left = reads.filter((r) => r.required && !set.has(r.name) && set.add(r.name));
  return left.map((read) => ({
    code: "compose-required-env",
    ...withText(msg("compose.requiredEnv", { name: read.name, why: read.evidence.why })),
    file: read.evidence.file,
    ...(read.evidence.line === null ? {} : { line: read.evidence.line }),
  }));
}

/** rq's worker CLI reads RQ_REDIS_URL: set it when an RQ worker runs and the app does not. */
function withProcessEnv(env: ComposePlan["env"], processes: ComposePlan["processes"]) {
  const rq = processes.find((p) => p.command?.[0] === "rq");
  if (!rq || env.some((w) => w.name === "RQ_REDIS_URL")) return env;
  const why = "rq worker reads its Redis URL from RQ_REDIS_URL";
  return [
    ...env,
    {
      name: "RQ_REDIS_URL",
      value: SERVICE_KINDS.redis.parts.url,
      evidence: { ...rq.evidence, why },
    },
  ];
}

/** Every `${NAME}` a service's contract or a wired value refers to, in first-use order. */
function secretNames(
  services: readonly ComposeBackingService[],
  env: ComposePlan["env"],
): string[] {
  const values = [
    ...services.flatMap((s) => Object.values(SERVICE_KINDS[s.kind].env)),
    ...env.map((w) => w.value),
  ];
  const names = values.flatMap((value) =>
    [...value.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => m[1] as string),
  );
  return [...new Set(names)];
}

/** --services replaces detection; each name must be a service pyship knows. */
function chosenServices(found: FoundServices, options: ComposeOptions): FoundServices {
  if (options.services === undefined) return found;
  const services = options.services.map((name): ComposeBackingService => {
    if (!SERVICE_NAMES.includes(name as ServiceKind)) throw unknownService(name);
    const kind = name as ServiceKind;
    const detected = found.services.find((s) => s.kind === kind);
    const evidence = detected?.evidence ?? [
      { file: "--services", line: null, why: "named on the command line" },
    ];
    return { kind, name: SERVICE_KINDS[kind].name, image: SERVICE_KINDS[kind].image, evidence };
  });
  const broker = services.some((s) => s.kind === found.broker) ? found.broker : null;
  return { services, schemes: found.schemes, broker };
}

function unknownService(name: string): PyshipError {
  return new PyshipError("E_USAGE", msg("compose.unknownService", { name }), {
    file: "--services",
    hint: msg("compose.unknownService.hint", { known: SERVICE_NAMES.join(", ") }),
  });
}
