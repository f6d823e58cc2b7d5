/*
 * The entrypoint shapes real projects have (issue 8): per fixture, what detection finds and
 * what the plan runs, in one compact row. Each row fails on the code before its fix.
 */
import { describe, expect, it } from "vitest";
import { detectProject } from "../../src/detect/detect-project.js";
import { planProject } from "../../src/plan/plan-project.js";

const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;

interface Shape {
  /** `app kind framework file:line` per candidate, best first. */
  readonly entrypoints: readonly string[];
  readonly command: readonly string[];
  readonly kind: "web" | "worker" | "script";
  readonly port: number | null;
  /** Plan env and workdir, null when the plan has none. */
  readonly env: Readonly<Record<string, string>> | null;
  readonly workdir: string | null;
}

function shapeOf(name: string): Shape {
  const facts = detectProject(`${FIXTURES}${name}`);
  const plan = planProject(facts);
  return {
    entrypoints: facts.entrypoints.map(
      (c) => `${c.app} ${c.kind} ${c.framework} ${c.evidence.file}:${c.evidence.line}`,
    ),
    command: plan.command,
    kind: plan.kind,
    port: plan.port,
    env: plan.env ?? null,
    workdir: plan.workdir ?? null,
  };
}

const TABLE: ReadonlyArray<readonly [string, Shape]> = [
  [
    // A Procfile web: line that is a shell command list runs through /bin/sh.
    "procfile-shell",
    {
      entrypoints: ["app:app wsgi flask app.py:9"],
      command: [
        "/bin/sh",
        "-c",
        "set -e; GREETING=ahoy flask --app app init-data; exec gunicorn --bind 0.0.0.0:$PORT --workers 2 app:app",
      ],
      kind: "web",
      port: 8000,
      env: null,
      workdir: null,
    },
  ],
  [
    // manage.py computes the settings name; a settings package has base, dev and production.
    "django-settings-package",
    {
      entrypoints: ["shop.wsgi:application wsgi django shop/settings/base.py:16"],
      command: ["gunicorn", "--config", "/opt/pyship/gunicorn.conf.py", "shop.wsgi:application"],
      kind: "web",
      port: 8000,
      env: { DJANGO_SETTINGS_MODULE: "shop.settings.production" },
      workdir: null,
    },
  ],
  [
    // The only Python file at the root, all top-level code, a `while True` loop: a worker.
    "poller-loop",
    {
      entrypoints: ["poller.py script script poller.py:6"],
      command: ["python", "poller.py"],
      kind: "worker",
      port: null,
      env: null,
      workdir: null,
    },
  ],
  [
    // `web: python main.py` whose top-level code prints and exits: a job, not a web server.
    "procfile-job",
    {
      entrypoints: ["main.py script script main.py:5"],
      command: ["python", "main.py"],
      kind: "script",
      port: null,
      env: null,
      workdir: null,
    },
  ],
  [
    // backend/ is the importable root, with its own gunicorn.conf.py and requirements.txt.
    "app-subroot",
    {
      entrypoints: ["api.main:app wsgi flask backend/api/main.py:6"],
      // pyship's config reads backend/gunicorn.conf.py (the working directory's) after its own.
      command: ["gunicorn", "--config", "/opt/pyship/gunicorn.conf.py", "api.main:app"],
      kind: "web",
      port: 8080,
      env: null,
      workdir: "/app/backend",
    },
  ],
  [
    // src/ holds an __init__.py and the code imports `src.config`: run from the root.
    "src-package",
    {
      entrypoints: ["src.main:app wsgi flask src/main.py:5"],
      command: ["gunicorn", "--config", "/opt/pyship/gunicorn.conf.py", "src.main:app"],
      kind: "web",
      port: 8000,
      env: null,
      workdir: null,
    },
  ],
];

describe("entrypoint shapes", () => {
  it.each(TABLE)("%s", (name, expected) => {
    expect(shapeOf(name)).toStrictEqual(expected);
  });
});
