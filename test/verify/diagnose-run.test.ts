/*
 * The usual causes verify names when a run fails: one row per signature, with a log (or
 * HTTP body) as the app really prints it and the cause, message and hint expected.
 */
import { describe, expect, it } from "vitest";
import { say } from "../../src/cli/i18n.js";
import { diagnoseRun, lastErrorLine, runFailure } from "../../src/verify/diagnose-run.js";
import { verifyError } from "../../src/verify/verify-error.js";

const GUNICORN_BOOT_FAILURE = (last: string) =>
  [
    "[2026-11-28 18:00:00 +0000] [1] [INFO] Starting gunicorn 23.0.0",
    "[2026-11-28 18:00:00 +0000] [1] [INFO] Listening at: http://0.0.0.0:8000 (1)",
    "[2026-11-28 18:00:00 +0000] [7] [ERROR] Exception in worker process",
    "Traceback (most recent call last):",
    '  File "/app/mysite/settings.py", line 7, in <module>',
    '    SECRET_KEY = os.environ["SECRET_KEY"]',
    last,
    "[2026-11-28 18:00:00 +0000] [7] [INFO] Worker exiting (pid: 7)",
    "[2026-11-28 18:00:01 +0000] [1] [ERROR] Reason: Worker failed to boot.",
  ].join("\n");

/** How Sanic (tracerite) boxes an exception at startup: a head line, then `▐ ` continuations. */
const SANIC_BOX = [
  "│ sanic/__main__.py:25      main⚡except:",
  "│       maybe_handle_startup_error(e) ⚠️  Re-raise",
  "╰ AttributeError from previous: Setting variables on Sanic instances is not",
  "  ▐ allowed. You should change your Sanic instance to use instance.ctx.jobs",
  "  ▐ instead.",
].join("\n");

const answer = (status: number, body = "") => ({ path: "/", answer: { status, body } });

