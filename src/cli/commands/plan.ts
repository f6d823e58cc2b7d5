/*
 * `pyship plan [DIR]`: show every decision pyship would make for a project and the file and
 * line behind each, without writing anything. `--json` prints the Plan itself (stable,
 * English) for CI and other tools.
 */

import pc from "picocolors";
import { commandText } from "../../core/command-text.js";
import { PyshipError } from "../../core/errors.js";
import type { Installer, Plan, PlanOptions } from "../../core/pipeline.js";
import { english, msg } from "../../i18n/message.js";
import type { CliContext, Register } from "../context.js";
import { displayWidth, padDisplay } from "../display-width.js";
import { englishJson } from "../english-json.js";
import { say as sayText, t } from "../i18n.js";
import { loadPlan } from "../load-plan.js";
import { addMirrorFlags, type MirrorFlags, mirrorOptions } from "./mirror-flags.js";

export interface PlanFlags extends MirrorFlags {
  python?: string;
  baseImage?: string;
  app?: string;
  buildkit?: boolean;
  resolveDate?: string;
  installer?: string;
  tz?: string;
  cjkFonts?: boolean;
}

/** `--installer`: the text every command that plans shows for it. */
export const INSTALLER_FLAG = [
  "--installer <name>",
  "uv (default) or pip: what installs the dependencies (overrides [tool.pyship] installer)",
] as const;

/** `--cjk-fonts`: the text every command that plans shows for it. */
export const CJK_FONTS_FLAG = [
  "--cjk-fonts",
  "install a CJK font (fonts-wqy-microhei) so matplotlib draws Chinese labels (overrides [tool.pyship] cjk-fonts)",
] as const;

/** The flags `plan`, `init` (and `build`) share, as PlanOptions. */
export function planOptions(flags: PlanFlags): PlanOptions {
  return {
    ...(flags.python === undefined ? {} : { python: flags.python }),
    ...(flags.baseImage === undefined ? {} : { baseImage: flags.baseImage }),
    ...(flags.app === undefined ? {} : { app: flags.app }),
    ...(flags.buildkit === undefined ? {} : { buildkit: flags.buildkit }),
    ...(flags.resolveDate === undefined ? {} : { resolveDate: flags.resolveDate }),
    ...(flags.installer === undefined ? {} : { installer: installerFlag(flags.installer) }),
    ...(flags.tz === undefined ? {} : { tz: flags.tz }),
    ...(flags.cjkFonts === undefined ? {} : { cjkFonts: flags.cjkFonts }),
    ...mirrorOptions(flags),
  };
}

function installerFlag(value: string): Installer {
  if (value === "uv" || value === "pip") return value;
  throw new PyshipError("E_USAGE", msg("plan.badInstaller", { value }), {
    hint: msg("plan.badInstaller.hint"),
  });
}

export const registerPlan: Register = (program, ctx, done) => {
  addMirrorFlags(program.command("plan"))
    .description("show what pyship would build for a project, and why (writes nothing)")
    .argument("[dir]", "project directory", ".")
    .option("--json", "print the plan as JSON (stable keys, English)")
    .option("--python <version>", "Python major.minor, e.g. 3.12 (overrides detection and config)")
    .option("--base-image <image>", "base image (default: python:<version>-slim)")
    .option("--tz <zone>", "time zone of the running container, e.g. Asia/Shanghai (sets TZ)")
    .option(...CJK_FONTS_FLAG)
    .option("--app <target>", "entrypoint to run when several are found, e.g. 'shop:create_app()'")
    .option(...INSTALLER_FLAG)
    .option(
      "--resolve-date <date>",
      "install the newest releases on or before YYYY-MM-DD (auto: the last commit touching the dependency manifest)",
    )
    .option(
      "--buildkit",
      "plan for a BuildKit engine (pip/uv cache mounts); `build` detects this itself",
    )
    .action(async (dir: string, flags: PlanFlags & { json?: boolean }) => {
      const { root, plan } = await loadPlan(dir, planOptions(flags), ctx);
      if (flags.json) ctx.out(englishJson(plan));
      else printPlan(ctx, plan, root, dir);
      done(0);
    });
};

