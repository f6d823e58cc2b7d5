/*
 * `--resolve-date DATE`: install the newest releases published on or before DATE, for an old
 * project whose unpinned requirements break on today's releases. pip in the official images
 * has no such option (pip 23–24), so the requirements install with uv's --exclude-newer in the
 * builder stage. Lock files already pin every release: the flag is ignored there, with a
 * warning. Never applied unless asked.
 */
import { PyshipError } from "../core/errors.js";
import type { Plan, PlanOptions } from "../core/pipeline.js";
import { msg, withText } from "../i18n/message.js";
import { fromFlag, type Notes } from "./notes.js";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function withResolveDate(
  install: Plan["install"],
  options: PlanOptions,
  notes: Notes,
): Plan["install"] {
  const date = options.resolveDate;
  if (date === undefined) return install;
  if (!ISO_DAY.test(date) || Number.isNaN(Date.parse(date))) {
    throw new PyshipError("E_USAGE", msg("resolveDate.bad", { date }), {
      hint: msg("resolveDate.bad.hint"),
    });
  }
  if (install.strategy !== "requirements" || !["pip", "uv"].includes(install.tool)) {
    const text = msg("warn.resolveDateIgnored", { strategy: install.strategy });
    notes.warnings.push({ code: "W_RESOLVE_DATE_IGNORED", ...withText(text) });
    return install;
  }
  notes.evidence.push(
    fromFlag(
      "--resolve-date",
      `requirements resolve to the newest releases on or before ${date} (uv --exclude-newer)`,
    ),
  );
  return { ...install, resolveDate: date };
}