// [label, logs, probed answer, cause, text the message contains, text the hint contains]
const ROWS: readonly [
  string,
  string,
  ReturnType<typeof answer> | undefined,
  string,
  string,
  string,
][] = [
  [
    "podman cannot set its default rlimits on this machine",
    "Error: runc: runc create failed: unable to start container process: error during container init: error setting rlimits for ready process: error setting rlimit type 7: operation not permitted: OCI permission denied",
    undefined,
    "engine-rlimits",
    "resource limits",
    "default_ulimits",
  ],
  [
    "KeyError on a settings variable",
    GUNICORN_BOOT_FAILURE("KeyError: 'SECRET_KEY'"),
    undefined,
    "missing-env",
    "SECRET_KEY is not set",
    "--env SECRET_KEY=",
  ],
  [
    "django-environ's ImproperlyConfigured",
    "django.core.exceptions.ImproperlyConfigured: Set the DATABASE_URL environment variable",
    undefined,
    "missing-env",
    "DATABASE_URL",
    "--env DATABASE_URL=",
  ],
  [
    "Django's empty SECRET_KEY",
    "django.core.exceptions.ImproperlyConfigured: The SECRET_KEY setting must not be empty.",
    undefined,
    "missing-env",
    "SECRET_KEY",
    "--env SECRET_KEY=",
  ],
  [
    "pydantic-settings without its environment (FastAPI templates)",
    "pydantic_core._pydantic_core.ValidationError: 5 validation errors for Settings\nPOSTGRES_SERVER\n  Field required [type=missing, input_value={}, input_type=dict]",
    undefined,
    "missing-env",
    "Settings is missing 5 required values",
    "--env NAME=",
  ],
  [
    "settings that give up in their own words (django-telegram-bot's shape)",
    "ERROR:root:Please provide TELEGRAM_TOKEN in .env file.",
    undefined,
    "missing-env",
    "TELEGRAM_TOKEN is not set",
    "--env TELEGRAM_TOKEN=",
  ],
  [
    "settings that raise on a missing variable (DigitalOcean's Django sample)",
    '  File "/app/mysite/settings.py", line 92, in <module>\n    raise Exception("DATABASE_URL environment variable not defined")\nException: DATABASE_URL environment variable not defined',
    undefined,
    "missing-env",
    "DATABASE_URL is not set",
    "--env DATABASE_URL=",
  ],
  [
    "the other word order: environment variable 'SECRET_KEY' is required",
    "RuntimeError: environment variable 'SECRET_KEY' is required",
    undefined,
    "missing-env",
    "SECRET_KEY is not set",
    "--env SECRET_KEY=",
  ],
  [
    "a variable read with no default and used at once",
    [
      "Traceback (most recent call last):",
      '  File "/app/hello/settings.py", line 29, in <module>',
      '    ALLOWED_HOSTS = os.environ.get("SITE_HOSTS").split(" ")',
      "AttributeError: 'NoneType' object has no attribute 'split'",
    ].join("\n"),
    undefined,
    "missing-env",
    "SITE_HOSTS is not set",
    "--env SITE_HOSTS=",
  ],
  [
    "Tortoise ORM given no db_url",
    'tortoise.exceptions.ConfigurationError: You must specify either "config" or "config_file" or "db_url" and "modules"',
    undefined,
    "missing-env",
    "Tortoise ORM got no database URL",
    "pyship verify --compose",
  ],
  [
    "a Redis address written as localhost (asyncio's wording)",
    "redis.exceptions.ConnectionError: Error Multiple exceptions: [Errno 111] Connect call failed ('127.0.0.1', 6379), [Errno 99] Cannot assign requested address connecting to localhost:6379.",
    undefined,
    "service-localhost",
    "localhost:6379",
    "REDIS_URL",
  ],
  [
    "a settings validator refusing the environment (fastapi_production_template)",
    [
      "pydantic_core._pydantic_core.ValidationError: 1 validation error for Config",
      "  Value error, Sentry is not set [type=value_error, input_value={}, input_type=dict]",
    ].join("\n"),
    undefined,
    "settings-rejected",
    "refused the environment it got: Sentry is not set",
    "--env NAME=",
  ],
  [
    "the same in compose's logs, behind the service's prefix",
    "migrate-1   |   Value error, Sentry is not set [type=value_error, input_value={}, input_type=dict]",
    undefined,
    "settings-rejected",
    "Sentry is not set",
    "--env NAME=",
  ],
  [
    "pydantic-settings class named Config",
    "pydantic_core._pydantic_core.ValidationError: 2 validation errors for Config",
    undefined,
    "missing-env",
    "Config is missing 2 required values",
    "--env NAME=",
  ],
  [
    "a module imported but not installed",
    GUNICORN_BOOT_FAILURE("ModuleNotFoundError: No module named 'flask_sqlalchemy.model'"),
    undefined,
    "module-not-found",
    "flask_sqlalchemy is imported but not installed",
    "requirements.txt",
  ],
  [
    "pkg_resources on a recent Python",
    "ModuleNotFoundError: No module named 'pkg_resources'",
    undefined,
    "module-not-found",
    "setuptools",
    "add setuptools",
  ],
  [
    "sqlite without migrations (500 on /)",
    "sqlite3.OperationalError: no such table: blog_post",
    answer(500),
    "db-not-initialised",
    "no table blog_post",
    "--path",
  ],
  [
    "postgres without migrations",
    'django.db.utils.ProgrammingError: relation "auth_user" does not exist',
    answer(500),
    "db-not-initialised",
    "auth_user",
    "migrate",
  ],
  [
    "postgres not reachable",
    'psycopg.OperationalError: connection to server at "localhost" (127.0.0.1), port 5432 failed: Connection refused',
    undefined,
    "db-unreachable",
    "connection refused",
    "--env DATABASE_URL=",
  ],
  [
    "the table the shown error line names, not an earlier one (greybook: post, then admin)",
    [
      "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) no such table: post",
      "[SQL: SELECT post.id FROM post]",
      "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) no such table: admin",
      "[SQL: SELECT admin.id FROM admin]",
    ].join("\n"),
    answer(500),
    "db-not-initialised",
    "no table admin",
    "--path",
  ],
  [
    "a compose service's host name, alone (awesome-compose's flask-redis)",
    "redis.exceptions.ConnectionError: Error -2 connecting to redis:6379. Name or service not known.",
    answer(500),
    "service-host-unknown",
    "the host redis",
    "pyship verify --compose",
  ],
  [
    "Channels' asgi.py imports its models before Django is set up (TestDriven.io's chat)",
    "django.core.exceptions.ImproperlyConfigured: Requested setting INSTALLED_APPS, but settings are not configured. You must either define the environment variable DJANGO_SETTINGS_MODULE or call settings.configure() before accessing settings.",
    undefined,
    "django-import-order",
    "imports the app's models before Django is set up",
    "get_asgi_application()",
  ],
  [
    "an Internet API the app calls while it answers (django-telegram-bot's getMe)",
    "telegram.error.NetworkError: urllib3 HTTPError HTTPSConnectionPool(host='api.telegram.org', port=443): Max retries exceeded with url: /bot1:x/getMe (Caused by NewConnectionError('Failed to establish a new connection'))",
    answer(500),
    "outside-service",
    "calls api.telegram.org",
    "--path /health",
  ],
  [
    "a compose secret file the run did not mount (awesome-compose's nginx-flask-mysql)",
    "FileNotFoundError: [Errno 2] No such file or directory: '/run/secrets/db-password'",
    answer(500),
    "secret-file-missing",
    "/run/secrets/db-password",
    "secrets:",
  ],
  [
    "a name the installed package lacks (aiohttp-demos' polls: SQLAlchemy 2 code, 1.4 installed)",
    "ImportError: cannot import name 'async_sessionmaker' from 'sqlalchemy.ext.asyncio' (/opt/venv/lib/python3.13/site-packages/sqlalchemy/ext/asyncio/__init__.py)",
    undefined,
    "package-version-mismatch",
    "the installed sqlalchemy has no async_sessionmaker (sqlalchemy.ext.asyncio)",
    "version of sqlalchemy",
  ],
  [
    "psycopg2's wording for the same",
    'psycopg2.OperationalError: could not translate host name "db" to address: Name or service not known',
    undefined,
    "service-host-unknown",
    "the host db",
    "pyship compose",
  ],
  [
    "MySQL not reachable, mysqlclient 2.x wording (DjangoBlog)",
    `django.db.utils.OperationalError: (2002, "Can't connect to server on '127.0.0.1' (115)")`,
    answer(500),
    "db-unreachable",
    "connection refused",
    "--env DATABASE_URL=",
  ],
  [
    "Django DisallowedHost in the log (DEBUG on)",
    "Invalid HTTP_HOST header: '127.0.0.1:49153'. You may need to add '127.0.0.1' to ALLOWED_HOSTS.",
    answer(400),
    "allowed-hosts",
    "127.0.0.1:49153",
    "DJANGO_ALLOWED_HOSTS=*",
  ],
  [
    "Django's bare 400 page (DEBUG off logs nothing)",
    "[INFO] Booting worker with pid: 7",
    answer(400, '\n<!doctype html>\n<html lang="en">\n<h1>Bad Request (400)</h1>\n'),
    "allowed-hosts",
    "ALLOWED_HOSTS",
    "os.environ.get",
  ],
  [
    "port already bound",
    "OSError: [Errno 98] Address already in use",
    undefined,
    "port-in-use",
    "already in use",
    "exactly one server",
  ],
  [
    "listening on 127.0.0.1",
    "[2026-11-28 18:00:00 +0000] [1] [INFO] Listening at: http://127.0.0.1:8000 (1)",
    undefined,
    "localhost-bind",
    "listens on 127.0.0.1",
    "0.0.0.0",
  ],
  [
    "http.server bound to 127.0.0.1",
    "Serving HTTP on 127.0.0.1 port 8000 (http://127.0.0.1:8000/) ...",
    undefined,
    "localhost-bind",
    "127.0.0.1",
    "0.0.0.0",
  ],
  [
    "Uvicorn on localhost",
    "INFO:     Uvicorn running on http://localhost:8000 (Press CTRL+C to quit)",
    undefined,
    "localhost-bind",
    "localhost",
    "--host 0.0.0.0",
  ],
  [
    "Django 500 with DEBUG off",
    "",
    answer(500, "<h1>Server Error (500)</h1>"),
    "django-hidden-error",
    "DEBUG = False",
    "LOGGING",
  ],
  [
    "Sanic refuses an attribute set on the app (code older than Sanic 21.12)",
    SANIC_BOX,
    undefined,
    "framework-refuses-code",
    "app.jobs",
    "app.ctx.jobs",
  ],
  ["404 on / and nothing logged", "", answer(404), "no-route", "404 on /", "--path"],
  ["502 on / and nothing known", "boom", answer(502), "server-error", "502 on /", "--path"],
];

