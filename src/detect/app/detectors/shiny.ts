/*
 * Shiny for Python apps, run by `shiny run FILE` (its uvicorn server), found by what the
 * file does whatever it is named: a Core app assigns `App(ui, server)` at module level; an
 * Express app imports `shiny.express` and builds its page with top-level code. A folder
 * holding both is one app written twice (Posit's templates ship app-core.py beside
 * app-express.py): the Core file, whose App object is explicit, is the one run.
 */
import { posix } from "node:path";
import type { EntrypointCandidate } from "../../../core/pipeline.js";
import { because, msg } from "../../../i18n/message.js";
import type { AppDetector } from "../detector.js";
import type { PyModule } from "../python-sources.js";

export const shiny: AppDetector = {
  name: "shiny",
  detect(context) {
    const found = context.sources
      .containing("shiny", "shiny")
      .flatMap((module) => fromModule(module));
    const coreDirs = new Set(
      found.filter((c) => c.style === "core").map((c) => posix.dirname(c.candidate.app)),
    );
    return found
      .filter((c) => c.style === "core" || !coreDirs.has(posix.dirname(c.candidate.app)))
      .map((c) => c.candidate);
  },
};

interface Found {
  readonly style: "core" | "express";
  readonly candidate: EntrypointCandidate;
}

function fromModule(module: PyModule): Found[] {
  const expressImport = [...module.imports.names].find(
    ([, target]) => target === "shiny.express" || target.startsWith("shiny.express."),
  );
  const appNames = [...module.imports.names]
    .filter(([, target]) => target === "shiny.App")
    .map(([local]) => local);
  const shinyAliases = [...module.imports.names]
    .filter(([, target]) => target === "shiny")
    .map(([local]) => `${local}.App`);
  const constructors = [...appNames, ...shinyAliases].map((name) => name.replace(".", "\\."));
  const core =
    constructors.length === 0
      ? undefined
      : module.statements.find(
          (s) =>
            s.indent === 0 &&
            new RegExp(`^\\w+\\s*=\\s*(?:${constructors.join("|")})\\(`).test(s.code),
        );
  const style = core ? "core" : expressImport ? "express" : null;
  if (style === null) return [];
  const line = core?.line ?? module.imports.lines.get(expressImport?.[0] ?? "") ?? 1;
  const why = because(msg(style === "core" ? "ev.app.shinyCore" : "ev.app.shinyExpress", { line }));
  const evidence = { file: module.path, line, ...why };
  return [{ style, candidate: { framework: "shiny", app: module.path, kind: "shiny", evidence } }];
}
