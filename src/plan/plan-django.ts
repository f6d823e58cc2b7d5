/*
 * Django in production: collect static files at build time, as the platforms do, and warn
 * about settings that make a container refuse every request. Migrations are never run at
 * start: the plan only says how to run them, because they belong to a release, not to every
 * container that boots.
 */
import type { DjangoFacts, Plan, ProjectFacts } from "../core/pipeline.js";
import { because, msg, withText } from "../i18n/message.js";
import { BUILD_ONLY_VALUE, buildOnlyEnv } from "./build-only-env.js";
import type { Notes } from "./notes.js";

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
  // On a SQLite file in the image, migrate runs at build time (plan-database-init.ts).
  if (django.migrations && django.manage && !migrates && !django.sqlite) {
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
  // Not a secret: it only lets settings import during collectstatic, and is not in the image's ENV.
  const secret = django.secretKeyEnv ? [`${django.secretKeyEnv}=${BUILD_ONLY_VALUE}`] : [];
  const placeholders = buildOnlyEnv(django);
  for (const variable of placeholders)
    notes.evidence.push({
      ...variable.evidence,
      ...because(msg("ev.django.buildOnlyEnv", { name: variable.name, value: variable.value })),
    });
  return {
    manage: django.manage,
    env: [
      `DJANGO_SETTINGS_MODULE=${django.settings}`,
      ...secret,
      ...placeholders.map((v) => `${v.name}=${v.value}`),
    ],
  };
}

type VerifyEnv = NonNullable<Plan["verifyEnv"]>;

/** The host verify's probe asks for (`http://127.0.0.1:PORT/`), and the one a browser uses. */
const PROBE_HOSTS = ["127.0.0.1", "localhost"];

/**
 * ALLOWED_HOSTS read from a variable the platform sets (Azure's WEBSITE_HOSTNAME, a
 * DJANGO_ALLOWED_HOSTS the deploy passes): without it every request is refused with 400, or
 * the settings do not even import. The build's test container gets the probe's own host in
 * it, as the platform would give the app's domain; the image does not carry it.
 */
export function verifyHostsEnv(facts: ProjectFacts, notes: Notes): VerifyEnv {
  const env = facts.django?.allowedHosts?.env;
  const where = facts.django?.allowedHosts?.evidence;
  if (!env || !where) return [];
  const value = env.separator === null ? "127.0.0.1" : PROBE_HOSTS.join(env.separator);
  const evidence = {
    ...where,
    ...because(msg("ev.django.verifyHostsEnv", { name: env.name, value })),
  };
  notes.evidence.push(evidence);
  return [{ name: env.name, value, evidence }];
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