describe("diagnoseRun", () => {
  it.each(ROWS)("%s", (_label, logs, probed, cause, message, hint) => {
    const found = diagnoseRun(logs, probed);
    expect(found?.cause).toBe(cause);
    expect(found?.message).toContain(message);
    expect(found?.hint).toContain(hint);
  });

  it("names the line that matched", () => {
    const found = diagnoseRun(GUNICORN_BOOT_FAILURE("KeyError: 'SECRET_KEY'"));
    expect(found?.line).toBe("KeyError: 'SECRET_KEY'");
  });

  it("recognises nothing in a healthy log or a 404 on another path", () => {
    expect(diagnoseRun("[INFO] Listening at: http://0.0.0.0:8000 (1)")).toBeNull();
    expect(diagnoseRun("", { path: "/health", answer: { status: 404, body: "" } })).toBeNull();
  });

  it("puts the --path hint only on a failing /", () => {
    const logs = "sqlite3.OperationalError: no such table: blog_post";
    expect(diagnoseRun(logs, answer(500))?.hint).toContain("--path");
    expect(diagnoseRun(logs)?.hint).not.toContain("--path");
  });
});

describe("lastErrorLine", () => {
  it("finds the traceback's final line, not the log lines after it", () => {
    const logs = GUNICORN_BOOT_FAILURE("KeyError: 'SECRET_KEY'");
    expect(lastErrorLine(logs)).toBe("KeyError: 'SECRET_KEY'");
  });

  it("reads dotted exception names and ignores prefixed log messages", () => {
    expect(lastErrorLine("x\ndjango.core.exceptions.ImproperlyConfigured: bad\n")).toBe(
      "django.core.exceptions.ImproperlyConfigured: bad",
    );
    expect(lastErrorLine("[ERROR] ValueError: not a traceback line")).toBeNull();
  });

  it("reads Sanic's boxed exception as one line, continuations joined", () => {
    expect(lastErrorLine(SANIC_BOX)).toBe(
      "AttributeError: Setting variables on Sanic instances is not allowed. You should change your Sanic instance to use instance.ctx.jobs instead.",
    );
  });
});

