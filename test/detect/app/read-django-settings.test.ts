/*
 * The Django settings reader, one row per shape settings really have: a single settings.py,
 * a settings package whose production module star-imports base, values read from the
 * environment (unknown, never guessed). Each row expects the whole facts object.
 */
import { describe, expect, it } from "vitest";
import type { DjangoFacts, EntrypointCandidate } from "../../../src/core/pipeline.js";
import { readDjangoSettings } from "../../../src/detect/app/read-django-settings.js";
import { memoryFiles, py } from "./memory-files.js";

const django = (app: string): EntrypointCandidate => ({
  framework: "django",
  app,
  kind: "wsgi",
  evidence: { file: "manage.py", line: 1, why: "test" },
});

const MANAGE = py`
  import os, sys
  os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_a.settings")
`;
const wsgi = (settings: string) => py`
  import os
  from django.core.wsgi import get_wsgi_application
  os.environ.setdefault("DJANGO_SETTINGS_MODULE", "${settings}")
  application = get_wsgi_application()
`;

const SINGLE = py`
  import os
  SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
  DEBUG = False
  ALLOWED_HOSTS = []
  INSTALLED_APPS = [
      "django.contrib.staticfiles",
  ]
  MIDDLEWARE = [
      "django.middleware.security.SecurityMiddleware",
      "whitenoise.middleware.WhiteNoiseMiddleware",
  ]
  STATIC_ROOT = BASE_DIR / "staticfiles"
`;

const BASE = py`
  SECRET_KEY = "dev-only"
  DEBUG = True
  ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
  INSTALLED_APPS = ["django.contrib.admin", "django.contrib.staticfiles"]
  MIDDLEWARE = []
  STATIC_ROOT = "/srv/static"
`;
const PRODUCTION = py`
  import os
  from .base import *  # noqa
  DEBUG = False
  SECRET_KEY = os.getenv("SECRET_KEY", "")
  ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")
  MIDDLEWARE.append("whitenoise.middleware.WhiteNoiseMiddleware")
`;

const ev = (file: string, line: number, why: string) => ({ file, line, why });

const ROWS: readonly [string, Record<string, string>, string, DjangoFacts | null][] = [
  [
    "settings.py with literals, whitenoise and migrations",
    {
      "manage.py": MANAGE,
      "site_a/settings.py": SINGLE,
      "site_a/wsgi.py": wsgi("site_a.settings"),
      "notes/migrations/__init__.py": "",
    },
    "site_a.wsgi:application",
    {
      settings: "site_a.settings",
      settingsFile: "site_a/settings.py",
      manage: "manage.py",
      staticRoot: ev("site_a/settings.py", 12, "STATIC_ROOT set"),
      staticfiles: true,
      whitenoise: ev(
        "site_a/settings.py",
        8,
        "whitenoise.middleware.WhiteNoiseMiddleware in settings",
      ),
      debug: false,
      allowedHosts: { hosts: [], evidence: ev("site_a/settings.py", 4, "ALLOWED_HOSTS set") },
      secretKeyEnv: "DJANGO_SECRET_KEY",
      migrations: true,
    },
  ],
  [
    "a settings package: wsgi.py picks production, which overrides base",
    {
      "manage.py": MANAGE,
      "site_a/settings/__init__.py": "",
      "site_a/settings/base.py": BASE,
      "site_a/settings/production.py": PRODUCTION,
      "site_a/wsgi.py": wsgi("site_a.settings.production"),
    },
    "site_a.wsgi:application",
    {
      settings: "site_a.settings.production",
      settingsFile: "site_a/settings/production.py",
      manage: "manage.py",
      staticRoot: ev("site_a/settings/base.py", 6, "STATIC_ROOT set"),
      staticfiles: true,
      whitenoise: ev(
        "site_a/settings/production.py",
        6,
        "whitenoise.middleware.WhiteNoiseMiddleware in settings",
      ),
      debug: false,
      allowedHosts: {
        hosts: null,
        evidence: ev("site_a/settings/production.py", 5, "ALLOWED_HOSTS set"),
      },
      secretKeyEnv: "SECRET_KEY",
      migrations: false,
    },
  ],
  [
    "base alone (manage.py's module when wsgi.py names none), in a subfolder",
    {
      "web/manage.py": MANAGE.replace("site_a.settings", "site_a.settings.base"),
      "web/site_a/settings/__init__.py": "",
      "web/site_a/settings/base.py": `${BASE}ALLOWED_HOSTS += ["example.com"]\n`,
      "web/site_a/wsgi.py":
        "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n",
    },
    "site_a.wsgi:application",
    {
      settings: "site_a.settings.base",
      settingsFile: "web/site_a/settings/base.py",
      manage: "web/manage.py",
      staticRoot: ev("web/site_a/settings/base.py", 6, "STATIC_ROOT set"),
      staticfiles: true,
      whitenoise: null,
      debug: true,
      allowedHosts: {
        hosts: null,
        evidence: ev("web/site_a/settings/base.py", 3, "ALLOWED_HOSTS set"),
      },
      secretKeyEnv: null,
      migrations: false,
    },
  ],
  [
    "the platform's environment: required variables, ALLOWED_HOSTS from a guarded variable",
    {
      "manage.py": MANAGE,
      "site_a/wsgi.py": wsgi("site_a.settings"),
      "site_a/settings.py": py`
        import os
        SECRET_KEY = os.environ.get("APP_KEY", "dev")
        ALLOWED_HOSTS = [os.environ["SITE_HOST"]] if "SITE_HOST" in os.environ else []
        NAME = os.environ["CLOUD_PG_NAME"]
        CACHE = os.getenv("CLOUD_CACHE_URL").strip()
        SENTRY = os.getenv("SENTRY_DSN")
      `,
    },
    "site_a.wsgi:application",
    {
      settings: "site_a.settings",
      settingsFile: "site_a/settings.py",
      manage: "manage.py",
      staticRoot: null,
      staticfiles: false,
      whitenoise: null,
      debug: null,
      allowedHosts: {
        hosts: null,
        evidence: ev("site_a/settings.py", 3, "ALLOWED_HOSTS set"),
        env: { name: "SITE_HOST", separator: null },
      },
      secretKeyEnv: "APP_KEY",
      migrations: false,
      requiredEnv: [
        {
          name: "CLOUD_PG_NAME",
          evidence: ev("site_a/settings.py", 4, 'os.environ["CLOUD_PG_NAME"]'),
        },
        {
          name: "CLOUD_CACHE_URL",
          evidence: ev("site_a/settings.py", 5, 'os.getenv("CLOUD_CACHE_URL")'),
        },
      ],
    },
  ],
  [
    "ALLOWED_HOSTS split from a variable with no default",
    {
      "manage.py": MANAGE,
      "site_a/wsgi.py": wsgi("site_a.settings"),
      "site_a/settings.py": 'import os\nALLOWED_HOSTS = os.environ.get("HOSTS").split(" ")\n',
    },
    "site_a.wsgi:application",
    {
      settings: "site_a.settings",
      settingsFile: "site_a/settings.py",
      manage: "manage.py",
      staticRoot: null,
      staticfiles: false,
      whitenoise: null,
      debug: null,
      allowedHosts: {
        hosts: null,
        evidence: ev("site_a/settings.py", 2, "ALLOWED_HOSTS set"),
        env: { name: "HOSTS", separator: " " },
      },
      secretKeyEnv: null,
      migrations: false,
      requiredEnv: [
        { name: "HOSTS", evidence: ev("site_a/settings.py", 2, 'os.environ.get("HOSTS")') },
      ],
    },
  ],
  [
    "settings module not in the project",
    { "manage.py": MANAGE, "site_a/wsgi.py": wsgi("elsewhere.settings") },
    "site_a.wsgi:application",
    null,
  ],
];

