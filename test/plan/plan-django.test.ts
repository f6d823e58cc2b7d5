/*
 * Django in production, at plan level: when collectstatic runs at build time and with what
 * environment, who serves the static files, which ALLOWED_HOSTS will refuse every request,
 * and how migrations are meant to run. One row per settings shape.
 */
import { describe, expect, it } from "vitest";
import type { DjangoFacts, Plan } from "../../src/core/pipeline.js";
import { planProject } from "../../src/plan/plan-project.js";
import { at, candidate, makeFacts, requirement } from "./make-facts.js";

const SETTINGS = "shop/settings.py";

const BASE: DjangoFacts = {
  settings: "shop.settings",
  settingsFile: SETTINGS,
  manage: "manage.py",
  staticRoot: at(SETTINGS, 30, "STATIC_ROOT set"),
  staticfiles: true,
  whitenoise: at(SETTINGS, 19, "whitenoise in settings"),
  debug: false,
  allowedHosts: { hosts: null, evidence: at(SETTINGS, 12, "ALLOWED_HOSTS set") },
  secretKeyEnv: "DJANGO_SECRET_KEY",
  migrations: false,
};

function plan(django: Partial<DjangoFacts>): Plan {
  return planProject(
    makeFacts({
      entrypoints: [candidate("wsgi", "shop.wsgi:application", "django", SETTINGS, 28)],
      requirements: DJANGO_REQUIREMENTS,
      django: { ...BASE, ...django },
    }),
  );
}

const DJANGO_REQUIREMENTS = [
  requirement("django", "Django==5.1.2"),
  requirement("gunicorn", "gunicorn==23.0.0", "requirements.txt", 2),
];

const hosts = (list: string[]) => ({ hosts: list, evidence: at(SETTINGS, 12, "set") });

// [label, settings, collectStatic expected, warning codes expected]
const ROWS: readonly [string, Partial<DjangoFacts>, Plan["collectStatic"], string[]][] = [
  [
    "STATIC_ROOT + staticfiles + WhiteNoise: collect, with a throwaway key for that RUN",
    {},
    {
      manage: "manage.py",
      env: ["DJANGO_SETTINGS_MODULE=shop.settings", "DJANGO_SECRET_KEY=collectstatic-build-only"],
    },
    [],
  ],
  [
    "SECRET_KEY written in the settings: no variable needed",
    { secretKeyEnv: null },
    { manage: "manage.py", env: ["DJANGO_SETTINGS_MODULE=shop.settings"] },
    [],
  ],
  [
    "no WhiteNoise: collected, but a web server must serve STATIC_ROOT",
    { whitenoise: null, secretKeyEnv: null },
    { manage: "manage.py", env: ["DJANGO_SETTINGS_MODULE=shop.settings"] },
    ["W_DJANGO_STATIC"],
  ],
  ["no STATIC_ROOT: nothing to collect", { staticRoot: null }, null, []],
  ["staticfiles not installed", { staticfiles: false }, null, []],
  ["no manage.py to run", { manage: null }, null, []],
  [
    "DEBUG = False and ALLOWED_HOSTS = []",
    { staticRoot: null, allowedHosts: hosts([]) },
    null,
    ["W_DJANGO_ALLOWED_HOSTS"],
  ],
  [
    "DEBUG computed and ALLOWED_HOSTS = []",
    { staticRoot: null, debug: null, allowedHosts: hosts([]) },
    null,
    ["W_DJANGO_ALLOWED_HOSTS"],
  ],
  [
    "DEBUG = True and ALLOWED_HOSTS = [] (Django allows localhost)",
    { staticRoot: null, debug: true, allowedHosts: hosts([]) },
    null,
    [],
  ],
  [
    "localhost only",
    { staticRoot: null, allowedHosts: hosts(["localhost", "127.0.0.1"]) },
    null,
    ["W_DJANGO_ALLOWED_HOSTS"],
  ],
  [
    "a fixed domain, even with DEBUG on",
    { staticRoot: null, debug: true, allowedHosts: hosts([".railway.app", "127.0.0.1"]) },
    null,
    ["W_DJANGO_ALLOWED_HOSTS"],
  ],
  ["a wildcard", { staticRoot: null, allowedHosts: hosts(["*"]) }, null, []],
  [
    "settings that cannot import without the platform's variables: build-only placeholders",
    {
      requiredEnv: [
        { name: "CLOUD_PG_NAME", evidence: at(SETTINGS, 40, "read") },
        { name: "CLOUD_PG_PORT", evidence: at(SETTINGS, 41, "read") },
        { name: "DATABASE_URL", evidence: at(SETTINGS, 42, "read") },
        { name: "CLOUD_REDIS_CONNECTIONSTRING", evidence: at(SETTINGS, 43, "read") },
        { name: "DJANGO_ALLOWED_HOSTS", evidence: at(SETTINGS, 44, "read") },
        { name: "SENTRY_DSN", evidence: at(SETTINGS, 45, "read") },
      ],
    },
    {
      manage: "manage.py",
      env: [
        "DJANGO_SETTINGS_MODULE=shop.settings",
        "DJANGO_SECRET_KEY=collectstatic-build-only",
        "CLOUD_PG_NAME=collectstatic-build-only",
        "CLOUD_PG_PORT=1",
        "DATABASE_URL=sqlite:///:memory:",
        "CLOUD_REDIS_CONNECTIONSTRING=redis://localhost:6379/0",
        "DJANGO_ALLOWED_HOSTS=localhost",
        "SENTRY_DSN=https://placeholder@localhost/1",
      ],
    },
    [],
  ],
];