describe("runFailure", () => {
  it("shows one copy of a traceback logged on every request", () => {
    const once = [
      "Traceback (most recent call last):",
      '  File "app.py", line 5',
      "sqlite3.OperationalError: no such table: notes",
      '"GET / HTTP/1.1" 500 59',
    ];
    const failure = runFailure("E_VERIFY_FAILED", "500", [...once, ...once, ...once].join("\n"));
    expect(failure.logTail).toBe(once.join("\n"));
  });

  it("keeps the last 20 lines but diagnoses from the whole log", () => {
    const logs = ["KeyError: 'API_TOKEN'", ...Array.from({ length: 30 }, (_, i) => `line ${i}`)];
    const failure = runFailure("E_CONTAINER_EXITED", "exited", logs.join("\n"));
    expect(failure.logTail?.split("\n")).toHaveLength(20);
    expect(failure.logTail).not.toContain("API_TOKEN");
    expect(failure.diagnosis?.cause).toBe("missing-env");
    expect(failure.lastError).toBe("KeyError: 'API_TOKEN'");
  });
});

describe("diagnoses in Chinese", () => {
  it("says the cause and the hint in zh-CN and zh-TW; the English fields stay", () => {
    const found = diagnoseRun("KeyError: 'SECRET_KEY'", { path: "/", answer: null });
    expect(found?.message).toBe("the environment variable SECRET_KEY is not set");
    expect(say("zh-CN", found?.text ?? "")).toBe("环境变量 SECRET_KEY 没有设置");
    expect(say("zh-TW", found?.hintText ?? "")).toContain("映像檔");
  });

  it("verifyError keys its message and falls back to a keyed hint", () => {
    const failure = runFailure("E_PORT_TIMEOUT", "no answer on port 8000", "");
    const error = verifyError({ image: "app:1", failure } as Parameters<typeof verifyError>[0]);
    expect(error?.message).toBe("app:1: no answer on port 8000");
    expect(say("zh-CN", error?.hintText ?? "")).toContain("--timeout");
    expect(say("zh-CN", error?.hintText ?? "")).toMatch(/[\u4e00-\u9fff]/);
  });
});