describe("readDjangoSettings", () => {
  it.each(ROWS)("%s", (_label, tree, app, expected) => {
    // Evidence also carries its catalog message (`text`): compared without it.
    const found = readDjangoSettings(memoryFiles(tree), [django(app)]);
    expect(
      JSON.parse(JSON.stringify(found, (key, value) => (key === "text" ? undefined : value))),
    ).toStrictEqual(expected);
  });

  it("reads the module the entrypoint detector set in the image's environment first", () => {
    const tree = {
      "manage.py": MANAGE,
      "site_a/settings/__init__.py": "",
      "site_a/settings/base.py": BASE,
      "site_a/settings/production.py": PRODUCTION,
      "site_a/wsgi.py": wsgi("site_a.settings.base"),
    };
    const why = { file: "site_a/settings/production.py", line: null, why: "production settings" };
    const env = [
      { name: "DJANGO_SETTINGS_MODULE", value: "site_a.settings.production", evidence: why },
    ];
    const found = readDjangoSettings(memoryFiles(tree), [
      { ...django("site_a.wsgi:application"), env } as EntrypointCandidate,
    ]);
    expect(found?.settingsFile).toBe("site_a/settings/production.py");
  });

  // [label, settings modules (base first), sqlite evidence expected as file:line or null]
  it.each([
    [
      "the sqlite3 engine over several lines",
      [
        `DATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.sqlite3",\n        "NAME": BASE_DIR / "db.sqlite3",\n    }\n}\n`,
      ],
      "site_a/settings.py:1",
    ],
    [
      "dj-database-url's sqlite default",
      [
        'import dj_database_url\nDATABASES = {"default": dj_database_url.config(default="sqlite:///db.sqlite3")}\n',
      ],
      "site_a/settings.py:2",
    ],
    [
      "SQLite in base, PostgreSQL in the production module the server runs",
      [
        'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3"}}\n',
        'from .settings import *\nDATABASES = {"default": {"ENGINE": "django.db.backends.postgresql"}}\n',
      ],
      null,
    ],
    [
      "an in-memory URL is no file",
      ['DATABASES = {"default": dj_database_url.parse("sqlite:///:memory:")}\n'],
      null,
    ],
  ])("DATABASES: %s", (_label, modules, expected) => {
    const [base, production] = modules as string[];
    const tree: Record<string, string> = {
      "manage.py": MANAGE,
      "site_a/settings.py": base as string,
      "site_a/wsgi.py": wsgi(production ? "site_a.production" : "site_a.settings"),
    };
    if (production) tree["site_a/production.py"] = production;
    const found = readDjangoSettings(memoryFiles(tree), [django("site_a.wsgi:application")]);
    expect(found?.sqlite ? `${found.sqlite.file}:${found.sqlite.line}` : null).toBe(expected);
  });

  it("reads nothing for a project that is not Django", () => {
    const flask = { ...django("app:app"), framework: "flask" as const };
    expect(readDjangoSettings(memoryFiles({ "app.py": "" }), [flask])).toBeNull();
  });
});
