/*
 * The mirror parts of the Dockerfile (plan.mirror, src/mirror): build arguments with empty
 * defaults, so the same file builds against the official PyPI, Debian and Docker Hub unless
 * `pyship build --mirror …` (or `--build-arg`) passes a mirror. Rendered only when a mirror
 * was asked for, so other projects' Dockerfiles stay as they were.
 */
import type { Plan } from "../core/pipeline.js";
import { BASE_REGISTRY_ARG, onDockerHub } from "../mirror/base-registry.js";
import { INDEX_SECRET_HASH_ARG, INDEX_SECRET_PATH } from "../mirror/index-secret.js";
import { APT_MIRROR_ARG, INDEX_ARGS, INSECURE_ARGS } from "../mirror/mirror-build-args.js";
import { block } from "./dockerfile-syntax.js";

/** `ARG PYSHIP_BASE_REGISTRY=` before the first FROM, when FROM goes through a registry mirror. */
export function baseRegistryArg(plan: Plan): string[] {
  if (!rewritesFrom(plan)) return [];
  return [
    block(
      "Registry mirror for the base image: empty pulls it from Docker Hub as usual;\n" +
        "pyship build --base-registry HOST passes HOST/library/ (docker.io adds library/ itself).",
      `ARG ${BASE_REGISTRY_ARG}=`,
    ),
  ];
}

/** The image a FROM line names. */
export function fromImage(plan: Plan): string {
  return rewritesFrom(plan) ? `\${${BASE_REGISTRY_ARG}}${plan.baseImage}` : plan.baseImage;
}

function rewritesFrom(plan: Plan): boolean {
  return Boolean(plan.mirror?.baseRegistry) && onDockerHub(plan.baseImage);
}

/**
 * The index variables of the installing stage, declared without a value (an ARG without a
 * value and not passed is not set at all: pip and uv then use PyPI). Names the user's pip
 * settings already declare (index-args.ts, with their value) are not declared twice.
 */
export function mirrorIndexArgs(plan: Plan, declared: readonly string[]): string[] {
  if (!plan.mirror?.indexUrl) return [];
  const names = [...INDEX_ARGS, ...INSECURE_ARGS].filter((name) => !declared.includes(name));
  if (names.length === 0) return [];
  return [
    block(
      `Package index mirror (${plan.mirror.preset ?? "your URL"}): unset unless pyship build --mirror passes it.`,
      ...names.map((name) => `ARG ${name}`),
    ),
  ];
}

/** apt-get with retries and timeouts: a slow mirror is retried, a dead one fails in minutes. */
const APT_OPTIONS =
  "-o Acquire::Retries=3 -o Acquire::http::Timeout=30 -o Acquire::https::Timeout=30";

/** Debian's sources: deb822 since bookworm, the one-line list before (and in debootstrap roots). */
const SOURCES = "/etc/apt/sources.list.d/debian.sources /etc/apt/sources.list";

/**
 * Every `…/debian` URI becomes the mirror; `…/debian-security` is not matched (the security
 * suite stays official: mirrors lag behind it). The originals come back after the install,
 * so the image's own apt sources are the base image's.
 */
const USE_MIRROR =
  `{ [ -z "$${APT_MIRROR_ARG}" ] || for f in ${SOURCES}; do [ ! -f "$f" ] || ` +
  `{ cp "$f" "$f.pyship" && sed -i -E "s#[a-z]+://[^ ]+/debian( |\\$)#$${APT_MIRROR_ARG}\\1#" "$f"; }; done; }`;
const RESTORE_SOURCES = `{ for f in ${SOURCES}; do [ ! -f "$f.pyship" ] || mv "$f.pyship" "$f"; done; }`;

/**
 * A stage's apt commands through the mirror: the ARG (empty: the base image's own sources),
 * then sources rewritten, every apt-get with retries and timeouts, sources restored.
 */
export function aptThroughMirror(
  plan: Plan,
  commands: readonly string[],
): { readonly arg: string | null; readonly commands: readonly string[] } {
  if (!plan.mirror?.aptMirror) return { arg: null, commands };
  const withOptions = (command: string) =>
    command.replaceAll(/\bapt-get (update|install)\b/g, `apt-get ${APT_OPTIONS} $1`);
  return {
    arg: `ARG ${APT_MIRROR_ARG}=`,
    commands: [USE_MIRROR, ...commands.map(withOptions), RESTORE_SOURCES],
  };
}

/** The secret mount of every RUN that reaches the index, when it needs credentials. */
export function secretMounts(plan: Plan): string[] {
  const secret = plan.index?.secret;
  return secret ? [`--mount=type=secret,id=${secret.id}`] : [];
}

/**
 * Where pip and uv find the credentials (NETRC names the mounted file; no secret in it), and
 * the secret's keyed hash: a changed secret changes this argument, so the install re-runs.
 */
export function secretArgs(plan: Plan): string[] {
  if (!plan.index?.secret) return [];
  return [
    block(
      `Credentials for ${plan.index.secret.hosts.join(", ")}: a BuildKit secret (a netrc file), mounted only\n` +
        "while installing, never in a layer, ARG or ENV. The hash argument re-runs the install when it changes.",
      `ARG NETRC=${INDEX_SECRET_PATH}`,
      `ARG ${INDEX_SECRET_HASH_ARG}`,
    ),
  ];
}
