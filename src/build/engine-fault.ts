/*
 * Engine-level failures recognized from a client's stderr: the daemon is down, the socket
 * is not ours to use, the client cannot build with BuildKit. Each maps to its own error code
 * (CI scripts branch on the exit status) with a hint saying what to do.
 */
import { PyshipError } from "../core/errors.js";
import { msg } from "../i18n/message.js";

interface FaultRule {
  readonly pattern: RegExp;
  readonly make: (client: string, stderr: string) => PyshipError;
}

// Permission is checked before "cannot connect": docker prints both words for a socket it
// may not open ("permission denied while trying to connect to the Docker daemon socket").
const RULES: readonly FaultRule[] = [
  {
    pattern:
      /permission denied.*(docker daemon socket|docker\.sock)|dial unix .*: connect: permission denied/i,
    make: (client) =>
      new PyshipError("E_ENGINE_PERMISSION", msg("engine.socketDenied", { client }), {
        hint: msg("engine.socketDenied.hint"),
      }),
  },
  {
    pattern:
      /Cannot connect to the Docker daemon|Is the docker daemon running|error during connect|connection refused.*docker/i,
    make: (client, stderr) =>
      new PyshipError("E_ENGINE_UNAVAILABLE", msg("engine.daemonDown", { client }), {
        details: firstLine(stderr),
        hint: msg("engine.daemonDown.hint"),
      }),
  },
  {
    pattern:
      /BuildKit is enabled but the buildx component is missing|buildx component is missing or broken/i,
    make: (client) =>
      new PyshipError("E_BUILDKIT_UNSUPPORTED", msg("engine.noBuildx", { client }), {
        hint: msg("engine.noBuildx.hint"),
      }),
  },
  {
    pattern: /the --mount option requires BuildKit|Unknown flag: mount/i,
    make: (client) =>
      new PyshipError("E_BUILDKIT_UNSUPPORTED", msg("engine.legacyMount", { client }), {
        hint: msg("engine.legacyMount.hint"),
      }),
  },
];

/** The engine fault this stderr shows, or null when it is something else. */
export function engineFault(client: string, stderr: string): PyshipError | null {
  const rule = RULES.find((candidate) => candidate.pattern.test(stderr));
  return rule ? rule.make(client, stderr) : null;
}

export function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line !== "") ?? ""
  );
}
