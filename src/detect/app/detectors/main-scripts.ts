/*
 * Plain scripts: a module-level `if __name__ == "__main__":` block, run as `python path`.
 * The weakest signal: detect-entrypoints drops it for files that gave a stronger candidate.
 */
import type { EntrypointCandidate } from "../../../core/pipeline.js";
import type { AppDetector } from "../detector.js";
import { literal } from "../python-source.js";

const MAIN_GUARD = /^if\s+(?:__name__\s*==\s*("\d+")|("\d+")\s*==\s*__name__)\s*:/;

export const mainScripts: AppDetector = {
  name: "main-scripts",
  detect(context) {
    const found: EntrypointCandidate[] = [];
    for (const module of context.sources.containing("__main__")) {
      const guard = module.statements.find((statement) => {
        const match = statement.indent === 0 ? MAIN_GUARD.exec(statement.code) : null;
        return match !== null && literal(statement, match[1] ?? match[2]) === "__main__";
      });
      if (!guard) continue;
      const why = 'if __name__ == "__main__": block at module level';
      const evidence = { file: module.path, line: guard.line, why };
      found.push({ framework: "script", app: module.path, kind: "script", evidence });
    }
    return found;
  },
};
