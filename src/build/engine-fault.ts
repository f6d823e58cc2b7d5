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
// A full disk comes first of all: whatever else failed, that is what the user must fix.
// A lost engine is the client's own bare line (or, with --iidfile, its complaint that the
// stream ended without an image ID) (step output is prefixed with `#N`), so an
// "unexpected EOF" printed by a tool inside a RUN step is not mistaken for it.
const RULES: readonly FaultRule[] = [
  {
    pattern: /no space left on device/i,
    make: (client, stderr) =>
      new PyshipError("E_DISK_FULL", msg("fault.diskFull", { client }), {
        details: matchingLine(stderr, /no space left on device/i),
        hint: msg("fault.diskFull.hint"),
      }),
  },
  {
    pattern:
      /^(?:ERROR: )?(?:unexpected EOF|error reading from server: EOF)$|rpc error: code = Unavailable desc = (?:error reading from server|transport is closing)|because server did not provide an image ID/m,
    make: (client) =>
      new PyshipError("E_ENGINE_LOST", msg("fault.engineLost", { client }), {
        hint: msg("fault.engineLost.hint"),
      }),
  },
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
