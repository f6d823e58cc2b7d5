/*
 * Plain scripts, run as `python path`: a module-level `if __name__ == "__main__":` block, or
 * a root-level script whose work is its top-level code (a polling loop, a bot, a one-off job)
 * when it is the only Python file at the root or has a conventional script name. The weakest
 * signal: detect-entrypoints drops it for files that gave a stronger candidate. Each script
 * says whether it keeps running or exits (script-lifetime.ts).
 */
import type { EntrypointCandidate } from "../../../core/pipeline.js";
import { because, type Message, msg } from "../../../i18n/message.js";
import type { AppDetector, DetectContext } from "../detector.js";
import { literal, type Statement } from "../python-source.js";
import { isSearchedSource, type PyModule } from "../python-sources.js";
import { scriptLifetime } from "../script-lifetime.js";

const MAIN_GUARD = /^if\s+(?:__name__\s*==\s*("\d+")|("\d+")\s*==\s*__name__)\s*:/;
/** Names people give the one script a repository runs. */
const SCRIPT_NAMES = new Set(["main.py", "app.py", "run.py", "bot.py", "worker.py", "script.py"]);
/** Top-level statements that do work: a loop, a block, or a bare call. */
const WORK =
  /^(?:while|for|with|try|async\s+(?:for|with)|await)\b|^[A-Za-z_][\w.]*(?:\[[^\]]*\])?\s*\(/;
/** Bare calls that only set up a module (a library does these too), never the work itself. */
const SETUP_CALL = /^(?:load_dotenv|logging\.|warnings\.|sys\.path\.|os\.environ\.)/;

export const mainScripts: AppDetector = {
  name: "main-scripts",
  detect(context) {
    const found: EntrypointCandidate[] = [];
    for (const module of context.sources.containing("__main__")) {
      const guard = module.statements.find(isMainGuard);
      if (!guard) continue;
      const why = msg("ev.script.mainGuard");
      found.push(script(context, module, guard.line, why));
    }
    return [...found, ...topLevelScripts(context, found)];
  },
};

function isMainGuard(statement: Statement): boolean {
  const match = statement.indent === 0 ? MAIN_GUARD.exec(statement.code) : null;
  return match !== null && literal(statement, match[1] ?? match[2]) === "__main__";
}

function script(
  context: DetectContext,
  module: PyModule,
  line: number,
  why: Message,
): EntrypointCandidate {
  const evidence = { file: module.path, line, ...because(why) };
  const runs = scriptLifetime(context.sources, module);
  return { framework: "script", app: module.path, kind: "script", evidence, runs };
}

/** Root-level files whose top-level code is the program (no `__main__` guard). */
function topLevelScripts(
  context: DetectContext,
  guarded: readonly EntrypointCandidate[],
): EntrypointCandidate[] {
  const rootFiles = context.files.paths.filter((p) => !p.includes("/") && isSearchedSource(p));
  const found: EntrypointCandidate[] = [];
  for (const path of rootFiles) {
    const named = SCRIPT_NAMES.has(path);
    if (!(named || rootFiles.length === 1) || guarded.some((c) => c.app === path)) continue;
    const module = context.sources.module(path);
    const work = module?.statements.find(
      (s) => s.indent === 0 && WORK.test(s.code) && !SETUP_CALL.test(s.code),
    );
    if (!module || !work) continue;
    const why = msg(named ? "ev.script.topLevelNamed" : "ev.script.topLevelOnly");
    found.push(script(context, module, work.line, why));
  }
  return found;
}
