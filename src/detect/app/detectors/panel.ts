/*
 * Panel apps: a file importing panel that marks something `.servable()` at module level is
 * what `panel serve file.py` runs (Panel executes the file per session, like streamlit).
 * Found by the call, whatever the file is named.
 */
import type { EntrypointCandidate } from "../../../core/pipeline.js";
import { because, msg } from "../../../i18n/message.js";
import type { AppDetector } from "../detector.js";

const SERVABLE = /\.servable\s*\(/;

export const panel: AppDetector = {
  name: "panel",
  detect(context) {
    const found: EntrypointCandidate[] = [];
    for (const module of context.sources.containing(".servable(", "panel")) {
      const call = module.statements.find(
        (statement) => statement.indent === 0 && SERVABLE.test(statement.code),
      );
      if (!call) continue;
      const why = because(msg("ev.app.panel", { line: call.line }));
      const evidence = { file: module.path, line: call.line, ...why };
      found.push({ framework: "panel", app: module.path, kind: "panel", evidence });
    }
    return found;
  },
};
