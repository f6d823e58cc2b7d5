/*
 * A Django ASGI module that imports the project's code before Django is set up
 * (detect/app/django-asgi-order.ts) works under `manage.py runserver`, which sets Django up
 * first, and nowhere else. uvicorn then serves a module of pyship's own instead, rendered
 * next to the Dockerfile (render/server-files.ts): it sets the settings module, calls
 * django.setup(), then imports the project's app, so each worker imports it as runserver
 * does. The project's file is not changed; the plan says why, at its import line.
 */
import type { EntrypointCandidate, ProjectFacts, ServerPlan } from "../core/pipeline.js";
import { because, msg } from "../i18n/message.js";
import type { Notes } from "./notes.js";

const SHIM = { file: "pyship.django_asgi.py", dir: "/opt/pyship", module: "pyship_django_asgi" };

type DjangoSetup = NonNullable<ServerPlan["djangoSetup"]>;

/** pyship's module for the app, when the project's ASGI module needs Django set up first. */
export function planDjangoSetup(
  candidate: EntrypointCandidate,
  facts: ProjectFacts,
  notes: Notes,
): DjangoSetup | undefined {
  const early = facts.djangoImportsEarly;
  const settings = facts.django?.settings;
  if (!early || !settings || candidate.kind !== "asgi" || candidate.framework !== "django")
    return undefined;
  notes.evidence.push({
    ...early,
    ...because(msg("ev.django.setupFirst", { app: candidate.app })),
  });
  return { file: SHIM.file, path: `${SHIM.dir}/${SHIM.module}.py`, app: candidate.app, settings };
}

/** uvicorn's argv with pyship's module in the app's place (found on --app-dir). */
export function servingDjangoSetup(command: readonly string[], setup: DjangoSetup): string[] {
  const at = command.indexOf(setup.app);
  if (at === -1) return [...command];
  const app = `${SHIM.module}:application`;
  return [...command.slice(0, at), app, "--app-dir", SHIM.dir, ...command.slice(at + 1)];
}
