/*
 * Turns anything thrown into the one-line message, hint and exit code users see. User
 * mistakes never show a stack trace; an unexpected bug does (with PYSHIP_DEBUG=1) because
 * then the trace is what a maintainer needs. Outside English the code gets its title.
 */
import pc from "picocolors";
import { EXIT_CODES, isPyshipError } from "../core/errors.js";
import type { CliContext } from "./context.js";
import { localeOf, say, t } from "./i18n.js";

export function reportError(ctx: CliContext, error: unknown): number {
  const paint = ctx.color ? pc : noColor;
  if (!isPyshipError(error)) {
    ctx.err(
      `${paint.red(t(ctx.lang, "error"))} [E_INTERNAL] ${String((error as Error)?.message ?? error)}`,
    );
    if (ctx.env.PYSHIP_DEBUG && error instanceof Error && error.stack) ctx.err(error.stack);
    ctx.err(t(ctx.lang, "error.bug"));
    return EXIT_CODES.E_INTERNAL;
  }
  const title = localeOf(ctx.lang) === "en" ? "" : ` ${t(ctx.lang, `title.${error.code}`)}:`;
  ctx.err(
    `${paint.red(t(ctx.lang, "error"))} [${error.code}]${title} ${error.location}${say(ctx.lang, error.text)}`,
  );
  if (error.details) ctx.err(say(ctx.lang, error.detailsText ?? error.details));
  // A hint with a catalog entry of its own (network failures) is said in the user's language.
  const keyed = error.hintKey ? t(ctx.lang, error.hintKey) : undefined;
  const hint =
    keyed !== undefined && keyed !== error.hintKey
      ? keyed
      : error.hintText
        ? say(ctx.lang, error.hintText)
        : undefined;
  if (hint) ctx.err(`${paint.cyan(t(ctx.lang, "hint"))}: ${hint}`);
  return error.exitCode;
}

const identity = (text: string) => text;
const noColor = { red: identity, cyan: identity } as const;
