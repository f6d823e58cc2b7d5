/*
 * PY501–PY504: apt-get and apk. The update-alone rule is about cache correctness, so it
 * applies to every stage; size rules (recommends, package lists, compilers) only to the
 * stages that make up the final image.
 */
import type { TextEdit } from "../../core/pipeline.js";
import { msg } from "../../i18n/message.js";
import {
  type DockerModel,
  type InstructionModel,
  type Rule,
  type RuleFinding,
  textOf,
} from "../model.js";
import { cacheMountTargets, insertAt, matchRanges, replaceRange } from "../rule-kit.js";
import { programName, type ShellCommand } from "../shell-commands.js";

interface PackageCommand {
  readonly manager: "apt" | "apk";
  readonly action: string;
  readonly options: readonly string[];
  readonly packages: readonly string[];
}

/** `apt-get -y install --no-install-recommends gcc libpq-dev=15.*` → install, options, packages. */
function packageCommand(command: ShellCommand): PackageCommand | null {
  const name = programName(command);
  const manager = name === "apt-get" || name === "apt" ? "apt" : name === "apk" ? "apk" : null;
  if (!manager) return null;
  const options: string[] = [];
  const words: string[] = [];
  const argv = command.argv.slice(1);
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? "";
    if (!word.startsWith("-")) words.push(word);
    else if (["-o", "-t", "--target-release", "--virtual", "-t"].includes(word))
      options.push(`${word}=${argv[++i] ?? ""}`);
    else options.push(word);
  }
  const [action = "", ...packages] = words;
  return { manager, action, options, packages: packages.map((p) => p.replace(/[=<>].*$/, "")) };
}

function packageCommands(instruction: InstructionModel): PackageCommand[] {
  if (instruction.keyword !== "RUN") return [];
  return instruction.commands.map(packageCommand).filter((c): c is PackageCommand => c !== null);
}

const finalRuns = (model: DockerModel) =>
  model.finalChain.flatMap((stage) => stage.instructions.filter((i) => i.keyword === "RUN"));

export const aptUpdateAlone: Rule = (model) =>
  model.stages.flatMap((stage) =>
    stage.instructions.flatMap((run, index): RuleFinding[] => {
      const commands = packageCommands(run).filter((c) => c.manager === "apt");
      if (
        !commands.some((c) => c.action === "update") ||
        commands.some((c) => c.action === "install")
      )
        return [];
      const next = stage.instructions[index + 1];
      const edits = next ? mergeEdits(model, run, next) : null;
      return [
        {
          code: "PY501",
          range: run.range,
          fix: edits
            ? {
                safe: true,
                description: msg("lint.fix.aptSameRun"),
                edits,
              }
            : {
                safe: false,
                description: msg("lint.fix.aptCombine"),
                edits: [],
              },
        },
      ];
    }),
  );

function mergeEdits(
  model: DockerModel,
  run: InstructionModel,
  next: InstructionModel,
): TextEdit[] | null {
  const plain = (i: InstructionModel) =>
    i.keyword === "RUN" && !i.exec && i.flags.size === 0 && !i.args.includes("<<");
  if (!plain(run) || !plain(next) || !packageCommands(next).some((c) => c.action === "install"))
    return null;
  const between = model.lines.slice(run.range.end.line + 1, next.range.start.line);
  const first = run.node.getArgumentsRange();
  const second = next.node.getArgumentsRange();
  if (
    !first ||
    !second ||
    between.some((line) => line.trim() !== "") ||
    /[;&|\\]\s*$/.test(run.args)
  )
    return null;
  const merged = `RUN ${textOf(model, first)} && ${model.escape}\n    ${textOf(model, second)}`;
  return [replaceRange({ start: run.range.start, end: next.range.end }, merged)];
}

const APT_INSTALL = /\bapt(?:-get)?(?:(?:\s|\\\r?\n)+-\S+)*(?:\s|\\\r?\n)+install\b/g;

