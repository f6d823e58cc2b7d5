/*
 * Celery workers: a module-level `name = Celery(...)`. The candidate's app is the module,
 * which is what `celery -A <module> worker` expects (Celery finds the instance in it).
 */
import type { EntrypointCandidate } from "../../../core/pipeline.js";
import { because, msg } from "../../../i18n/message.js";
import { type AppClass, findObjects } from "../app-objects.js";
import type { AppDetector } from "../detector.js";
import { rootNoteText } from "../module-path.js";

const CELERY: AppClass = {
  name: "Celery",
  qualified: ["celery.Celery", "celery.app.Celery", "celery.app.base.Celery"],
};

export const celery: AppDetector = {
  name: "celery",
  detect(context) {
    const found: EntrypointCandidate[] = [];
    for (const module of context.sources.containing(CELERY.name, "celery")) {
      const object = findObjects(module, CELERY)[0];
      if (!object || !module.module) continue;
      const why = msg("ev.app.object", { name: object.name, callee: object.callee });
      const root = rootNoteText(module.root);
      const reason = because(root === null ? why : msg("ev.then", { first: why, note: root }));
      const evidence = { file: module.path, line: object.line, ...reason };
      found.push({ framework: "celery", app: module.module, kind: "celery", evidence });
    }
    return found;
  },
};
