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
];

describe("planProject for Django in production", () => {
  it.each(ROWS)("%s", (_label, django, collectStatic, warnings) => {
    const planned = plan(django);
    expect(planned.collectStatic).toStrictEqual(collectStatic);
    expect(planned.warnings.map((w) => w.code)).toEqual(warnings);
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