export const aptInstallRecommends: Rule = (model) => {
  const configured = finalRuns(model).some((run) =>
    /Install-Recommends[^\n]*>+\s*\/etc\/apt\//i.test(textOf(model, run.range)),
  );
  if (configured) return [];
  return finalRuns(model).flatMap((run): RuleFinding[] => {
    const installs = packageCommands(run).filter(
      (c) => c.manager === "apt" && c.action === "install",
    );
    const missing = installs.filter(
      (c) =>
        !c.options.some((o) => /^--no-install-recommends|Install-Recommends=(false|0)/i.test(o)),
    );
    if (missing.length === 0) return [];
    const located = run.exec ? [] : matchRanges(model, run, APT_INSTALL);
    const safe = located.length === installs.length;
    const edits = safe
      ? installs.flatMap((c, i) =>
          missing.includes(c) && located[i]
            ? [insertAt(located[i].end, " --no-install-recommends")]
            : [],
        )
      : [];
    return [
      {
        code: "PY502",
        range: run.range,
        fix: { safe, description: msg("lint.fix.noRecommends"), edits },
      },
    ];
  });
};

const APK_ADD = /\bapk(?:(?:\s|\\\r?\n)+-\S+)*(?:\s|\\\r?\n)+add\b/g;

export const packageIndexKept: Rule = (model) =>
  finalRuns(model).flatMap((run): RuleFinding[] => {
    const text = textOf(model, run.range);
    const commands = packageCommands(run);
    if (
      cacheMountTargets(model, run).some((target) => /^\/var\/(lib|cache)\/(apt|apk)/.test(target))
    )
      return [];
    const aptUpdate = commands.some((c) => c.manager === "apt" && c.action === "update");
    if (aptUpdate && !/rm\s+(-\w+\s+)*[^&;|]*\/var\/lib\/apt\/lists/.test(text))
      return [aptFinding(model, run)];
    const apkAdds = commands.filter((c) => c.manager === "apk" && c.action === "add");
    if (
      apkAdds.length === 0 ||
      apkAdds.every((c) => c.options.includes("--no-cache")) ||
      /\/var\/cache\/apk/.test(text)
    ) {
      return [];
    }
    const located = run.exec ? [] : matchRanges(model, run, APK_ADD);
    const safe = located.length === apkAdds.length;
    const edits = safe ? located.map((range) => insertAt(range.end, " --no-cache")) : [];
    return [
      {
        code: "PY503",
        range: run.range,
        vars: { tool: "apk add", hint: msg("lint.fix.use", { what: "apk add --no-cache" }) },
        fix: { safe, description: msg("lint.fix.use", { what: "apk add --no-cache" }), edits },
      },
    ];
  });

function aptFinding(model: DockerModel, run: InstructionModel): RuleFinding {
  const safe = !run.exec && !run.args.includes("<<") && !/[;&|\\]\s*$/.test(run.args.trim());
  const edits = safe
    ? [insertAt(run.range.end, ` ${model.escape}\n    && rm -rf /var/lib/apt/lists/*`)]
    : [];
  return {
    code: "PY503",
    range: run.range,
    vars: { tool: "apt-get update", hint: msg("lint.var.aptLists") },
    fix: { safe, description: msg("lint.fix.aptLists"), edits },
  };
}

const BUILD_PACKAGE =
  /^(gcc|g\+\+|gcc-\d+|g\+\+-\d+|clang|build-essential|build-base|gfortran|cargo|rustc|linux-headers|musl-dev|libc6?-dev|.+-dev|.+-devel)$/;

export const buildToolsInFinal: Rule = (model) =>
  finalRuns(model).flatMap((run) => {
    const commands = packageCommands(run);
    const removed = new Set(
      commands
        .filter((c) => ["purge", "remove", "autoremove", "del"].includes(c.action))
        .flatMap((c) => c.packages),
    );
    const tools = commands
      .filter(
        (c) =>
          (c.manager === "apt" && c.action === "install") ||
          (c.manager === "apk" && c.action === "add"),
      )
      .filter((c) => !c.options.some((o) => o.startsWith("--virtual=") && removed.has(o.slice(10))))
      .flatMap((c) => c.packages)
      .filter((p) => BUILD_PACKAGE.test(p) && !removed.has(p));
    return tools.length === 0
      ? []
      : [{ code: "PY504", range: run.range, vars: { packages: tools.join(" ") } }];
  });
