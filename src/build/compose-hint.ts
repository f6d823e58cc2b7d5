/*
 * A verify failure that is the app missing its backing services (a database or cache it
 * cannot reach, settings with no value for them) while the plan's code shows those services:
 * the build's hint says so and points at `pyship compose` + `pyship verify --compose`, which
 * run the image beside stand-in services with the variables wired, and names what compose
 * cannot set either (a bot token, a project name), so the user knows what is still theirs.
 *
 * Why `pyship build` does not run the compose check itself: it writes compose.yaml and
 * .env.compose into the project (files the user reviews and owns, secrets included), starts
 * other images and volumes, and takes minutes more; a build's verdict is about the image. The
 * hint makes it one command away, never a silent change to the project.
 */
import { PyshipError } from "../core/errors.js";
import type { ComposePlan, VerifyReport } from "../core/pipeline.js";
import { type Message, msg } from "../i18n/message.js";

/** Diagnosed causes that mean "a service or its settings are missing". */
const SERVICE_CAUSES = new Set([
  "missing-env",
  "db-unreachable",
  "service-localhost",
  "service-host-unknown",
]);
/**
 * `no such table` in a container alone (a SQLite file the image starts with, empty) is what
 * compose fixes when it runs the project's own migration against a database service: Django's
 * `migrate`, Alembic, Flask-Migrate (bakerydemo falls back to SQLite without DATABASE_URL).
 */
function migratesADatabase(compose: ComposePlan): boolean {
  const databases = new Set(["postgres", "mysql", "mongo"]);
  return (
    compose.processes.some((p) => p.role === "migrate") &&
    compose.services.some((s) => databases.has(s.kind))
  );
}

/** How many names the hint lists before "…". */
const MAX_NAMES = 4;

export function withComposeHint(
  error: PyshipError,
  report: VerifyReport | null,
  compose: ComposePlan | null,
  dir: string,
): PyshipError {
  const cause = report?.failure?.diagnosis?.cause;
  if (!compose || compose.services.length === 0 || !cause) return error;
  if (!SERVICE_CAUSES.has(cause) && !(cause === "db-not-initialised" && migratesADatabase(compose)))
    return error;
  const services = compose.services.map((s) => s.name).join(", ");
  const left = compose.warnings.filter((w) => w.code === "compose-required-env");
  const names = left.slice(0, MAX_NAMES).map((w) => /^\S+/.exec(w.message)?.[0] ?? "");
  const more = left.length > MAX_NAMES ? ", …" : "";
  const compose_: Message = msg(left.length > 0 ? "build.composeHint.left" : "build.composeHint", {
    services,
    dir,
    names: `${names.join(", ")}${more}`,
  });
  const hint =
    error.hintText === undefined
      ? compose_
      : msg("build.hintThen", {
          hint: error.hintText,
          more: compose_,
        });
  return new PyshipError(error.code, error.text, {
    details: error.details,
    file: error.file,
    line: error.line,
    hint,
  });
}
