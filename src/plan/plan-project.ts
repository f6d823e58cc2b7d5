/*
 * ProjectFacts + command-line options → Plan: every decision the Dockerfile is rendered
 * from, each with its evidence. Precedence everywhere: flags > [tool.pyship] > Procfile >
 * detection > pyship's conventions.
 */
import { satisfies } from "@renovatebot/pep440";
import { PyshipError } from "../core/errors.js";
import type { Plan, PlanOptions, ProjectFacts, Repair, Stage } from "../core/pipeline.js";
import { because, type Message, msg, withText } from "../i18n/message.js";
import { byDefault, fromFlag, type Notes } from "./notes.js";
import { type CommandChoice, planCommand } from "./plan-command.js";
import { planDatabaseInit } from "./plan-database-init.js";
import { planDjango } from "./plan-django.js";
import { planOwnDockerignore } from "./plan-dockerignore.js";
import { planCjkFonts } from "./plan-fonts.js";
import { planInstall } from "./plan-install.js";
import { planIndex, planInstaller, withOldPythonSpecs } from "./plan-installer.js";
import { planMirror } from "./plan-mirror.js";
import { planProcess } from "./plan-process.js";
import { planRepairs, repairedPython, withRepairApt, withRepairs } from "./plan-repairs.js";
import { withResolveDate } from "./plan-resolve-date.js";
import { planRunContext } from "./plan-run-context.js";
import { withTimeZone } from "./plan-time-zone.js";
import { planVerifyEnv } from "./plan-verify-env.js";
import { planSystemPackages } from "./system-packages.js";

const DEFAULT_USER = { name: "app", uid: 10001 } as const;

/** Font packages join the final stage's apt step (sorted, as planSystemPackages lists them). */
function withFonts(system: Plan["systemPackages"], fonts: string[]): Plan["systemPackages"] {
  if (fonts.length === 0) return system;
  return { ...system, runtime: [...new Set([...system.runtime, ...fonts])].sort() };
}

export function planProject(facts: ProjectFacts, options: PlanOptions = {}): Plan {
  const notes: Notes = { evidence: [facts.meta.evidence], warnings: [...facts.warnings] };
  const repairs = planRepairs(facts, options, notes);
  const python = repairedPython(planPython(facts, options, notes), facts, options, repairs, notes);
  const baseImage = planBaseImage(facts, options, python, notes);
  const choice = planCommand(facts, options, notes);
  const installer = planInstaller(facts, options, python, notes);
  const installed = planInstall(facts, choice, notes, options, installer);
  const dated = withRepairDate(options, repairs);
  const lifted = withOldPythonSpecs(installed, python, dated.resolveDate, notes);
  const install = withResolveDate(withRepairs(lifted, repairs), dated, notes);
  const systemPackages = withFonts(
    withRepairApt(planSystemPackages(facts, notes), repairs),
    planCjkFonts(facts, options, notes),
  );
  const user = facts.config.user ?? DEFAULT_USER;
  if (facts.config.user !== undefined && facts.config.source !== null) {
    notes.evidence.push({
      ...facts.config.source,
      ...because(msg("ev.config.user", { name: user.name, uid: user.uid })),
    });
  }
  return {
    schemaVersion: 1,
    project: { name: facts.meta.name, version: facts.meta.version },
    python,
    baseImage,
    install,
    framework: choice.candidate?.framework ?? "unknown",
    app: choice.candidate?.app ?? null,
    command: choice.command,
    ...withTimeZone(planRunContext(choice, notes), options.tz, notes),
    commandSource: choice.commandSource,
    ...(choice.server ? { server: choice.server } : {}),
    ...(choice.shell ? { shell: choice.shell } : {}),
    ...planProcess(choice, notes),
    port: choice.port,
    user: { name: user.name, uid: user.uid },
    systemPackages,
    stages: planStages(install, systemPackages, notes),
    buildkit: options.buildkit ?? false,
    ...(options.stageMounts === false ? { stageMounts: false as const } : {}),
    index: planIndex(options, notes),
    collectStatic: planDjango(facts, choice.command, notes),
    ...planDatabaseInit(facts, choice, install, notes),
    ...planVerifyEnv(facts, notes),
    ...planMirror(facts, options, notes),
    dockerignore: planOwnDockerignore(facts, keepInContext(install, facts, choice), notes),
    repairs,
    evidence: notes.evidence,
    warnings: notes.warnings,
  };
}