function printPlan(ctx: CliContext, plan: Plan, root: string, dir: string): void {
  const paint = ctx.color ? pc : noColor;
  const say = (key: string, vars: Record<string, string | number> = {}) => t(ctx.lang, key, vars);
  ctx.out(paint.bold(say("plan.heading", { name: plan.project.name, root })));
  const rows = summary(plan, say).map(([key, value]) => [say(key), value] as const);
  // Columns, not characters: a CJK heading is twice as wide as its length.
  const width = Math.max(10, ...rows.map(([label]) => displayWidth(label)));
  for (const [label, value] of rows) ctx.out(`  ${padDisplay(label, width)} ${value}`);
  ctx.out(`\n${paint.bold(say("plan.evidence"))}`);
  for (const { file, line, why, text } of plan.evidence) {
    // A copy whose `why` was rewritten after a spread keeps an old `text`: English then.
    const shown = text && english(text) === why ? sayText(ctx.lang, text) : why;
    const where = file === "(default)" ? say("plan.byDefault") : file;
    ctx.out(`  ${paint.dim(line === null ? where : `${where}:${line}`)} — ${shown}`);
  }
  if (plan.warnings.length > 0) {
    ctx.out(`\n${paint.bold(say("plan.warnings"))}`);
    for (const warning of plan.warnings) {
      const where =
        warning.file === undefined
          ? ""
          : `${warning.file}${warning.line === undefined ? "" : `:${warning.line}`}: `;
      const text = warning.text ? sayText(ctx.lang, warning.text) : warning.message;
      ctx.out(`  ${paint.yellow("!")} [${warning.code}] ${where}${text}`);
    }
  }
  ctx.out(`\n${say("plan.next", { command: dir === "." ? "pyship init" : `pyship init ${dir}` })}`);
}

type Say = (key: string, vars?: Record<string, string | number>) => string;

function summary(plan: Plan, say: Say): Array<[string, string]> {
  const { install, systemPackages: apt } = plan;
  const none = say("plan.none");
  const extras = install.extraPackages.length > 0 ? ` + ${install.extraPackages.join(" ")}` : "";
  const files = install.files.length > 0 ? ` (${install.files.join(", ")})` : "";
  const aptText = [
    ...(apt.build.length > 0 ? [say("plan.apt.build", { packages: apt.build.join(" ") })] : []),
    ...(apt.runtime.length > 0
      ? [say("plan.apt.runtime", { packages: apt.runtime.join(" ") })]
      : []),
  ];
  const project = install.installProject ? ` · ${say("plan.projectInstalled")}` : "";
  const workdir = plan.workdir ? ` · ${say("plan.workdir", { dir: plan.workdir })}` : "";
  const source = say(`plan.source.${plan.commandSource}`);
  return [
    ["plan.python", say("plan.pythonOn", { python: plan.python, image: plan.baseImage })],
    ["plan.install", `${install.tool} · ${install.strategy}${files}${extras}${project}`],
    ["plan.command", `${commandText(plan.command)}  [${source}]${workdir}${envText(plan, say)}`],
    [
      "plan.port",
      plan.port === null
        ? none
        : `${plan.port}${plan.healthcheck ? ` · healthcheck ${plan.healthcheck.path}` : ""}`,
    ],
    ["plan.kind", `${plan.kind}${plan.stopSignal ? ` · STOPSIGNAL ${plan.stopSignal}` : ""}`],
    ["plan.user", `${plan.user.name} (uid ${plan.user.uid})`],
    ["plan.apt", aptText.length > 0 ? aptText.join(" · ") : none],
    ["plan.stages", plan.stages.map((stage) => stage.name).join(" → ")],
    ...(plan.mirror ? [["plan.mirror", mirrorText(plan.mirror, say)] as [string, string]] : []),
  ];
}

/** ` · with GRADIO_SERVER_NAME=0.0.0.0`: environment the command needs, when any. */
function envText(plan: Plan, say: Say): string {
  const env = Object.entries(plan.env ?? {}).map(([name, value]) => `${name}=${value}`);
  return env.length > 0 ? ` · ${say("plan.withEnv", { env: env.join(" ") })}` : "";
}

function mirrorText(mirror: NonNullable<Plan["mirror"]>, say: Say): string {
  const parts = [
    mirror.indexUrl && `pypi ${mirror.indexUrl}`,
    mirror.aptMirror && `apt ${mirror.aptMirror}`,
    mirror.baseRegistry && say("plan.fromVia", { registry: mirror.baseRegistry }),
  ];
  return parts.filter(Boolean).join(" · ");
}

const identity = (text: string) => text;
const noColor = { bold: identity, dim: identity, yellow: identity } as const;