// [label, ALLOWED_HOSTS's variable, the test container's environment]
const VERIFY_ENV: readonly [string, DjangoFacts["allowedHosts"], Plan["verifyEnv"]][] = [
  ["a fixed list: nothing to set", hosts(["*"]), undefined],
  [
    "one host from the platform (WEBSITE_HOSTNAME): the probe's host",
    { ...hosts([]), hosts: null, env: { name: "WEBSITE_HOSTNAME", separator: null } },
    [{ name: "WEBSITE_HOSTNAME", value: "127.0.0.1", evidence: expect.anything() }],
  ],
  [
    "a list split on spaces: the probe's host and localhost",
    { ...hosts([]), hosts: null, env: { name: "DJANGO_ALLOWED_HOSTS", separator: " " } },
    [{ name: "DJANGO_ALLOWED_HOSTS", value: "127.0.0.1 localhost", evidence: expect.anything() }],
  ],
];

describe("planProject for Django in production", () => {
  it.each(ROWS)("%s", (_label, django, collectStatic, warnings) => {
    const planned = plan(django);
    expect(planned.collectStatic).toStrictEqual(collectStatic);
    expect(planned.warnings.map((w) => w.code)).toEqual(warnings);
  });

  it.each(VERIFY_ENV)("verify environment: %s", (_label, allowedHosts, verifyEnv) => {
    expect(plan({ staticRoot: null, allowedHosts }).verifyEnv).toEqual(verifyEnv);
  });

  it("says the placeholders are build-only, where each variable is read", () => {
    const requiredEnv = [{ name: "CLOUD_PG_NAME", evidence: at(SETTINGS, 40, "read") }];
    const note = plan({ requiredEnv }).evidence.find((e) => e.why.includes("CLOUD_PG_NAME"));
    expect(note).toMatchObject({ file: SETTINGS, line: 40 });
    expect(note?.why).toContain("build-only placeholder");
    expect(note?.why).toContain("never in the image");
  });

  it("says why it collects and who serves the files, with file:line", () => {
    const why = plan({}).evidence.map((e) => `${e.file}:${e.line} ${e.why}`);
    expect(why).toContain(
      `${SETTINGS}:30 collectstatic at build time: STATIC_ROOT is set and django.contrib.staticfiles is installed`,
    );
    expect(why).toContain(`${SETTINGS}:19 WhiteNoise: the app serves STATIC_ROOT itself`);
  });

  it("gives the ALLOWED_HOSTS fix, pointing at the line", () => {
    const [warning] = plan({ allowedHosts: hosts(["example.com"]) }).warnings;
    expect(warning).toMatchObject({ file: SETTINGS, line: 12 });
    expect(warning?.message).toContain('ALLOWED_HOSTS = ["example.com"] is fixed in the code');
    expect(warning?.message).toContain('os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost")');
    expect(warning?.message).toContain("--env DJANGO_ALLOWED_HOSTS=*");
  });

  it("never runs migrations at start, and says how to run them", () => {
    const planned = plan({ migrations: true });
    expect(planned.command.join(" ")).not.toContain("migrate");
    const note = planned.evidence.find((e) => e.why.includes("migrations are not run"));
    expect(note?.why).toContain("python manage.py migrate");
  });

  it("leaves the note out when the project's own command migrates", () => {
    const planned = planProject(
      makeFacts({
        entrypoints: [candidate("wsgi", "shop.wsgi:application", "django", SETTINGS, 28)],
        config: {
          command: ["sh", "-c", "python manage.py migrate && gunicorn shop.wsgi"],
          source: at("pyproject.toml", 3, "[tool.pyship]"),
        },
        django: { ...BASE, migrations: true },
      }),
    );
    expect(planned.evidence.some((e) => e.why.includes("migrations are not run"))).toBe(false);
  });

  it("plans nothing Django-specific for other projects", () => {
    const planned = planProject(makeFacts());
    expect(planned.collectStatic).toBeNull();
  });
});
