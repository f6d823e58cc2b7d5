/*
 * `--tz Asia/Shanghai`: the container's local time, as ENV TZ in the final stage. The zone
 * data is the base image's: Debian's python:*-slim ship tzdata (/usr/share/zoneinfo), which
 * glibc and Python's zoneinfo both read. Only IANA zone names are taken: an offset (`UTC+8`,
 * reversed by POSIX) or an unknown name would silently run on UTC (see core/time-zone.ts).
 */
import { PyshipError } from "../core/errors.js";
import { readTimeZone } from "../core/time-zone.js";
import { msg } from "../i18n/message.js";
import { fromFlag, type Notes } from "./notes.js";
import type { RunContext } from "./plan-run-context.js";

export function withTimeZone(
  context: RunContext,
  tz: string | undefined,
  notes: Notes,
): RunContext {
  if (tz === undefined) return context;
  const reading = readTimeZone(tz);
  if (reading.kind !== "zone") {
    const suggested =
      reading.kind === "offset" && reading.suggested ? reading.suggested : "Asia/Shanghai";
    throw new PyshipError("E_USAGE", msg("plan.badTz", { value: tz }), {
      hint: msg("plan.badTz.hint", { suggested }),
    });
  }
  notes.evidence.push(fromFlag("--tz", msg("ev.tz.flag", { tz })));
  return { ...context, env: { ...context.env, TZ: tz } };
}
