/*
 * A verify failure on a project whose requirements are not all pinned may be today's releases
 * breaking old code (a signature changed, a module moved). `--resolve-date auto` installs what
 * resolved when the manifest last changed; the hint suggests it, it is never applied unasked.
 */
import { PyshipError } from "../core/errors.js";
import type { Plan, Requirement } from "../core/pipeline.js";
import { exactPins } from "../detect/pins/exact-pins.js";

export function withResolveDateHint(
  error: PyshipError,
  plan: Plan,
  requirements: readonly Requirement[],
): PyshipError {
  const loose = requirements.filter((r) => exactPins([r]).length === 0);
  const applies =
    plan.install.strategy === "requirements" && plan.install.resolveDate === undefined;
  if (!applies || loose.length === 0) return error;
  const names = loose
    .slice(0, 3)
    .map((r) => r.name)
    .join(", ");
  const hint = `${error.hint ?? ""}${error.hint ? "; " : ""}${names}${loose.length > 3 ? ", …" : ""} ${loose.length === 1 ? "is" : "are"} not pinned: if the project is older than today's releases, try \`pyship build --resolve-date auto\` (or a YYYY-MM-DD)`;
  return new PyshipError(error.code, error.text, {
    details: error.details,
    file: error.file,
    line: error.line,
    hint,
  });
}
