/*
 * Engine-level failures recognized from a client's stderr: the daemon is down, the socket
 * is not ours to use, the client cannot build with BuildKit. Each maps to its own error code
 * (CI scripts branch on the exit status) with a hint saying what to do.
 */
import { PyshipError } from "../core/errors.js";

interface FaultRule {
  readonly pattern: RegExp;
  readonly make: (client: string, stderr: string) => PyshipError;
}

// Permission is checked before "cannot connect": docker prints both words for a socket it
// may not open ("permission denied while trying to connect to the Docker daemon socket").
// A full disk comes first of all: whatever else failed, that is what the user must fix.
// A lost engine is the client's own bare line (or, with --iidfile, its complaint that the
// stream ended without an image ID) (step output is prefixed with `#N`), so an
// "unexpected EOF" printed by a tool inside a RUN step is not mistaken for it.
const RULES: readonly FaultRule[] = [
  {
    pattern: /no space left on device/i,
    make: (client, stderr) =>
      new PyshipError("E_DISK_FULL", `the engine ran out of disk space (${client})`, {
        details: matchingLine(stderr, /no space left on device/i),
        hint: "free space where the engine keeps its data (`docker system df`, then `docker builder prune` or `docker image prune`), or give it a bigger disk, and build again",
      }),
  },
  {
    pattern:
      /^(?:ERROR: )?(?:unexpected EOF|error reading from server: EOF)$|rpc error: code = Unavailable desc = (?:error reading from server|transport is closing)|because server did not provide an image ID/m,
    make: (client) =>
      new PyshipError(
        "E_ENGINE_LOST",
        `the engine stopped in the middle of the build (${client})`,
        {
          hint: "check that the daemon runs again (`docker info`) and why it stopped (`journalctl -u docker`), then build again: finished steps come from the cache",
        },
      ),
  },
  {
    pattern:
      /permission denied.*(docker daemon socket|docker\.sock)|dial unix .*: connect: permission denied/i,
    make: (client) =>
      new PyshipError("E_ENGINE_PERMISSION", `${client} may not use the Docker daemon socket`, {
        hint: "add yourself to the docker group (`sudo usermod -aG docker $USER`, then log in again), or use rootless podman (`--engine podman`)",
      }),
  },
  {
    pattern:
      /Cannot connect to the Docker daemon|Is the docker daemon running|error during connect|connection refused.*docker/i,
    make: (client, stderr) =>
      new PyshipError("E_ENGINE_UNAVAILABLE", `the Docker daemon does not answer (${client})`, {
        details: firstLine(stderr),
        hint: "start it (`sudo systemctl start docker`, or `sudo dockerd &`; scripts/setup-engine.sh does both), or check DOCKER_HOST and `docker context ls`",
      }),
  },
  {
    pattern:
      /BuildKit is enabled but the buildx component is missing|buildx component is missing or broken/i,
    make: (client) =>
      new PyshipError(
        "E_BUILDKIT_UNSUPPORTED",
        `${client} cannot build with BuildKit: the buildx plugin is missing`,
        {
          hint: "install the docker buildx plugin (docker-buildx-plugin), or use another client; `pyship doctor` lists them",
        },
      ),
  },
  {
    pattern: /the --mount option requires BuildKit|Unknown flag: mount/i,
    make: (client) =>
      new PyshipError(
        "E_BUILDKIT_UNSUPPORTED",
        `the Dockerfile uses RUN --mount, which the legacy builder of ${client} rejects`,
        {
          hint: "build with BuildKit (install docker buildx), or regenerate with `pyship init --force`: pyship only writes cache mounts for engines that support them",
        },
      ),
  },
];

/** The engine fault this stderr shows, or null when it is something else. */
export function engineFault(client: string, stderr: string): PyshipError | null {
  const rule = RULES.find((candidate) => candidate.pattern.test(stderr));
  return rule ? rule.make(client, stderr) : null;
}

function matchingLine(text: string, pattern: RegExp): string {
  return (
    text
      .split("\n")
      .find((line) => pattern.test(line))
      ?.trim() ?? ""
  );
}

export function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line !== "") ?? ""
  );
}
