/*
 * What build and doctor know about a container engine: one probe per client binary found
 * (every `docker` on PATH, podman), and the engine chosen from them. Plain data, so doctor
 * can print it and `--json` can serialize it.
 */
import type { PyshipError } from "../core/errors.js";
import type { EngineCapabilities, EngineName } from "../core/pipeline.js";
import type { Message } from "../i18n/message.js";

/** The engine build uses: a client binary, the builder mode, and why it was picked. */
export interface Engine {
  readonly name: EngineName;
  /** Absolute path of the client binary (docker or podman). */
  readonly client: string;
  readonly clientVersion: string | null;
  readonly capabilities: EngineCapabilities;
  /** Extra environment for the build command (DOCKER_BUILDKIT=0/1). */
  readonly env: Readonly<Record<string, string>>;
  /** One sentence: which engine and why (shown to the user). */
  readonly why: string;
  /** `why` as a catalog message, for the user's language. */
  readonly text?: Message;
}

/** Everything learned by asking one client binary a few cheap questions. */
export interface ClientProbe {
  readonly kind: "docker" | "podman" | "buildah";
  readonly client: string;
  readonly clientVersion: string | null;
  /** Server (daemon) version, or null when it does not answer. */
  readonly serverVersion: string | null;
  /** Why the daemon does not answer (daemon down, permission), null when it does. */
  readonly fault: PyshipError | null;
  /** docker buildx plugin version, null when the plugin is missing. */
  readonly buildxVersion: string | null;
  /** `DOCKER_BUILDKIT=1 docker build` works; null when not probed (daemon down). */
  readonly buildkit: boolean | null;
  /** Why BuildKit does not work with this client (first line of its refusal). */
  readonly buildkitError: string | null;
  /** Platforms the builder can produce, e.g. linux/amd64. */
  readonly platforms: readonly string[];
}

/** Where a docker client sends its requests: never assume the engine is local. */
export interface EngineEndpoint {
  readonly dockerHost: string | null;
  readonly context: string | null;
}
