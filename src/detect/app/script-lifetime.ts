/*
 * Whether a script keeps running (a loop, a bot, a scheduler, a server) or does its work and
 * exits (a job). Read from the script's text and from the project modules it imports (one
 * hop: `from bot import start; start()` loops in bot.py). A process that keeps running is a
 * worker; one that exits is a job, which verify expects to exit 0 with output.
 */
import type { Evidence } from "../../core/pipeline.js";
import { because, type MessageKey, msg } from "../../i18n/message.js";
import type { PyModule, PythonSources } from "./python-sources.js";

/**
 * Calls and statements that never return while the program works. Checked on scanned code
 * (string literals masked), so a docstring mentioning `while True` is no loop. Order is only
 * that of the evidence reported: the first marker found is named.
 */
const RUNS_UNTIL_STOPPED: ReadonlyArray<readonly [RegExp, MessageKey]> = [
  [/^while\s+(?:True|1|not\s+\w+(?:\.\w+)*(?:\(\))?)\s*:/, "ev.runs.whileLoop"],
  [/\brun_forever\s*\(/, "ev.runs.runForever"],
  [/\.(?:infinity_polling|polling|run_polling|start_polling|idle)\s*\(/, "ev.runs.polling"],
  [/\.run_until_disconnected\s*\(/, "ev.runs.untilDisconnected"],
  [/\bserve_forever\s*\(/, "ev.runs.serveForever"],
  [/\bstart_consuming\s*\(/, "ev.runs.consumer"],
  [/\bBlockingScheduler\s*\(/, "ev.runs.scheduler"],
  [/\b(?!asyncio\b|subprocess\b|trio\b|anyio\b)\w+\.run(?:_app)?\s*\(/, "ev.runs.runCall"],
];

export interface Lifetime {
  readonly until: "stopped" | "done";
  readonly evidence: Evidence;
}

export function scriptLifetime(sources: PythonSources, module: PyModule): Lifetime {
  for (const each of [module, ...localImports(sources, module)]) {
    for (const statement of each.statements) {
      const marker = RUNS_UNTIL_STOPPED.find(([pattern]) => pattern.test(statement.code));
      if (marker) {
        const why = because(msg("ev.runs.keepsRunning", { marker: msg(marker[1]) }));
        return { until: "stopped", evidence: { file: each.path, line: statement.line, ...why } };
      }
    }
  }
  const why = because(msg("ev.runs.once"));
  return { until: "done", evidence: { file: module.path, line: null, ...why } };
}

/** The project's own modules the script imports, found beside it (`bot.py`, `bot/__init__.py`). */
function localImports(sources: PythonSources, module: PyModule): PyModule[] {
  const dir = module.path.includes("/")
    ? module.path.slice(0, module.path.lastIndexOf("/") + 1)
    : "";
  const names = new Set(
    [...module.imports.names.values()].map((target) => target.split(".")[0] as string),
  );
  const found: PyModule[] = [];
  for (const name of names) {
    const path = [`${dir}${name}.py`, `${dir}${name}/__init__.py`].find((p) =>
      sources.files.has(p),
    );
    const imported = path && path !== module.path ? sources.module(path) : null;
    if (imported) found.push(imported);
  }
  return found;
}
