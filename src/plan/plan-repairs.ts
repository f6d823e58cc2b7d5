/*
 * The repairs a plan carries: known breakages of the project's pinned releases, prevented up
 * front from the pins (src/core/known-pins.ts), plus those a failed `pyship build` found in its
 * log (PlanOptions.repairs). Each is reported as a warning and as evidence, so the change is
 * never silent, and its packages join the install after the project's own.
 */
import { lt } from "@renovatebot/pep440";
import { KNOWN_PINS } from "../core/known-pins.js";
import type { Plan, PlanOptions, ProjectFacts, Repair } from "../core/pipeline.js";
import { exactPins } from "../detect/pins/exact-pins.js";
import { pinText } from "../detect/pins/pin-text.js";
import { because, type Message, msg, textOf, withText } from "../i18n/message.js";
import type { Notes } from "./notes.js";

export function planRepairs(facts: ProjectFacts, options: PlanOptions, notes: Notes): Repair[] {
  const repairs: Repair[] = [];
  for (const repair of [...fromPins(facts), ...(options.repairs ?? [])]) {
    if (repairs.some((r) => r.id === repair.id)) continue;
    repairs.push(repair);
    const why = textOf({ why: repair.why, ...(repair.text ? { text: repair.text } : {}) });
    const text = withText(msg("warn.repair", { changes: changes(repair), why }));
    notes.warnings.push({
      code: "W_REPAIR",
      ...text,
      file: repair.evidence.file,
      ...lineOf(repair),
    });
    notes.evidence.push({ ...repair.evidence, why: text.message, text: text.text });
  }
  return repairs;
}

/** What a repair changes, as one message: "adds X, needs Python ≤ 3.11" (joined pairwise). */
function changes(repair: Repair): Message | string {
  const parts = [
    repair.packages.length > 0 && msg("warn.repair.adds", { packages: repair.packages.join(" ") }),
    repair.python && msg("warn.repair.python", { version: repair.python }),
    repair.apt &&
      msg("warn.repair.apt", { packages: [...repair.apt.build, ...repair.apt.runtime].join(" ") }),
    repair.resolveDate && msg("warn.repair.dated", { date: repair.resolveDate }),
    repair.buildConstraints?.length &&
      msg("warn.repair.buildConstraints", { constraints: repair.buildConstraints.join(" ") }),
  ].filter((part): part is Message => Boolean(part));
  if (parts.length === 0) return "";
  return parts.reduce((first, rest) => msg("warn.repair.and", { first, rest }));
}

/** A repair's packages install after the project's own (the server pyship adds stays first). */
export function withRepairs(install: Plan["install"], repairs: readonly Repair[]): Plan["install"] {
  const added = repairs.flatMap((repair) => repair.packages);
  const extraPackages = [...new Set([...install.extraPackages, ...added])];
  const constraints = [...new Set(repairs.flatMap((repair) => repair.buildConstraints ?? []))];
  return {
    ...install,
    ...(added.length > 0 ? { extraPackages } : {}),
    ...(constraints.length > 0 ? { buildConstraints: constraints } : {}),
  };
}

/** A repair's Python limit lowers a Python nobody chose explicitly (a flag or config wins). */
export function repairedPython(
  chosen: string,
  facts: ProjectFacts,
  options: PlanOptions,
  repairs: readonly Repair[],
  notes: Notes,
): string {
  if (options.python !== undefined || facts.config.python !== undefined) return chosen;
  // Chained repairs can each lower it: the lowest limit holds them all.
  const limit = repairs
    .filter((r) => r.python !== undefined && minorRank(r.python) < minorRank(chosen))
    .reduce<Repair | undefined>(
      (low, r) =>
        low === undefined || minorRank(r.python ?? "") < minorRank(low.python ?? "") ? r : low,
      undefined,
    );
  if (limit?.python === undefined) return chosen;
  const why = textOf({ why: limit.why, ...(limit.text ? { text: limit.text } : {}) });
  notes.evidence.push({
    ...limit.evidence,
    ...because(msg("ev.python", { version: limit.python, why })),
  });
  return limit.python;
}

const minorRank = (minor: string) => Number(minor.split(".")[1] ?? 0);

export function withRepairApt(
  system: Plan["systemPackages"],
  repairs: readonly Repair[],
): Plan["systemPackages"] {
  const add = (have: readonly string[], more: readonly string[]) => [
    ...new Set([...have, ...more]),
  ];
  return repairs.reduce(
    (packages, repair) =>
      repair.apt
        ? {
            build: add(packages.build, repair.apt.build),
            runtime: add(packages.runtime, repair.apt.runtime),
          }
        : packages,
    system,
  );
}

function lineOf(repair: Repair): { line?: number } {
  return repair.evidence.line === null ? {} : { line: repair.evidence.line };
}

function fromPins(facts: ProjectFacts): Repair[] {
  const pins = exactPins(facts.dependencies.requirements);
  const pinned = new Set(pins.map((pin) => pin.name));
  const declared = new Set(facts.dependencies.requirements.map((r) => r.name));
  return pins.flatMap((pin) =>
    KNOWN_PINS.filter(
      (known) =>
        known.name === pin.name &&
        known.repair !== undefined &&
        below(pin.version, known.below) &&
        !(
          known.unlessPinned !== undefined &&
          (pinned.has(known.unlessPinned) || declared.has(known.unlessPinned))
        ),
    ).map((known) => ({
      id: known.repair?.id ?? "",
      packages: known.repair?.packages ?? [],
      ...(known.repair?.buildConstraints
        ? { buildConstraints: known.repair.buildConstraints }
        : {}),
      ...because(
        msg("ev.repair.pin", {
          pin: pin.text,
          why: pinText(known.why),
          repair: pinText(known.repair?.why ?? ""),
        }),
      ),
      evidence: {
        ...pin.evidence,
        ...because(msg("ev.repair.pinned", { pin: pin.text, why: pinText(known.why) })),
      },
    })),
  );
}

function below(version: string, bound: string): boolean {
  try {
    return lt(version, bound);
  } catch {
    return false;
  }
}
