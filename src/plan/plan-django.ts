/*
 * Django in production: collect static files at build time, as the platforms do, and warn
 * about settings that make a container refuse every request. Migrations are never run at
 * start: the plan only says how to run them, because they belong to a release, not to every
 * container that boots.
 */
import type { DjangoFacts, Plan, ProjectFacts } from "../core/pipeline.js";
import { because, msg, withText } from "../i18n/message.js";
import type { Notes } from "./notes.js";

/** Not a secret: it only lets settings import during collectstatic, and is not in the image's ENV. */
const THROWAWAY_SECRET = "collectstatic-build-only";
/** Names that reach only the container itself. */
const LOCAL_HOSTS = new Set(["localhost", ".localhost", "127.0.0.1", "[::1]", "::1", "0.0.0.0"]);
export function planDjango(
  facts: ProjectFacts,
  command: readonly string[],
  notes: Notes,
): Plan["collectStatic"] {
  const django = facts.django;
  if (!django) return null;
  noteAllowedHosts(django, notes);
  // A command that migrates was written that way by the project (a Procfile or config).
  const migrates = command.some((word) => /\bmigrate\b/.test(word));
  if (django.migrations && django.manage && !migrates) {
    notes.evidence.push({
      file: django.manage,
      line: null,
      ...because(msg("ev.django.migrations", { manage: django.manage })),
    });
  }
  return collectStatic(django, notes);
}

function collectStatic(django: DjangoFacts, notes: Notes): Plan["collectStatic"] {
  if (!django.staticRoot || !django.staticfiles || !django.manage) return null;
  notes.evidence.push({
    ...django.staticRoot,
    ...because(msg("ev.django.collectstatic")),
  });
  if (django.whitenoise) {
    notes.evidence.push({
      ...django.whitenoise,
      ...because(msg("ev.django.whitenoise")),
    });
  } else {
    notes.warnings.push({
      code: "W_DJANGO_STATIC",
      ...withText(msg("warn.djangoStatic")),
      file: django.staticRoot.file,
      ...(django.staticRoot.line === null ? {} : { line: django.staticRoot.line }),
    });
  }
  const secret = django.secretKeyEnv ? [`${django.secretKeyEnv}=${THROWAWAY_SECRET}`] : [];
  return { manage: django.manage, env: [`DJANGO_SETTINGS_MODULE=${django.settings}`, ...secret] };
}

/** A literal ALLOWED_HOSTS that will answer 400 to the requests a container gets. */
function noteAllowedHosts(django: DjangoFacts, notes: Notes): void {
  const hosts = django.allowedHosts?.hosts;
  const where = django.allowedHosts?.evidence;
  if (!hosts || !where || hosts.includes("*")) return;
  // With DEBUG on and an empty list, Django allows localhost: fine for a local check.
  if (hosts.length === 0 && django.debug === true) return;
  const list = hosts.map((host) => JSON.stringify(host)).join(", ");
  const problem =
    hosts.length === 0
      ? msg("warn.djangoHosts.empty")
      : hosts.every((host) => LOCAL_HOSTS.has(host))
        ? msg("warn.djangoHosts.local", { list })
        : msg("warn.djangoHosts.fixed", { list });
  notes.warnings.push({
    code: "W_DJANGO_ALLOWED_HOSTS",
    ...withText(msg("warn.djangoHosts", { problem })),
    file: where.file,
    ...(where.line === null ? {} : { line: where.line }),
  });
}
