/*
 * Run-time failures people hit again and again, recognised in what the app logged (or in
 * the body it answered) and named with what to change. The build's counterpart is
 * src/build/known-failures.ts.
 *
 * First match wins, so causes come before their symptoms: a missing module or environment
 * variable stops the import, and gunicorn then also logs "Worker failed to boot"; a database
 * that is not initialised or not reachable shows up as a 500 that a hidden-error row would
 * otherwise explain. Where the app listens comes last: a healthy log says that too.
 */

import { type Message, msg } from "../i18n/message.js";

export interface RunFailure {
  /** Stable code in `--json` (`diagnosis.cause`). */
  readonly cause: string;
  /** Tested against each line of the log, then of the HTTP body. */
  readonly pattern: RegExp;
  readonly message: (match: RegExpExecArray) => Message;
  readonly hint: (match: RegExpExecArray) => Message;
}

export const RUN_FAILURES: readonly RunFailure[] = [
  {
    // Before the app: rootful podman on a machine without CAP_SYS_RESOURCE (some VMs, nested
    // containers) asks runc for limits above the host's, and no container starts at all.
    cause: "engine-rlimits",
    pattern: /error setting rlimit type \d+: operation not permitted/,
    message: () => msg("run.rlimits"),
    hint: () => msg("run.rlimits.hint"),
  },
  {
    // Python >= 3.12 venvs have no setuptools; old gunicorn and many libraries import it.
    cause: "module-not-found",
    pattern: /No module named '(pkg_resources)'/,
    message: () => msg("run.pkgResources"),
    hint: () => msg("run.pkgResources.hint"),
  },
  {
    cause: "module-not-found",
    pattern: /No module named '([\w]+)[\w.]*'/,
    message: (m) => msg("run.moduleMissing", { module: m[1] ?? "" }),
    hint: (m) => msg("run.moduleMissing.hint", { module: m[1] ?? "" }),
  },
  {
    // Before missing-env, whose ImproperlyConfigured pattern would name INSTALLED_APPS: the
    // server's module imported the app's models before Django was set up (Channels' asgi.py
    // importing its routing above get_asgi_application()). runserver sets Django up first,
    // so the project works there and nowhere else; setting the variable alone is not enough.
    cause: "django-import-order",
    pattern:
      /Requested setting \w+, but settings are not configured|AppRegistryNotReady: Apps aren't loaded yet/,
    message: () => msg("run.djangoImportOrder"),
    hint: () => msg("run.djangoImportOrder.hint"),
  },
  {
    cause: "missing-env",
    pattern:
      /KeyError: '([A-Z][A-Z0-9_]*)'|Set the ([A-Z][A-Z0-9_]*) environment variable|The (SECRET_KEY) setting must not be empty|ImproperlyConfigured: .*?\b([A-Z][A-Z0-9_]{2,})\b.*environment variable/,
    message: (m) => msg("run.missingEnv", { name: envName(m) }),
    hint: (m) => msg("run.missingEnv.hint", { name: envName(m) }),
  },
  {
    // Settings that give up on a missing variable in their own words (DigitalOcean's Django
    // sample: `DATABASE_URL environment variable not defined`), or use None at once
    // (`os.environ.get("HOSTS").split(" ")`: the traceback shows that source line).
    cause: "missing-env",
    pattern:
      /[Pp]lease (?:provide|set|define) (?:the )?([A-Z][A-Z0-9_]{2,})\b|\b(?:environ\.get|getenv)\(\s*["']([A-Z][A-Z0-9_]*)["']\s*\)\s*\.\w+|\b([A-Z][A-Z0-9_]{2,}) (?:environment|env) variable (?:is )?(?:not (?:defined|set|found)|missing|required)|[Ee]nvironment variable ['"]?([A-Z][A-Z0-9_]{2,})['"]? (?:is )?(?:not (?:defined|set)|missing|required)/,
    message: (m) => msg("run.missingEnv", { name: envName(m) }),
    hint: (m) => msg("run.missingEnv.hint", { name: envName(m) }),
  },
  {
    // Tortoise ORM given db_url=None (register_tortoise(db_url=os.environ.get("DATABASE_URL"))).
    cause: "missing-env",
    pattern:
      /tortoise\.exceptions\.ConfigurationError: .*\bdb_url\b|ConfigurationError: Unknown DB scheme/,
    message: () => msg("run.tortoiseUrl"),
    hint: () => msg("run.tortoiseUrl.hint"),
  },
  {
    // A settings class's own validator refused the environment (`Sentry is not set` when
    // ENVIRONMENT says deployed): its words, not "missing values", say what it wants.
    cause: "settings-rejected",
    pattern: /(?:^|\| )\s*Value error, (.+?) \[type=value_error/,
    message: (m) => msg("run.settingsRejected", { reason: m[1] ?? "" }),
    hint: () => msg("run.settingsRejected.hint"),
  },
  {
    // pydantic-settings (FastAPI's usual config) lists each missing field on the next lines.
    cause: "missing-env",
    pattern: /(\d+) validation errors? for (\w*(?:Settings|Config)\w*)/,
    message: (m) =>
      msg(m[1] === "1" ? "run.settingsMissing.one" : "run.settingsMissing", {
        settings: m[2] ?? "",
        count: m[1] ?? "",
      }),
    hint: () => msg("run.settingsMissing.hint"),
  },
  {
    cause: "db-not-initialised",
    pattern:
      /no such table: ([\w.]+)|relation "([^"]+)" does not exist|Table '([^']+)' doesn't exist/,
    message: (m) => msg("run.noTable", { table: m[1] ?? m[2] ?? m[3] ?? "" }),
    hint: () => msg("run.noTable.hint"),
  },
  {
    // A cache address that is localhost (asyncio's and redis-py's wording): inside a container
    // that is the container itself. psycopg's refusal stays db-unreachable: its usual cause
    // is DATABASE_URL unset, the code's localhost default then used.
    cause: "service-localhost",
    pattern:
      /Connect call failed \('(?:127\.0\.0\.1|::1)', (\d+)|connecting to (?:localhost|127\.0\.0\.1):(\d+)/,
    message: (m) => msg("run.serviceLocalhost", { port: m[1] ?? m[2] ?? "" }),
    hint: () => msg("run.serviceLocalhost.hint"),
  },
  {
    // A name a package of the venv lacks (aiohttp-demos' polls imports SQLAlchemy 2's
    // async_sessionmaker; its setup.py installs 1.4 through aiopg[sa]): the manifest and the
    // code disagree on the version. Standard-library names are build repairs (failure-repairs.ts).
    cause: "package-version-mismatch",
    pattern: /cannot import name '(\w+)' from '([\w.]+)' \(\/opt\/venv\//,
    message: (m) =>
      msg("run.versionMismatch", { name: m[1] ?? "", module: m[2] ?? "", package: topLevel(m) }),
    hint: (m) => msg("run.versionMismatch.hint", { module: topLevel(m) }),
  },
  {
    // A Docker/compose secret file (`open("/run/secrets/db-password")`) the run did not mount.
    cause: "secret-file-missing",
    pattern: /No such file or directory: '(\/run\/secrets\/[^']+)'/,
    message: (m) => msg("run.secretFileMissing", { path: m[1] ?? "" }),
    hint: () => msg("run.secretFileMissing.hint"),
  },
  {
    // A host name only a compose network resolves (redis-py's `Error -2 connecting to redis:6379.
    // Name or service not known`, psycopg's `could not translate host name "db"`).
    cause: "service-host-unknown",
    pattern:
      /connecting to ([\w.-]+):(\d+)\. (?:Name or service not known|Temporary failure in name resolution)|could not translate host name "([\w.-]+)"|Unknown (?:MySQL|MariaDB) server host '([\w.-]+)'/,
    message: (m) => msg("run.serviceHostUnknown", { host: m[1] ?? m[3] ?? m[4] ?? "" }),
    hint: () => msg("run.serviceHostUnknown.hint"),
  },
  {
    // An HTTPS API on the Internet the app calls while it answers (django-telegram-bot's
    // getMe to api.telegram.org, urllib3's and requests' wording): a host name with a dot,
    // so not a compose service. Nothing in the image is wrong; the run needs that service and
    // the project's real credentials for it.
    cause: "outside-service",
    pattern:
      /HTTPSConnectionPool\(host='((?!localhost\b)(?!127\.)[\w-]+(?:\.[\w-]+)+)', port=(\d+)\): Max retries exceeded/,
    message: (m) => msg("run.outsideService", { host: m[1] ?? "" }),
    hint: (m) => msg("run.outsideService.hint", { host: m[1] ?? "" }),
  },
  {
    cause: "db-unreachable",
    pattern:
      /connection to server at .* failed: Connection refused|could not connect to server: Connection refused|Can't connect to (?:MySQL |local MySQL )?server|Error 111 connecting to|(?:OperationalError|ConnectionError|ConnectionRefusedError).*Connection refused/,
    message: () => msg("run.dbUnreachable"),
    hint: () => msg("run.dbUnreachable.hint"),
  },
  {
    cause: "allowed-hosts",
    pattern: /Invalid HTTP_HOST header: '([^']*)'|DisallowedHost|<h1>Bad Request \(400\)<\/h1>/,
    message: (m) =>
      m[1] ? msg("run.allowedHosts", { host: m[1] }) : msg("run.allowedHosts.unnamed"),
    hint: () => msg("run.allowedHosts.hint"),
  },
  {
    // Sanic 21.12 made setting attributes on the app an error (21.3 warned): code written
    // for an older Sanic (`app.queue = …`) stops on any release since, pinned or not.
    cause: "framework-refuses-code",
    pattern: /Setting variables on Sanic instances is not allowed\.?(?:.*instance\.ctx\.(\w+))?/,
    message: (m) => msg("run.sanicAttribute", { name: m[1] ?? "…" }),
    hint: (m) => msg("run.sanicAttribute.hint", { name: m[1] ?? "name" }),
  },
  {
    cause: "port-in-use",
    pattern: /Address already in use|\[Errno 98\]/,
    message: () => msg("run.portInUse"),
    hint: () => msg("run.portInUse.hint"),
  },
  {
    cause: "localhost-bind",
    pattern:
      /(?:listening at|running on|serving (?:http )?on|serving at|server at)[: ]+(?:https?:\/\/)?(127\.0\.0\.1|localhost)(?::\d+)?/i,
    message: (m) => msg("run.localhostBind", { host: m[1] ?? "" }),
    hint: () => msg("run.localhostBind.hint"),
  },
  {
    // DEBUG = False sends Django's tracebacks to mail_admins only: the log stays empty.
    cause: "django-hidden-error",
    pattern: /<h1>Server Error \(500\)<\/h1>/,
    message: () => msg("run.djangoHidden"),
    hint: () => msg("run.djangoHidden.hint"),
  },
];

function envName(match: RegExpExecArray): string {
  return match.slice(1).find((group) => group !== undefined) ?? "?";
}

/** The distribution's import name of a module match (`sqlalchemy` of `sqlalchemy.ext.asyncio`). */
function topLevel(match: RegExpExecArray): string {
  return (match[2] ?? "").split(".")[0] ?? "";
}
