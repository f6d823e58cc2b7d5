/*
 * PY307: a TZ the image's C library misreads. `ENV TZ=UTC+8` is eight hours *behind* UTC to
 * POSIX, and `+08:00` or `Asia/Beijing` is no zone at all (silently UTC): logs and
 * schedules end up hours off with no error anywhere. See src/core/time-zone.ts.
 */
import { readTimeZone } from "../../core/time-zone.js";
import { msg } from "../../i18n/message.js";
import type { Rule, RuleFinding } from "../model.js";
import { propertiesOf } from "../rule-kit.js";

export const timeZoneMistake: Rule = (model) =>
  model.instructions
    .filter((instruction) => instruction.keyword === "ENV" || instruction.keyword === "ARG")
    .flatMap((instruction) =>
      propertiesOf(instruction).flatMap((property): RuleFinding[] => {
        if (property.name !== "TZ" || property.value === "" || property.value.includes("$"))
          return [];
        const reading = readTimeZone(property.value);
        if (reading.kind === "zone" || reading.kind === "posix") return [];
        const problem =
          reading.kind === "offset" ? msg("lint.var.tzOffset") : msg("lint.var.tzUnknown");
        const suggested =
          reading.kind === "offset" && reading.suggested ? reading.suggested : "Asia/Shanghai";
        return [
          {
            code: "PY307",
            range: instruction.range,
            vars: { value: property.value, problem, suggested },
            fix: { safe: false, description: `ENV TZ=${suggested}`, edits: [] },
          },
        ];
      }),
    );
