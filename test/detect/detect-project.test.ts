/*
 * detectProject over every fixture, expecting the WHOLE ProjectFacts object. Each row was
 * checked against the fixture's files (names, versions, line numbers); a detector change
 * that alters any fact fails here and must be reviewed.
 */
import { describe, expect, it } from "vitest";
import type { Evidence, ProjectFacts, Requirement } from "../../src/core/pipeline.js";
import { detectProject } from "../../src/detect/detect-project.js";

const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;

const ev = (file: string, line: number | null, why: string): Evidence => ({ file, line, why });
/** A lock read into hashed pip lines (their text is checked in test/detect/deps/locks.test.ts). */
const pinnedFrom = (file: string) => ({
  lines: expect.arrayContaining([expect.stringMatching(/==.* \\\n {4}--hash=sha256:/)]),
  source: { file, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
  hashed: true,
});
const req = (spec: string, name: string, evidence: Evidence): Requirement => ({
  name,
  spec,
  evidence,
});
const unnamed = (name: string): ProjectFacts["meta"] => ({
  name,
  version: null,
  buildNeeds: [],
  scripts: {},
  evidence: ev(".", null, "no project name declared; directory name"),
});

type Expected = Omit<
  ProjectFacts,
  "root" | "python" | "procfile" | "port" | "config" | "warnings"
> &
  Partial<Pick<ProjectFacts, "python" | "procfile" | "port" | "config" | "warnings">>;

/** Facts every row shares unless it says otherwise. */
/** The files a lock lists run to hundreds of lines; test/detect/deps/locks.test.ts checks them. */
function withoutLockedFiles(facts: ProjectFacts): ProjectFacts {
  const { lockedFiles: _files, ...dependencies } = facts.dependencies;
  return { ...facts, dependencies };
}

function withDefaults(expected: Expected): Omit<ProjectFacts, "root"> {
  return {
    python: {
      version: "3.13",
      constraint: null,
      evidence: ev(".", null, "no Python version stated; pyship's default 3.13"),
    },
    procfile: null,
    port: null,
    config: { source: null },
    warnings: [],
    ...expected,
  };
}

const TABLE: ReadonlyArray<readonly [string, Expected]> = [
  [
    "celery-worker",
    {
      meta: unnamed("celery-worker"),
      dependencies: {
        install: {
          tool: "pip",
          strategy: "requirements",
          files: ["requirements.txt"],
          installProject: false,
          evidence: ev("requirements.txt", null, "pip installs requirements.txt"),
        },
        requirements: [
          req("celery==5.7.0", "celery", ev("requirements.txt", 1, "listed in requirements.txt")),
        ],
        ignored: [],
      },
      entrypoints: [
        {
          framework: "celery",
          app: "tasks",
          kind: "celery",
          evidence: ev("tasks.py", 7, "app = Celery(...) at module level"),
        },
      ],
    },
  ],
  [
    "console-script",
    {
      meta: {
        name: "hello-cli",
        version: "1.0.0",
        buildNeeds: ["README.md"],
        scripts: { "hello-cli": "hello_cli.main:run" },
        evidence: ev("pyproject.toml", 6, "name from [project]"),
      },
      dependencies: {
        install: {
          tool: "pip",
          strategy: "pyproject",
          files: ["pyproject.toml"],
          installProject: true,
          evidence: ev(
            "pyproject.toml",
            null,
            "a package with a [build-system] and no dependencies: installed from pyproject.toml; installs the project too ([project.scripts] installs console scripts)",
          ),
        },
        requirements: [],
        ignored: [],
      },
      python: {
        version: "3.13",
        constraint: ">=3.9",
        ranges: [">=3.9"],
        evidence: ev("pyproject.toml", 9, "requires-python >=3.9 allows pyship's default 3.13"),
      },
      entrypoints: [
        {
          framework: "script",
          app: "hello-cli",
          kind: "console-script",
          evidence: ev(
            "pyproject.toml",
            13,
            'console script hello-cli = "hello_cli.main:run" (runs once the project is installed)',
          ),
        },
        {
          framework: "script",
          app: "src/hello_cli/main.py",
          kind: "script",
          evidence: ev(
            "src/hello_cli/main.py",
            5,
            'if __name__ == "__main__": block at module level',
          ),
          runs: {
            until: "done",
            evidence: ev(
              "src/hello_cli/main.py",
              null,
              "runs once: no loop, polling, scheduler or server call, so it exits when done",
            ),
          },
        },
      ],
    },
  ],
  [
    "django-site",
    {
      meta: unnamed("django-site"),
      dependencies: {
        install: {
          tool: "pip",
          strategy: "requirements",
          files: ["requirements.txt"],
          installProject: false,
          evidence: ev("requirements.txt", null, "pip installs requirements.txt"),
        },
        requirements: [
          req("django==5.2.19", "django", ev("requirements.txt", 1, "listed in requirements.txt")),
          req(
            "gunicorn==27.0.1",
            "gunicorn",
            ev("requirements.txt", 2, "listed in requirements.txt"),
          ),
        ],
        ignored: [],
      },
      entrypoints: [
        {
          framework: "django",
          app: "mysite.wsgi:application",
          kind: "wsgi",
          evidence: ev(
            "mysite/settings.py",
            17,
            'WSGI_APPLICATION = "mysite.wsgi.application" in settings',
          ),
        },
      ],
      // Settings read from the environment: DEBUG and ALLOWED_HOSTS unknown, never guessed.
      django: {
        settings: "mysite.settings",
        settingsFile: "mysite/settings.py",
        manage: "manage.py",
        staticRoot: null,
        staticfiles: false,
        whitenoise: null,
        debug: null,
        allowedHosts: { hosts: null, evidence: ev("mysite/settings.py", 9, "ALLOWED_HOSTS set") },
        secretKeyEnv: "DJANGO_SECRET_KEY",
        migrations: false,
      },
    },
  ],
  [
    "fastapi-pep621",
    {
      meta: {
        name: "fastapi-pep621",
        version: "0.1.0",
        buildNeeds: [],
        scripts: {},
        evidence: ev("pyproject.toml", 2, "name from [project]"),
      },
      dependencies: {
        install: {
          tool: "pip",
          strategy: "pyproject",
          files: ["pyproject.toml"],
          installProject: false,
          evidence: ev(
            "pyproject.toml",
            6,
            "dependencies declared in [project].dependencies (no lock file)",
          ),
        },
        requirements: [
          req(
            "fastapi==0.115.6",
            "fastapi",
            ev("pyproject.toml", 6, "listed in [project].dependencies"),
          ),
          req(
            "uvicorn==0.34.0",
            "uvicorn",
            ev("pyproject.toml", 7, "listed in [project].dependencies"),
          ),
        ],
        ignored: [],
      },
      python: {
        version: "3.13",
        constraint: ">=3.10",
        ranges: [">=3.10"],
        evidence: ev("pyproject.toml", 4, "requires-python >=3.10 allows pyship's default 3.13"),
      },
      entrypoints: [
        {
          framework: "fastapi",
          app: "main:api",
          kind: "asgi",
          evidence: ev("main.py", 3, "api = FastAPI(...) at module level"),
        },
      ],
    },
  ],
  [
    "flask-factory",
    {
      meta: unnamed("flask-factory"),
      dependencies: {
        install: {
          tool: "pip",
          strategy: "requirements",
          files: ["requirements.txt"],
          installProject: false,
          evidence: ev("requirements.txt", null, "pip installs requirements.txt"),
        },
        requirements: [
          req("flask==3.1.3", "flask", ev("requirements.txt", 2, "listed in requirements.txt")),
        ],
        ignored: [],
      },
      entrypoints: [
        {
          framework: "flask",
          app: "shop:create_app()",
          kind: "wsgi",
          evidence: ev(
            "shop/__init__.py",
            5,
            "def create_app() builds and returns the Flask app (factory)",
          ),
        },
      ],
    },
  ],
  [
    "flask-module",
    {
      meta: unnamed("flask-module"),
      dependencies: {
        install: {
          tool: "pip",
          strategy: "requirements",
          files: ["requirements.txt"],
          installProject: false,
          evidence: ev("requirements.txt", null, "pip installs requirements.txt"),
        },
        requirements: [
          req("flask==3.1.3", "flask", ev("requirements.txt", 1, "listed in requirements.txt")),
          req(
            "gunicorn==27.0.1",
            "gunicorn",
            ev("requirements.txt", 2, "listed in requirements.txt"),
          ),
        ],
        ignored: [],
      },
      entrypoints: [
        {
          framework: "flask",
          app: "web:server",
          kind: "wsgi",
          evidence: ev("web.py", 4, "server = Flask(...) at module level"),
        },
      ],
    },
  ],
  [
    "multi-candidates",
    {
      meta: unnamed("multi-candidates"),
      dependencies: {
        install: {
          tool: "pip",
          strategy: "requirements",
          files: ["requirements.txt"],
          installProject: false,
          evidence: ev("requirements.txt", null, "pip installs requirements.txt"),
        },
        requirements: [
          req(
            "fastapi==0.165.0",
            "fastapi",
            ev("requirements.txt", 1, "listed in requirements.txt"),
          ),
          req(
            "uvicorn==0.54.0",
            "uvicorn",
            ev("requirements.txt", 2, "listed in requirements.txt"),
          ),
          req("flask==3.1.3", "flask", ev("requirements.txt", 3, "listed in requirements.txt")),
          req(
            "gunicorn==27.0.1",
            "gunicorn",
            ev("requirements.txt", 4, "listed in requirements.txt"),
          ),
        ],
        ignored: [],
      },
      entrypoints: [
        {
          framework: "flask",
          app: "admin:admin_app",
          kind: "wsgi",
          evidence: ev("admin.py", 3, "admin_app = Flask(...) at module level"),
        },
        {
          framework: "fastapi",
          app: "api:api",
          kind: "asgi",
          evidence: ev("api.py", 4, "api = FastAPI(...) at module level"),
        },
      ],
    },
  ],
  [
    "native-psycopg2",
    {
      meta: unnamed("native-psycopg2"),
      dependencies: {
        install: {
          tool: "pip",
          strategy: "requirements",
          files: ["requirements.txt"],
          installProject: false,
          evidence: ev("requirements.txt", null, "pip installs requirements.txt"),
        },
        requirements: [
          req("flask==3.1.3", "flask", ev("requirements.txt", 1, "listed in requirements.txt")),
          req(
            "gunicorn==23.0.0",
            "gunicorn",
            ev("requirements.txt", 2, "listed in requirements.txt"),
          ),
          req(
            "psycopg2==2.9.10",
            "psycopg2",
            ev("requirements.txt", 4, "listed in requirements.txt"),
          ),
        ],
        ignored: [],
      },
      entrypoints: [
        {
          framework: "flask",
          app: "app:app",
          kind: "wsgi",
          evidence: ev("app.py", 4, "app = Flask(...) at module level"),
        },
      ],
    },
  ],
  [
    "pdm-lock",
    {
      meta: {
        name: "pdm-lock",
        version: "0.1.0",
        buildNeeds: [],
        scripts: {},
        evidence: ev("pyproject.toml", 2, "name from [project]"),
      },
      dependencies: {
        install: {
          tool: "pdm",
          strategy: "pdm-lock",
          files: ["pyproject.toml", "pdm.lock"],
          installProject: false,
          evidence: ev(
            "pdm.lock",
            null,
            "pdm.lock pins every version: pyship reads it and pip installs exactly what was tested, hashes checked",
          ),
          resolved: pinnedFrom("pdm.lock"),
        },
        requirements: [
          req("flask==3.1.3", "flask", ev("pyproject.toml", 6, "listed in [project].dependencies")),
          req(
            "gunicorn==23.0.0",
            "gunicorn",
            ev("pyproject.toml", 7, "listed in [project].dependencies"),
          ),
          req(
            "blinker==1.9.0",
            "blinker",
            ev("pdm.lock", 14, "pinned in pdm.lock (pulled in by another package)"),
          ),
          req(
            "click==8.5.1",
            "click",
            ev("pdm.lock", 25, "pinned in pdm.lock (pulled in by another package)"),
          ),
          req(
            "itsdangerous==2.2.0",
            "itsdangerous",
            ev("pdm.lock", 94, "pinned in pdm.lock (pulled in by another package)"),
          ),
          req(
            "jinja2==3.1.6",
            "jinja2",
            ev("pdm.lock", 105, "pinned in pdm.lock (pulled in by another package)"),
          ),
          req(
            "markupsafe==3.0.4",
            "markupsafe",
            ev("pdm.lock", 119, "pinned in pdm.lock (pulled in by another package)"),
          ),
          req(
            "packaging==26.3",
            "packaging",
            ev("pdm.lock", 249, "pinned in pdm.lock (pulled in by another package)"),
          ),
          req(
            "werkzeug==3.1.9",
            "werkzeug",
            ev("pdm.lock", 302, "pinned in pdm.lock (pulled in by another package)"),
          ),
        ],
        ignored: [],
      },
      python: {
        version: "3.13",
        constraint: ">=3.11",
        ranges: [">=3.11"],
        evidence: ev("pyproject.toml", 4, "requires-python >=3.11 allows pyship's default 3.13"),
      },
      entrypoints: [
        {
          framework: "flask",
          app: "app:app",
          kind: "wsgi",
          evidence: ev("app.py", 3, "app = Flask(...) at module level"),
        },
      ],
    },
  ],
  [
    "pipenv",
    {
      meta: unnamed("pipenv"),
      dependencies: {
        install: {
          tool: "pipenv",
          strategy: "pipfile-lock",
          files: ["Pipfile", "Pipfile.lock"],
          installProject: false,
          evidence: ev(
            "Pipfile.lock",
            null,
            "Pipfile.lock pins every version: pyship reads it and pip installs exactly what was tested, hashes checked",
          ),
          resolved: pinnedFrom("Pipfile.lock"),
        },
        requirements: [
          req("flask==3.1.3", "flask", ev("Pipfile", 7, "listed in Pipfile [packages]")),
          req("gunicorn==23.0.0", "gunicorn", ev("Pipfile", 8, "listed in Pipfile [packages]")),
          req(
            "blinker==1.9.0",
            "blinker",
            ev("Pipfile.lock", 19, "pinned in Pipfile.lock (pulled in by another package)"),
          ),
          req(
            "click==8.5.1",
            "click",
            ev("Pipfile.lock", 27, "pinned in Pipfile.lock (pulled in by another package)"),
          ),
          req(
            "itsdangerous==2.2.0",
            "itsdangerous",
            ev("Pipfile.lock", 53, "pinned in Pipfile.lock (pulled in by another package)"),
          ),
          req(
            "jinja2==3.1.6",
            "jinja2",
            ev("Pipfile.lock", 61, "pinned in Pipfile.lock (pulled in by another package)"),
          ),
          req(
            "markupsafe==3.0.4",
            "markupsafe",
            ev("Pipfile.lock", 69, "pinned in Pipfile.lock (pulled in by another package)"),
          ),
          req(
            "packaging==26.3",
            "packaging",
            ev("Pipfile.lock", 226, "pinned in Pipfile.lock (pulled in by another package)"),
          ),
          req(
            "werkzeug==3.1.9",
            "werkzeug",
            ev("Pipfile.lock", 234, "pinned in Pipfile.lock (pulled in by another package)"),
          ),
        ],
        ignored: [],
      },
      python: {
        version: "3.11",
        constraint: "3.11",
        evidence: ev("Pipfile", 14, "Pipfile python_version pins 3.11"),
      },
      entrypoints: [
        {
          framework: "flask",
          app: "app:app",
          kind: "wsgi",
          evidence: ev("app.py", 3, "app = Flask(...) at module level"),
        },
      ],
    },
  ],
  [
    "poetry-lock",
    {
      meta: {
        name: "poetry-lock",
        version: "0.1.0",
        buildNeeds: [],
        scripts: {},
        evidence: ev("pyproject.toml", 2, "name from [tool.poetry]"),
      },
      dependencies: {
        install: {
          tool: "poetry",
          strategy: "poetry-lock",
          files: ["pyproject.toml", "poetry.lock"],
          installProject: false,
          evidence: ev(
            "poetry.lock",
            null,
            "poetry.lock pins every version: pyship reads it and pip installs exactly what was tested, hashes checked",
          ),
          resolved: pinnedFrom("poetry.lock"),
        },
        requirements: [
          req(
            "flask>=3.1,<4.0",
            "flask",
            ev("pyproject.toml", 10, "listed in [tool.poetry.dependencies]"),
          ),
          req(
            "gunicorn>=23.0,<23.1",
            "gunicorn",
            ev("pyproject.toml", 11, "listed in [tool.poetry.dependencies]"),
          ),
          req(
            "blinker==1.9.0",
            "blinker",
            ev("poetry.lock", 4, "pinned in poetry.lock (pulled in by another package)"),
          ),
          req(
            "click==8.5.1",
            "click",
            ev("poetry.lock", 21, "pinned in poetry.lock (pulled in by another package)"),
          ),
          req(
            "itsdangerous==2.2.0",
            "itsdangerous",
            ev("poetry.lock", 129, "pinned in poetry.lock (pulled in by another package)"),
          ),
          req(
            "jinja2==3.1.6",
            "jinja2",
            ev("poetry.lock", 146, "pinned in poetry.lock (pulled in by another package)"),
          ),
          req(
            "markupsafe==3.0.4",
            "markupsafe",
            ev("poetry.lock", 169, "pinned in poetry.lock (pulled in by another package)"),
          ),
          req(
            "packaging==26.3",
            "packaging",
            ev("poetry.lock", 335, "pinned in poetry.lock (pulled in by another package)"),
          ),
          req(
            "werkzeug==3.1.9",
            "werkzeug",
            ev("poetry.lock", 416, "pinned in poetry.lock (pulled in by another package)"),
          ),
        ],
        ignored: [],
      },
      python: {
        version: "3.13",
        constraint: "^3.11",
        ranges: [">=3.11,<4.0"],
        evidence: ev("pyproject.toml", 9, "Poetry python ^3.11 allows pyship's default 3.13"),
      },
      entrypoints: [
        {
          framework: "flask",
          app: "app:app",
          kind: "wsgi",
          evidence: ev("app.py", 3, "app = Flask(...) at module level"),
        },
      ],
    },
  ],
  [
    "poetry-nolock",
    {
      meta: {
        name: "poetry-nolock",
        version: "0.1.0",
        buildNeeds: [],
        scripts: {},
        evidence: ev("pyproject.toml", 2, "name from [tool.poetry]"),
      },
      dependencies: {
        install: {
          tool: "poetry",
          strategy: "pyproject",
          files: ["pyproject.toml"],
          installProject: false,
          evidence: ev(
            "pyproject.toml",
            10,
            "dependencies declared in [tool.poetry.dependencies] (no lock file)",
          ),
          resolved: {
            lines: ["flask>=3.1,<4.0", "gunicorn>=23.0,<23.1"],
            source: { file: "pyproject.toml", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
            hashed: false,
          },
        },
        requirements: [
          req(
            "flask>=3.1,<4.0",
            "flask",
            ev("pyproject.toml", 10, "listed in [tool.poetry.dependencies]"),
          ),
          req(
            "gunicorn>=23.0,<23.1",
            "gunicorn",
            ev("pyproject.toml", 11, "listed in [tool.poetry.dependencies]"),
          ),
        ],
        ignored: [],
      },
      python: {
        version: "3.13",
        constraint: "^3.11",
        ranges: [">=3.11,<4.0"],
        evidence: ev("pyproject.toml", 9, "Poetry python ^3.11 allows pyship's default 3.13"),
      },
      entrypoints: [
        {
          framework: "flask",
          app: "app:app",
          kind: "wsgi",
          evidence: ev("app.py", 3, "app = Flask(...) at module level"),
        },
      ],
      warnings: [
        {
          code: "POETRY_NO_LOCK",
          message:
            "no poetry.lock: pip resolves the versions at build time; run `poetry lock` for reproducible builds",
          file: "pyproject.toml",
        },
      ],
    },
  ],
  [
    "procfile",
    {
      meta: unnamed("procfile"),
      dependencies: {
        install: {
          tool: "pip",
          strategy: "requirements",
          files: ["requirements.txt"],
          installProject: false,
          evidence: ev("requirements.txt", null, "pip installs requirements.txt"),
        },
        requirements: [
          req("flask==3.1.3", "flask", ev("requirements.txt", 1, "listed in requirements.txt")),
          req(
            "gunicorn==27.0.1",
            "gunicorn",
            ev("requirements.txt", 2, "listed in requirements.txt"),
          ),
        ],
        ignored: [],
      },
      entrypoints: [
        {
          framework: "flask",
          app: "hello:app",
          kind: "wsgi",
          evidence: ev("hello.py", 3, "app = Flask(...) at module level"),
        },
      ],
      procfile: {
        web: ["gunicorn", "--workers", "2", "--bind", "0.0.0.0:$PORT", "hello:app"],
        raw: "gunicorn --workers 2 --bind 0.0.0.0:$PORT hello:app",
        evidence: ev("Procfile", 1, "web: process in Procfile"),
      },
    },
  ],
  [
    "pyship-config",
    {
      meta: {
        name: "pyship-config",
        version: "0.3.0",
        buildNeeds: [],
        scripts: {},
        evidence: ev("pyproject.toml", 2, "name from [project]"),
      },
      dependencies: {
        install: {
          tool: "pip",
          strategy: "pyproject",
          files: ["pyproject.toml"],
          installProject: false,
          evidence: ev(
            "pyproject.toml",
            6,
            "dependencies declared in [project].dependencies (no lock file)",
          ),
        },
        requirements: [
          req("flask==3.1.3", "flask", ev("pyproject.toml", 6, "listed in [project].dependencies")),
          req(
            "gunicorn==23.0.0",
            "gunicorn",
            ev("pyproject.toml", 7, "listed in [project].dependencies"),
          ),
        ],
        ignored: [],
      },
      python: {
        version: "3.13",
        constraint: ">=3.11",
        ranges: [">=3.11"],
        evidence: ev("pyproject.toml", 4, "requires-python >=3.11 allows pyship's default 3.13"),
      },
      entrypoints: [
        {
          framework: "flask",
          app: "site_app:app",
          kind: "wsgi",
          evidence: ev("site_app.py", 3, "app = Flask(...) at module level"),
        },
      ],
      config: {
        command: ["gunicorn", "--workers", "2", "--bind", "0.0.0.0:9000", "site_app:app"],
        port: 9000,
        apt: { build: [], runtime: ["curl"] },
        user: { name: "web", uid: 10001 },
        source: ev("pyproject.toml", 10, "[tool.pyship]"),
      },
    },
  ],
  [
    "requirements-split",
    {
      meta: unnamed("requirements-split"),
      dependencies: {
        install: {
          tool: "pip",
          strategy: "requirements",
          files: ["requirements/prod.txt", "requirements/base.txt"],
          installProject: false,
          evidence: ev(
            "requirements/prod.txt",
            null,
            "pip installs requirements/prod.txt (with requirements/base.txt): its name marks it as the production requirements",
          ),
        },
        requirements: [
          req(
            "flask==3.1.3",
            "flask",
            ev("requirements/base.txt", 2, "listed in requirements/base.txt"),
          ),
          req(
            "gunicorn==23.0.0",
            "gunicorn",
            ev("requirements/prod.txt", 2, "listed in requirements/prod.txt"),
          ),
        ],
        ignored: [
          ev(
            "requirements/dev.txt",
            null,
            'not used: "dev" requirements are not installed in the image',
          ),
        ],
      },
      python: {
        version: "3.12",
        constraint: "3.12",
        evidence: ev(".python-version", 1, ".python-version pins 3.12"),
      },
      entrypoints: [
        {
          framework: "flask",
          app: "app:app",
          kind: "wsgi",
          evidence: ev("app.py", 3, "app = Flask(...) at module level"),
        },
      ],
    },
  ],
  [
    "runtime-txt",
    {
      meta: unnamed("runtime-txt"),
      dependencies: {
        install: {
          tool: "pip",
          strategy: "requirements",
          files: ["requirements.txt"],
          installProject: false,
          evidence: ev("requirements.txt", null, "pip installs requirements.txt"),
        },
        requirements: [
          req("flask==3.1.3", "flask", ev("requirements.txt", 1, "listed in requirements.txt")),
          req(
            "gunicorn==23.0.0",
            "gunicorn",
            ev("requirements.txt", 2, "listed in requirements.txt"),
          ),
        ],
        ignored: [],
      },
      python: {
        version: "3.10",
        constraint: "3.10.14",
        evidence: ev("runtime.txt", 1, "runtime.txt pins 3.10.14"),
      },
      entrypoints: [
        {
          framework: "flask",
          app: "app:app",
          kind: "wsgi",
          evidence: ev("app.py", 3, "app = Flask(...) at module level"),
        },
      ],
    },
  ],
  [
    "setup-py",
    {
      meta: {
        name: "legacyapp",
        version: "2.0.0",
        buildNeeds: [],
        scripts: {},
        evidence: ev("setup.py", 4, "name= in setup.py"),
      },
      dependencies: {
        install: {
          tool: "pip",
          strategy: "setup-py",
          files: ["setup.py"],
          installProject: true,
          evidence: ev(
            "setup.py",
            9,
            "a setuptools package (setup.py): pip installs the project and its install_requires; installs the project too (setup.py makes the project a package: pip install .)",
          ),
        },
        requirements: [
          req("flask==3.1.3", "flask", ev("setup.py", 9, "listed in setup.py install_requires")),
          req(
            "gunicorn==23.0.0",
            "gunicorn",
            ev("setup.py", 10, "listed in setup.py install_requires"),
          ),
        ],
        ignored: [],
      },
      python: {
        version: "3.13",
        constraint: ">=3.9",
        ranges: [">=3.9"],
        evidence: ev("setup.py", 7, "python_requires >=3.9 allows pyship's default 3.13"),
      },
      entrypoints: [
        {
          framework: "flask",
          app: "legacyapp:app",
          kind: "wsgi",
          evidence: ev("legacyapp/__init__.py", 3, "app = Flask(...) at module level"),
        },
      ],
    },
  ],
  [
    "streamlit-app",
    {
      meta: unnamed("streamlit-app"),
      dependencies: {
        install: {
          tool: "pip",
          strategy: "requirements",
          files: ["requirements.txt"],
          installProject: false,
          evidence: ev("requirements.txt", null, "pip installs requirements.txt"),
        },
        requirements: [
          req(
            "streamlit==1.67.0",
            "streamlit",
            ev("requirements.txt", 1, "listed in requirements.txt"),
          ),
        ],
        ignored: [],
      },
      entrypoints: [
        {
          framework: "streamlit",
          app: "dashboard.py",
          kind: "streamlit",
          evidence: ev(
            "dashboard.py",
            3,
            "imports streamlit (as st) and runs it at module level (line 5)",
          ),
        },
      ],
    },
  ],
  [
    "uv-lock",
    {
      meta: {
        name: "uv-lock",
        version: "0.1.0",
        buildNeeds: [],
        scripts: {},
        evidence: ev("pyproject.toml", 2, "name from [project]"),
      },
      dependencies: {
        install: {
          tool: "uv",
          strategy: "uv-lock",
          files: ["pyproject.toml", "uv.lock"],
          installProject: false,
          evidence: ev(
            "uv.lock",
            null,
            "uv.lock pins every version: pyship reads it and pip installs exactly what was tested, hashes checked",
          ),
          resolved: pinnedFrom("uv.lock"),
        },
        requirements: [
          req(
            "fastapi==0.115.6",
            "fastapi",
            ev("pyproject.toml", 6, "listed in [project].dependencies"),
          ),
          req(
            "uvicorn==0.34.0",
            "uvicorn",
            ev("pyproject.toml", 7, "listed in [project].dependencies"),
          ),
          req(
            "pydantic==2.14.3",
            "pydantic",
            ev("uv.lock", 105, "pinned in uv.lock (pulled in by another package)"),
          ),
          req(
            "starlette==0.41.3",
            "starlette",
            ev("uv.lock", 281, "pinned in uv.lock (pulled in by another package)"),
          ),
          req(
            "typing-extensions==4.16.0",
            "typing-extensions",
            ev("uv.lock", 293, "pinned in uv.lock (pulled in by another package)"),
          ),
          req(
            "click==8.5.1",
            "click",
            ev("uv.lock", 28, "pinned in uv.lock (pulled in by another package)"),
          ),
          req(
            "h11==0.16.0",
            "h11",
            ev("uv.lock", 60, "pinned in uv.lock (pulled in by another package)"),
          ),
          req(
            "annotated-types==0.8.0",
            "annotated-types",
            ev("uv.lock", 6, "pinned in uv.lock (pulled in by another package)"),
          ),
          req(
            "pydantic-core==2.50.4",
            "pydantic-core",
            ev("uv.lock", 120, "pinned in uv.lock (pulled in by another package)"),
          ),
          req(
            "typing-inspection==0.4.5",
            "typing-inspection",
            ev("uv.lock", 302, "pinned in uv.lock (pulled in by another package)"),
          ),
          req(
            "anyio==4.16.0",
            "anyio",
            ev("uv.lock", 15, "pinned in uv.lock (pulled in by another package)"),
          ),
          req(
            "idna==3.20",
            "idna",
            ev("uv.lock", 69, "pinned in uv.lock (pulled in by another package)"),
          ),
        ],
        ignored: [],
      },
      python: {
        version: "3.13",
        constraint: ">=3.11",
        ranges: [">=3.11"],
        evidence: ev("pyproject.toml", 4, "requires-python >=3.11 allows pyship's default 3.13"),
      },
      entrypoints: [
        {
          framework: "fastapi",
          app: "main:app",
          kind: "asgi",
          evidence: ev("main.py", 3, "app = FastAPI(...) at module level"),
        },
      ],
    },
  ],
  [
    "worker-script",
    {
      meta: unnamed("worker-script"),
      dependencies: {
        install: {
          tool: "pip",
          strategy: "none",
          files: [],
          installProject: false,
          evidence: ev(".", null, "no dependency manifest declares any package"),
        },
        requirements: [],
        ignored: [ev("requirements.txt", null, "lists no packages")],
      },
      entrypoints: [
        {
          framework: "script",
          app: "worker.py",
          kind: "script",
          evidence: ev("worker.py", 19, 'if __name__ == "__main__": block at module level'),
          runs: {
            until: "stopped",
            evidence: ev("worker.py", 14, "keeps running: a `while True` loop"),
          },
        },
      ],
    },
  ],
];

describe("detectProject on every fixture", () => {
  it.each(TABLE)("%s", (name, expected) => {
    const facts = withoutLockedFiles(detectProject(`${FIXTURES}${name}`));
    expect({ ...facts, root: facts.root.replace(FIXTURES, "<fixtures>/") }).toStrictEqual({
      root: `<fixtures>/${name}`,
      ...withDefaults(expected),
    });
  });

  it.each([
    ["broken-toml", "E_PARSE", "pyproject.toml", 6],
    ["broken-requirements", "E_PARSE", "requirements.txt", 3],
    ["broken-pipfile", "E_PARSE", "Pipfile", 7],
    ["broken-procfile", "E_PARSE", "Procfile", 1],
    ["unknown-config-key", "E_CONFIG", "pyproject.toml", 8],
  ])("%s fails with %s at %s:%i", (name, code, file, line) => {
    expect(() => detectProject(`${FIXTURES}${name}`)).toThrowError(
      expect.objectContaining({ code, file, line }),
    );
  });
});