/** Files the build reads: manifests, locks, the pyproject readme, pyship's server file. */
function keepInContext(
  install: Plan["install"],
  facts: ProjectFacts,
  choice: CommandChoice,
): string[] {
  const server = [choice.server?.file, choice.server?.djangoSetup?.file].filter(
    (file): file is string => file !== undefined,
  );
  return [...new Set([...install.files, ...facts.meta.buildNeeds, ...server])].sort();
}

/** A resolve-date repair acts as --resolve-date would; the flag, when given, wins. */
function withRepairDate(options: PlanOptions, repairs: readonly Repair[]): PlanOptions {
  const date = repairs.find((repair) => repair.resolveDate !== undefined)?.resolveDate;
  return options.resolveDate === undefined && date !== undefined
    ? { ...options, resolveDate: date }
    : options;
}

function planPython(facts: ProjectFacts, options: PlanOptions, notes: Notes): string {
  const { python, config } = facts;
  let chosen = python.version;
  if (options.python !== undefined) {
    if (!/^3\.\d{1,2}$/.test(options.python)) {
      throw new PyshipError("E_USAGE", msg("plan.badPython", { value: options.python }), {
        hint: msg("plan.badPython.hint"),
      });
    }
    chosen = options.python;
    notes.evidence.push(fromFlag("--python", msg("ev.python.flag", { version: chosen })));
  } else if (config.python !== undefined) {
    chosen = config.python;
    notes.evidence.push({
      ...(config.source ?? byDefault("")),
      ...because(msg("ev.python.config", { version: chosen })),
    });
  } else {
    const why = python.evidence.text ?? python.evidence.why;
    notes.evidence.push({
      ...python.evidence,
      ...because(msg("ev.python", { version: chosen, why })),
    });
  }
  if (python.constraint !== null && !allowsPython(python, chosen)) {
    const text = withText(
      msg("warn.pythonConstraint", { version: chosen, constraint: python.constraint }),
    );
    notes.warnings.push({ code: "W_PYTHON_CONSTRAINT", ...text, file: python.evidence.file });
  }
  return chosen;
}

/** A range's PEP 440 form when detection gave one (Poetry's `^3.11`), else the raw constraint. */
function allowsPython(python: ProjectFacts["python"], chosen: string): boolean {
  const ranges = python.ranges ?? [python.constraint ?? ""];
  // A bare version (Pipfile's python_version = "3.7", runtime.txt) names the minor itself.
  const bare = (range: string) => /^\d+\.\d+(\.\d+)?$/.test(range.trim());
  return ranges.some((range) =>
    bare(range) ? range.trim().startsWith(chosen) : satisfies(chosen, range),
  );
}

function planBaseImage(
  facts: ProjectFacts,
  options: PlanOptions,
  python: string,
  notes: Notes,
): string {
  if (options.baseImage !== undefined) {
    notes.evidence.push(
      fromFlag("--base-image", msg("ev.baseImage.flag", { image: options.baseImage })),
    );
    return options.baseImage;
  }
  const { config } = facts;
  if (config.baseImage !== undefined) {
    notes.evidence.push({
      ...(config.source ?? byDefault("")),
      ...because(msg("ev.baseImage.config", { image: config.baseImage })),
    });
    return config.baseImage;
  }
  const image = `python:${python}-slim`;
  notes.evidence.push(byDefault(msg("ev.baseImage.default", { image, version: python })));
  return image;
}

/** A builder stage keeps compilers and install tools (poetry, uv, ...) out of the final image. */
function planStages(
  install: Plan["install"],
  system: Plan["systemPackages"],
  notes: Notes,
): Stage[] {
  const runtime: Stage = { name: "runtime", purpose: "runs the app as a non-root user" };
  const reasons = [
    ...(system.build.length > 0
      ? [msg("ev.stage.compile", { packages: system.build.join(" ") })]
      : []),
    ...(install.tool !== "pip" ? [msg("ev.stage.install", { tool: install.tool })] : []),
    ...(install.resolveDate ? [msg("ev.stage.resolve", { date: install.resolveDate })] : []),
  ];
  if (reasons.length === 0) {
    notes.evidence.push(byDefault(msg("ev.oneStage")));
    return [runtime];
  }
  const joined = reasons.reduce((a: Message, b) => msg("ev.and", { a, b }));
  const evidence = byDefault(msg("ev.builderStage", { reasons: joined }));
  notes.evidence.push(evidence);
  const purpose = evidence.why.replace(/^builder stage: /, "");
  return [{ name: "builder", purpose }, runtime];
}
