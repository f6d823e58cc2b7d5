/*
 * Runs every detector over one scan of the project and assembles ProjectFacts.
 *
 * Order matters: project metadata and configuration come first because later detectors
 * read them (the python version honours `requires-python` from the metadata; entrypoints
 * include console scripts from [project.scripts]; the port detector looks at the chosen
 * entrypoints and the Procfile).
 */
import { PyshipError } from "../core/errors.js";
import type { ProjectFacts, Warning } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import { detectDatabaseInit } from "./app/database-init.js";
import { detectEntrypoints } from "./app/detect-entrypoints.js";
import { djangoImportsEarly } from "./app/django-asgi-order.js";
import { readDjangoSettings } from "./app/read-django-settings.js";
import { detectWebsockets } from "./app/serves-websockets.js";
import { detectSessionsInProcess } from "./app/sessions-in-process.js";
import { loadConfig } from "./config.js";
import { detectDependencies } from "./deps/detect-dependencies.js";
import { detectEnvTemplate } from "./env-template.js";
import { detectPort } from "./port.js";
import { detectProcfile } from "./procfile.js";
import { scanProject } from "./project-files.js";
import { detectProjectMeta } from "./project-meta.js";
import { detectPython } from "./python-version.js";

/** Files whose presence makes a directory a Python project. */
const PROJECT_MARKERS = [
  /^requirements[^/]*\.txt$/,
  /^requirements\/[^/]+\.txt$/,
  /^pyproject\.toml$/,
  /^setup\.py$/,
  /^setup\.cfg$/,
  /^Pipfile$/,
  /^manage\.py$/,
  /\.py$/,
];

export function detectProject(root: string): ProjectFacts {
  const files = scanProject(root);
  if (!files.paths.some((path) => PROJECT_MARKERS.some((marker) => marker.test(path)))) {
    throw new PyshipError("E_NO_PROJECT", msg("detect.noProject", { root }), {
      hint: msg("detect.noProject.hint"),
    });
  }
  const warnings: Warning[] = [];
  const config = loadConfig(files);
  const meta = detectProjectMeta(files);
  // Entrypoints before dependencies: an app with its own root (src/, backend/) may keep its
  // requirements there.
  const entrypoints = detectEntrypoints(files, meta, warnings);
  const dependencies = detectDependencies(files, meta, warnings, entrypoints[0]?.root);
  const python = detectPython(files, meta);
  const procfile = detectProcfile(files, config);
  const port = detectPort(files, entrypoints, procfile);
  const django = readDjangoSettings(files, entrypoints);
  const ownDockerignore = files.has(".dockerignore") ? files.read(".dockerignore") : undefined;
  const databaseInit = detectDatabaseInit(files, meta, dependencies, entrypoints[0]);
  const envTemplate = detectEnvTemplate(files, entrypoints[0], django ?? undefined);
  const sessionsInProcess = detectSessionsInProcess(files, dependencies, entrypoints[0]);
  const websockets = detectWebsockets(files, entrypoints[0]);
  const importsEarly = djangoImportsEarly(files, entrypoints[0]);
  return {
    root,
    meta,
    dependencies,
    python,
    entrypoints,
    procfile,
    port,
    config,
    ...(django ? { django } : {}),
    ...(ownDockerignore === undefined ? {} : { ownDockerignore }),
    ...(databaseInit ? { databaseInit } : {}),
    ...(envTemplate ? { envTemplate } : {}),
    ...(sessionsInProcess ? { sessionsInProcess } : {}),
    ...(websockets ? { websockets } : {}),
    ...(importsEarly ? { djangoImportsEarly: importsEarly } : {}),
    warnings,
  };
}
