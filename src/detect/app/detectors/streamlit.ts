/*
 * Streamlit apps: scripts that import streamlit and run code at module level (streamlit
 * executes the file top to bottom). Helper modules that only define functions don't
 * count, nor pages of a multipage app (`pages/*.py` next to the main script).
 */
import { posix } from "node:path";
import type { EntrypointCandidate } from "../../../core/pipeline.js";
import { because, msg } from "../../../i18n/message.js";
import type { AppDetector } from "../detector.js";
import type { Statement } from "../python-source.js";
import type { PyModule } from "../python-sources.js";

/** Top-level code that runs: a bare call or a compound statement (with, if, for, ...). */
const RUNS = /^(?:(?:with|if|for|while|try|async)\b|[A-Za-z_][\w.]*\s*\()/;

export const streamlit: AppDetector = {
  name: "streamlit",
  detect(context) {
    const found = context.sources
      .containing("streamlit", "streamlit")
      .flatMap((module) => fromModule(module));
    const dirs = new Set(found.map((item) => posix.dirname(item.app)));
    return found.filter((item) => !isPage(item.app, dirs));
  },
};

function fromModule(module: PyModule): EntrypointCandidate[] {
  const aliases = [...module.imports.names]
    .filter(([, target]) => target === "streamlit" || target.startsWith("streamlit."))
    .map(([local]) => local);
  const alias = aliases[0];
  if (alias === undefined) return [];
  const uses = new RegExp(`\\b(?:${aliases.join("|")})\\b`);
  const runs = module.statements.find((statement) => isTopLevelCode(statement, uses));
  if (!runs) return [];
  const line = module.imports.lines.get(alias) ?? runs.line;
  const why = because(msg("ev.app.streamlit", { alias, line: runs.line }));
  return [
    {
      framework: "streamlit",
      app: module.path,
      kind: "streamlit",
      evidence: { file: module.path, line, ...why },
    },
  ];
}

function isTopLevelCode(statement: Statement, uses: RegExp): boolean {
  if (statement.indent !== 0 || /^(?:import|from|def|class|@)\b/.test(statement.code)) return false;
  return uses.test(statement.code) || RUNS.test(statement.code);
}

/** `x/pages/p.py` when `x/` holds a streamlit script: a page, not an app. */
function isPage(path: string, dirs: ReadonlySet<string>): boolean {
  const dir = posix.dirname(path);
  return posix.basename(dir) === "pages" && dirs.has(posix.dirname(dir));
}
