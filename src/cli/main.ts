/*
 * Builds the command tree. Each command lives in src/cli/commands/<name>.ts and exports a
 * `register*` function; this file only wires them and turns errors into exit codes.
 */
import { Command, CommanderError } from "commander";
import { EXIT_CODES, PyshipError } from "../core/errors.js";
import { msg } from "../i18n/message.js";
import { registerBuild } from "./commands/build.js";
import { registerCi } from "./commands/ci.js";
import { registerCompose } from "./commands/compose.js";
import { registerDoctor } from "./commands/doctor.js";
import { registerExplain } from "./commands/explain.js";
import { registerInit } from "./commands/init.js";
import { registerLint } from "./commands/lint.js";
import { registerPlan } from "./commands/plan.js";
import { registerRelease } from "./commands/release.js";
import { registerVerify } from "./commands/verify.js";
import { type CliContext, defaultContext, type Register } from "./context.js";
import { parseLangFlag } from "./i18n.js";
import { reportError } from "./report-error.js";
import { VERSION } from "./version.js";

export { VERSION };

const COMMANDS: readonly Register[] = [
  registerPlan,
  registerInit,
  registerCompose,
  registerBuild,
  registerVerify,
  registerRelease,
  registerDoctor,
  registerLint,
  registerExplain,
  registerCi,
];

export async function main(
  argv: readonly string[],
  ctx: CliContext = defaultContext(),
): Promise<number> {
  let exitCode = 0;
  const program = new Command("pyship")
    .description("Turn a Python project into a verified, production-grade container image.")
    .version(VERSION, "-v, --version")
    .option(
      "--lang <lang>",
      "message language: en, zh-CN, zh-TW (zh = zh-CN; default: PYSHIP_LANG, LANGUAGE, LC_ALL, LC_MESSAGES, LANG)",
    )
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.out(s.trimEnd()),
      writeErr: (s) => ctx.err(s.trimEnd()),
    });
  program.hook("preAction", (root) => {
    const lang = root.opts().lang;
    if (lang !== undefined) Object.assign(ctx, { lang: langFlag(lang) });
  });
  for (const register of COMMANDS) register(program, ctx, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExit(error);
    return reportError(ctx, error);
  }
}

function langFlag(value: string) {
  const locale = parseLangFlag(value);
  if (locale === null) throw new PyshipError("E_USAGE", msg("cli.badLang", { value }));
  return locale;
}

/** --help and --version end "successfully"; any other parse problem is a usage error. */
function commanderExit(error: CommanderError): number {
  const ok = ["commander.helpDisplayed", "commander.version", "commander.help"];
  return ok.includes(error.code) ? 0 : EXIT_CODES.E_USAGE;
}
