/*
 * The pure half of the e2e engine helper (unit-tested in test/e2e-support): reading
 * .tmp/engine.env and deciding between run, skip and fail.
 */

/** KEY=VALUE lines as scripts/setup-engine.sh writes them; values may be double-quoted. */
export function parseEngineEnv(text: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (match?.[1]) settings[match[1]] = (match[2] ?? "").trim().replace(/^"(.*)"$/, "$1");
  }
  return settings;
}

export type E2eDecision =
  | { readonly kind: "run" }
  | { readonly kind: "skip" | "fail"; readonly message: string };

/** No engine: skip loudly, unless PYSHIP_E2E=required, where skipping would hide it. */
export function e2eDecision(
  hasEngine: boolean,
  reason: string,
  required: string | undefined,
): E2eDecision {
  if (hasEngine) return { kind: "run" };
  const message = `end-to-end tests need a container engine: ${reason}`;
  if (required === "required") return { kind: "fail", message };
  return { kind: "skip", message: `${message} (PYSHIP_E2E=required makes this a failure)` };
}
