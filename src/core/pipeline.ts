/*
 * The whole pyship flow, as the types that pass between stages. Read this file first.
 *
 *   project dir ──detect──▶ ProjectFacts ──plan──▶ Plan ──render──▶ RenderedFiles ──write──▶ WriteResult
 *                                                   │
 *                                                   └──build──▶ BuildResult ──verify──▶ VerifyReport
 *
 *   git HEAD + project ──release──▶ ReleaseVersion ─▶ TagPlan ─(build, verify)─▶ ReleaseImage
 *                                        ─▶ TagOutcome per tag (push / skip / refuse) ─▶ ReleaseResult
 *
 *   any Dockerfile ──lint──▶ LintReport
 *
 *   ProjectFacts + Plan ──compose──▶ ComposePlan ──render──▶ RenderedFiles (compose.yaml, .env.compose)
 *                                        └──verify --compose──▶ ComposeReport
 *
 *   project dir + git ──ci──▶ CiPlan ──render──▶ RenderedFiles (a workflow / .gitlab-ci.yml) ──write──▶
 *
 * Every stage is a function of the previous stage's value (plus injected ports for the
 * file system and processes). Only src/cli prints or exits; stages return values or throw a
 * PyshipError (src/core/errors.ts).
 */
import type { Message, Params } from "../i18n/message.js";

/** Why pyship believes something: the file and line that convinced it. */
export interface Evidence {
  /** Path relative to the project root, POSIX separators. */
  readonly file: string;
  /** 1-based line, or null when the fact comes from the file as a whole (or a flag). */
  readonly line: number | null;
  readonly why: string;
  /** `why` as a catalog message, for `pyship plan` (shown only while it still says `why`). */
  readonly text?: Message;
}

export interface Warning {
  readonly code: string;
  /** English (what --json prints); `text` is the same as a catalog message, when it has one. */
  readonly message: string;
  readonly text?: Message;
  readonly file?: string;
  readonly line?: number;
}

export type Framework =
  | "flask"
  | "fastapi"
  | "starlette"
  | "django"
  | "streamlit"
  | "celery"
  | "quart"
  | "sanic"
  | "aiohttp"
  | "bottle"
  | "falcon"
  | "litestar"
  | "dash"
  | "gradio"
  | "panel"
  | "shiny"
  | "pyramid"
  | "script"
  | "unknown";

// ─── detect ────────────────────────────────────────────────────────────────

/** A dependency as the project declares it, normalized (PEP 503 name, lower-case). */
export interface Requirement {
  readonly name: string;
  /** The raw PEP 508 text as written, e.g. `flask>=3,<4`. */
  readonly spec: string;
  readonly evidence: Evidence;
}

export type InstallTool = "pip" | "uv" | "poetry" | "pipenv" | "pdm";

/** What fills the venv from requirements: uv by default, pip when the user asks for it. */
export type Installer = "uv" | "pip";

/**
 * Where the user's pip finds packages (pip.conf / pip.ini and PIP_* variables), as plain data
 * for the build (src/detect/index-settings.ts). Never holds credentials: a URL with
 * `user:pass@` is refused before it gets here.
 */
export interface IndexSettings {
  /** pip's index-url (replaces PyPI), or null for PyPI. */
  readonly indexUrl: string | null;
  readonly extraIndexUrls: readonly string[];
  /** pip's trusted-host: hosts whose TLS certificate is not checked. */
  readonly trustedHosts: readonly string[];
  /** Where each setting came from (file and line, or the variable). */
  readonly evidence: readonly Evidence[];
  /** Settings that cannot reach the build (a file:// index, a CA file on this machine). */
  readonly warnings: readonly Warning[];
  /**
   * user:password@ taken out of the URLs above, by host. Never part of the Plan: they reach
   * the build only as a BuildKit secret (src/mirror/index-secret.ts).
   */
  readonly credentials?: readonly IndexCredential[];
}

export interface IndexCredential {
  /** The index's host name (what netrc's `machine` matches). */
  readonly host: string;
  readonly username: string;
  readonly password: string;
  readonly evidence: Evidence;
}

/**
 * How dependencies get into the image. One strategy is chosen from all the manifests
 * found (a lock file beats a loose manifest).
 */
export interface InstallFacts {
  readonly tool: InstallTool;
  /**
   * requirements: pip -r FILES; pyproject: deps read from [project] at build time (Poetry's
   * tables are read by pyship, see `resolved`); poetry-lock / uv-lock / pipfile-lock /
   * pdm-lock: pyship reads the lock (a Pipfile alone for pipfile-lock) into `resolved`;
   * setup-py: `pip install .` of a setuptools project; imports: no manifest, requirements
   * inferred from the imports; none: nothing to install.
   */
  readonly strategy:
    | "requirements"
    | "pyproject"
    | "poetry-lock"
    | "uv-lock"
    | "pipfile-lock"
    | "pdm-lock"
    | "setup-py"
    | "imports"
    | "none";
  /** Files the dependency layer needs, copied before the application code. */
  readonly files: readonly string[];
  /** True when the project itself is a package to install (src layout, console scripts). */
  readonly installProject: boolean;
  readonly evidence: Evidence;
  /** Set when pyship works the requirements out itself (imports, locks): pip installs these. */
  readonly resolved?: ResolvedRequirements;
  /**
   * A requirements line that installs the project itself (`-e .`): the dependency layer
   * runs before the code is there, so it leaves that line out, and installs the project's
   * own requirements (`projectRequirements`) beside the file's; the project follows the code.
   */
  readonly selfLine?: { readonly file: string; readonly line: number };
  /**
   * setup.py/setup.cfg install_requires, as written, when a `-e .` line asks for them;
   * undefined when setup.py computes them (the project then installs with its dependencies).
   */
  readonly projectRequirements?: readonly string[];
}

/**
 * Requirements pyship works out itself instead of running a project tool in the image:
 * inferred from imports (unpinned), or read from a lock file (pinned, hashed where it can).
 */
export interface ResolvedRequirements {
  /** pip requirement lines: `Flask`, `flask==3.0.3 ; python_version >= "3.8" --hash=sha256:…`. */
  readonly lines: readonly string[];
  /** The lock the lines come from and its sha256 (the build checks it is unchanged), or null. */
  readonly source: { readonly file: string; readonly sha256: string } | null;
  /** Every line carries --hash: pip installs with --require-hashes. */
  readonly hashed: boolean;
}

export interface DependencyFacts {
  readonly install: InstallFacts;
  /** Every runtime requirement found, for server detection and system-package lookup. */
  readonly requirements: readonly Requirement[];
  /** Manifests seen but not chosen, with why (e.g. dev requirements). */
  readonly ignored: readonly Evidence[];
  /**
   * The files a lock lists for each release it pins (Poetry, PDM and uv locks name every
   * wheel): which Python each compiled package has wheels for, known without asking the index.
   */
  readonly lockedFiles?: readonly LockedRelease[];
  /**
   * Pinned releases that ship wheels but none for the chosen Python on Linux: pip compiles
   * them from source, so the builder stage needs a compiler (set by the era step).
   */
  readonly sourceBuilds?: readonly SourceBuild[];
}

/** One release a lock pins, with the files the lock lists for it. */
export interface LockedRelease {
  readonly name: string;
  readonly version: string;
  readonly files: readonly LockedFile[];
}

/** A distribution file, as the index's JSON simple API describes it. */
export interface LockedFile {
  readonly filename: string;
  readonly requiresPython: string | null;
  /** ISO 8601, or null when unknown. */
  readonly uploadTime: string | null;
}

export interface SourceBuild {
  /** Normalized name, e.g. `cffi`. */
  readonly name: string;
  readonly version: string;
  readonly evidence: Evidence;
}

export interface PythonFacts {
  /** "3.12" — major.minor chosen. */
  readonly version: string;
  /** Raw constraint found, e.g. ">=3.10,<3.13", or null. */
  readonly constraint: string | null;
  /**
   * Set when the constraint is a range (requires-python, Poetry's python): its PEP 440
   * alternatives (Poetry's `^3.11` → `>=3.11,<4.0`). Absent for a pin (.python-version).
   */
  readonly ranges?: readonly string[];
  readonly evidence: Evidence;
}

export interface ProjectMeta {
  /** Docker-safe project name (lower-case, [a-z0-9._-]). */
  readonly name: string;
  readonly version: string | null;
  /** Files a pyproject names that the build needs (readme, license) — never dockerignored. */
  readonly buildNeeds: readonly string[];
  /** [project.scripts] / [tool.poetry.scripts]: name → "module:function". */
  readonly scripts: Readonly<Record<string, string>>;
  readonly evidence: Evidence;
}

/** An environment variable the app needs to start the way it was detected. */
export interface EnvSetting {
  readonly name: string;
  readonly value: string;
  readonly evidence: Evidence;
}

/** One runnable thing found in the code. */
export interface EntrypointCandidate {
  readonly framework: Framework;
  /**
   * Import target: `shop:create_app()` (WSGI/ASGI), `app.py` (streamlit/script), `tasks`
   * (celery); relative to `root` when there is one.
   */
  readonly app: string;
  /**
   * WSGI, ASGI or neither: decides the server. server-script / server-console-script: a
   * script or console script that starts an HTTP server itself; panel: a `.servable()` file; shiny: a Shiny app file.
   */
  readonly kind:
    | "wsgi"
    | "asgi"
    | "streamlit"
    | "panel"
    | "shiny"
    | "celery"
    | "script"
    | "console-script"
    | "server-script"
    | "server-console-script";
  readonly evidence: Evidence;
  /** How a script that serves HTTP itself listens, when it does. */
  readonly serves?: ServingFacts;
  /** Parameters a factory requires, which no server passes (`init(conf)`): a poor candidate. */
  readonly needs?: readonly string[];
  /**
   * The directory (relative, POSIX) the app's own absolute imports resolve from, when it is
   * not the project root (`src/`, `backend/`): the process runs from there.
   */
  readonly root?: string;
  /**
   * A PasteDeploy ini gunicorn loads the app from (`--paste production.ini`): a Pyramid
   * factory needs the ini's settings, so no server can import it by name.
   */
  readonly paste?: string;
  /** A server config file in `root` the command must read (`gunicorn -c gunicorn.conf.py`). */
  readonly serverConfig?: string;
  /** Settings the app needs in its environment (e.g. DJANGO_SETTINGS_MODULE), each with why. */
  readonly env?: readonly EnvSetting[];
  /** For scripts: whether the code keeps running (a loop, a bot) or does its work and exits. */
  readonly runs?: { readonly until: "stopped" | "done"; readonly evidence: Evidence };
}

/**
 * What a script's own server call listens on, and what the command needs so that it listens
 * on 0.0.0.0:$PORT. `$PORT` in args and env values stands for the planned port.
 */
export interface ServingFacts {
  readonly port: number | null;
  /** Arguments appended to the command, e.g. `--host 0.0.0.0` for an argparse default. */
  readonly args: readonly string[];
  /** Environment the server reads, e.g. GRADIO_SERVER_NAME=0.0.0.0. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * The server function whose host and port the command forces (keywords `host`/`port` set
   * to 0.0.0.0 and $PORT around the script's own call), when the script passes values no
   * argument or variable can change: read from a config file, or loopback.
   */
  readonly bind?: ForcedBind;
  readonly evidence: Evidence;
}

export interface ForcedBind {
  /** Qualified server function, `aiohttp.web.run_app`. */
  readonly function: string;
  readonly hostKeyword: string;
  readonly portKeyword: string;
  /** The script's import name when it sits in a package (`moderator.main`): run as a module. */
  readonly module: string | null;
}

/**
 * A command line with shell syntax (`a; b`, `cd src && …`, `FOO=1 cmd`, `$VAR`), run as
 * `/bin/sh -c script` the way the platforms that read Procfiles run it (src/detect/shell-line.ts).
 */
/**
 * A written command run through `/bin/sh -c`: it reads `$PORT` when the container starts
 * ("port": one command, exec'd) or it is a shell command list ("list", run as the platforms
 * run Procfiles). Render and the build's checks read this instead of the script's text.
 */
export interface PlannedShell {
  readonly reason: "port" | "list";
  /** The script expands `$PORT`: the health check reads the port set at start too. */
  readonly readsPort: boolean;
  /** The program the shell execs last (PID 1), or null when the last command is not exec'd. */
  readonly program: string | null;
}

export interface ShellCommand {
  /** `set -e; <earlier steps>; exec <last command>`. */
  readonly script: string;
  /** argv of the last command, the long-running process (its server decides port and signals). */
  readonly last: readonly string[];
  /** False when the last command is piped or backgrounded, so it cannot replace the shell. */
  readonly execd: boolean;
}

export interface ProcfileFacts {
  /**
   * The web: command split into argv (shell words), `$PORT` left as written; for a line
   * that needs a shell, the argv of its last command (the server).
   */
  readonly web: readonly string[] | null;
  /** The web: command exactly as written. */
  readonly raw: string | null;
  /** Present when the line needs a shell: the script `/bin/sh -c` runs. */
  readonly shell?: ShellCommand;
  readonly evidence: Evidence;
}

export interface PortFacts {
  readonly port: number;
  readonly evidence: Evidence;
}

/** `[tool.pyship]` / pyship.toml, validated. Every key optional. */
export interface PyshipConfig {
  /** The command's argv; for a string with shell syntax, the argv of its last command. */
  readonly command?: readonly string[];
  /** Present when `command` was a string with shell syntax (see ShellCommand). */
  readonly commandShell?: ShellCommand;
  readonly port?: number;
  readonly python?: string;
  readonly baseImage?: string;
  readonly installer?: Installer;
  readonly apt?: { readonly build: readonly string[]; readonly runtime: readonly string[] };
  readonly user?: { readonly name: string; readonly uid: number };
  /** `mirror = "tuna"` (a preset, a PyPI simple URL, or "off"), unchecked until planned. */
  readonly mirror?: string;
  /** `apt-mirror = "http://…/debian"`: the Debian mirror apt uses in the build. */
  readonly aptMirror?: string;
  /** `base-registry = "docker.m.daocloud.io"`: where FROM pulls Docker Hub images from. */
  readonly baseRegistry?: string;
  /** `cjk-fonts = true`: a CJK font in the final image (matplotlib's Chinese labels). */
  readonly cjkFonts?: boolean;
  /** `init-db = false`: never create a SQLite database at build time. */
  readonly initDb?: boolean;
  readonly source: Evidence | null;
}

/** A command the project ships that creates its tables (src/detect/app/database-init.ts). */
export interface InitCommandFact {
  /**
   * `framework-cli`: words for the app's framework CLI (`flask --app M init-db`, Flask-Migrate's
   * `db upgrade`); `console-script`: a script the installed project provides; `program`: one a
   * dependency installs (`alembic`), run the same way.
   */
  readonly kind: "framework-cli" | "console-script" | "program";
  readonly words: readonly string[];
  /** A second command, run after it (Pyramid's initialize script fills Alembic's tables). */
  readonly followedBy?: readonly string[];
  readonly evidence: Evidence;
  /** One of its options asks for input (an admin's password): never run unattended. */
  readonly prompts: boolean;
}

export interface DatabaseInitFacts {
  /** In the order they are preferred: Flask-Migrate's, console scripts, CLI commands. */
  readonly commands: readonly InitCommandFact[];
  /** Where the code opens a SQLite file, or null when it shows none. */
  readonly sqlite: Evidence | null;
  /** Variables its configuration cannot load without; absent when there are none. */
  readonly requiredEnv?: readonly { readonly name: string; readonly evidence: Evidence }[];
}

/** What a Django project's settings say about running in a container (read-django-settings.ts). */
export interface DjangoFacts {
  /** The settings module the server imports (wsgi.py's DJANGO_SETTINGS_MODULE). */
  readonly settings: string;
  readonly settingsFile: string;
  /** manage.py, relative to the root, or null when there is none. */
  readonly manage: string | null;
  /** Where STATIC_ROOT is set, or null. */
  readonly staticRoot: Evidence | null;
  /** `django.contrib.staticfiles` is installed. */
  readonly staticfiles: boolean;
  /** Where WhiteNoiseMiddleware is added, or null: then the app serves no static files. */
  readonly whitenoise: Evidence | null;
  /** DEBUG when the settings set it to a literal True/False; null when computed. */
  readonly debug: boolean | null;
  /** ALLOWED_HOSTS when a literal list of strings (hosts null when computed), and where. */
  readonly allowedHosts: {
    readonly hosts: readonly string[] | null;
    readonly evidence: Evidence;
    /** The variable a computed list is read from, and what the code splits it on (null: one host). */
    readonly env?: { readonly name: string; readonly separator: string | null };
  } | null;
  /** The environment variable SECRET_KEY is read from, or null when it is not read from one. */
  readonly secretKeyEnv: string | null;
  /** A `migrations/` package exists: the database needs `migrate` before the app works. */
  readonly migrations: boolean;
  /** Where DATABASES is set, when the server's settings end with a SQLite file; absent otherwise. */
  readonly sqlite?: Evidence;
  /**
   * Variables the settings cannot import without (no default, no guard), each where it is
   * read; absent when there are none. collectstatic gets build-only placeholders for them.
   */
  readonly requiredEnv?: readonly { readonly name: string; readonly evidence: Evidence }[];
}

export interface ProjectFacts {
  /** Absolute path of the project directory. */
  readonly root: string;
  readonly meta: ProjectMeta;
  readonly dependencies: DependencyFacts;
  readonly python: PythonFacts;
  /** Every candidate found, best first; the plan picks one or asks. */
  readonly entrypoints: readonly EntrypointCandidate[];
  readonly procfile: ProcfileFacts | null;
  readonly port: PortFacts | null;
  readonly config: PyshipConfig;
  /** Present only for Django projects whose settings module was found. */
  readonly django?: DjangoFacts;
  /** The text of the project's own .dockerignore, when it has one. */
  readonly ownDockerignore?: string;
  /** Present when the project ships a command that creates its tables. */
  readonly databaseInit?: DatabaseInitFacts;
  /** Present when an example environment file gives what the code cannot start without. */
  readonly envTemplate?: EnvTemplateFacts;
  /**
   * Present when the app's code creates a server that keeps each client's session in its
   * process (Flask-SocketIO): pyship's server then runs one worker (sessions-in-process.ts).
   */
  readonly sessionsInProcess?: { readonly library: string; readonly evidence: Evidence };
  /** Where an ASGI app routes WebSockets (serves-websockets.ts); absent when it does not. */
  readonly websockets?: Evidence;
  /**
   * A Django ASGI module's import of the project's code before Django is set up
   * (django-asgi-order.ts): pyship's own module sets Django up first.
   */
  readonly djangoImportsEarly?: Evidence;
  readonly warnings: readonly Warning[];
}

/**
 * The project's example environment (`.env.example`: what its README says to copy to `.env`),
 * for the variables the app's code reads with no default. Its values are public (committed);
 * a real `.env` is never read, so no secret reaches the plan.
 */
export interface EnvTemplateFacts {
  readonly file: string;
  readonly provides: readonly {
    readonly name: string;
    readonly value: string;
    /** The template's line. */
    readonly evidence: Evidence;
    /** Where the code reads it without a default. */
    readonly readAt: Evidence;
  }[];
}

// ─── plan ──────────────────────────────────────────────────────────────────

/** Command-line choices that override config and detection. */
export interface PlanOptions {
  readonly python?: string;
  readonly baseImage?: string;
  /** Chosen entrypoint when several candidates remain (the `app` string of one). */
  readonly app?: string;
  /** Whether the target engine supports BuildKit-only syntax (cache mounts). */
  readonly buildkit?: boolean;
  /**
   * false when the engine has cache mounts but cannot bind-mount another stage's files
   * (`RUN --mount=type=bind,from=…`: podman 4.3's buildah finds the stage's folder empty).
   */
  readonly stageMounts?: boolean;
  /** `init --write-requirements`: inferred requirements are written to requirements.txt. */
  readonly writeRequirements?: boolean;
  /** Install the newest releases on or before this day (YYYY-MM-DD; `auto` is resolved by the CLI). */
  readonly resolveDate?: string;
  /** Repairs found by a failed build or verify (`pyship build`), applied on top of the plan's own. */
  readonly repairs?: readonly Repair[];
  /** `--installer`: overrides [tool.pyship] installer and the default (uv). */
  readonly installer?: Installer;
  /** The user's pip index settings, read by the CLI from this machine (none when absent). */
  readonly index?: IndexSettings;
  /** `--tz`: the container's time zone (an IANA name), set as ENV TZ in the final stage. */
  readonly tz?: string;
  /** `--cjk-fonts`: a CJK font package in the final stage (overrides [tool.pyship] cjk-fonts). */
  readonly cjkFonts?: boolean;
  /** The language the user reads pyship in; only hints depend on it, never the Dockerfile. */
  readonly locale?: "en" | "zh-CN" | "zh-TW";
  /** `--mirror`: a preset name, a PyPI simple URL, or off (overrides [tool.pyship] mirror). */
  readonly mirror?: string;
  /** `--apt-mirror`: a Debian mirror URL (overrides the preset's and [tool.pyship] apt-mirror). */
  readonly aptMirror?: string;
  /** `--base-registry`: a registry host (and path) that serves Docker Hub's images. */
  readonly baseRegistry?: string;
}

/**
 * Where the build fetches from instead of PyPI, Debian and Docker Hub (src/mirror). Rendered
 * as build arguments with empty defaults (the Dockerfile builds anywhere); `pyship build`
 * passes these values (mirror-build-args.ts).
 */
export interface MirrorPlan {
  /** The preset's name, or null for a URL of the user's. */
  readonly preset: string | null;
  /** PyPI simple index, or null: the index stays as it is. */
  readonly indexUrl: string | null;
  /** Replaces the Debian mirror of the base image's apt sources, or null. */
  readonly aptMirror: string | null;
  /** Registry (host and optional path) that serves Docker Hub's images to FROM, or null. */
  readonly baseRegistry: string | null;
  /** What is known to go wrong with the preset, or null. */
  readonly pitfalls: string | null;
}

/**
 * A known breakage the plan works around, never silently: the packages it adds to the
 * install (and the Python it needs, if any), why, and what showed it (a pin, a build log).
 */
export interface Repair {
  readonly id: string;
  /** pip specs installed after the project's own requirements. */
  readonly packages: readonly string[];
  /** Newest Python minor the repair needs, when it is a Python limit. */
  readonly python?: string;
  /** Debian packages it adds (build stage / final stage), when a native build needs them. */
  readonly apt?: { readonly build: readonly string[]; readonly runtime: readonly string[] };
  /** Install the requirements as they resolved on this day (YYYY-MM-DD), like --resolve-date. */
  readonly resolveDate?: string;
  /** Constraints for sdist builds only (`setuptools<46` for a setup.py that imports Feature). */
  readonly buildConstraints?: readonly string[];
  readonly why: string;
  /** `why` as a catalog message, when it has one. */
  readonly text?: Message;
  readonly evidence: Evidence;
}

export interface Stage {
  readonly name: "builder" | "runtime";
  readonly purpose: string;
}

/**
 * Every decision pyship made, as plain serializable data (`pyship plan --json`).
 * The Dockerfile is a pure function of this object. Keys are documented in README.md.
 */
export interface Plan {
  readonly schemaVersion: 1;
  readonly project: { readonly name: string; readonly version: string | null };
  readonly python: string;
  readonly baseImage: string;
  readonly install: InstallFacts & {
    /** Packages pyship adds because the command needs them (e.g. gunicorn), with why. */
    readonly extraPackages: readonly string[];
    /**
     * Where render writes `resolved.lines` (next to the Dockerfile) for the install to read,
     * or null: resolved lines (if any) are installed inline.
     */
    readonly generatedFile?: string | null;
    /** Releases newer than this day (YYYY-MM-DD) are not installed (`--resolve-date`). */
    readonly resolveDate?: string;
    /**
     * Constraints for the isolated environments pip and uv build sdists in (a repair's
     * `setuptools<46`), absent when there are none: they never constrain the app's own install.
     */
    readonly buildConstraints?: readonly string[];
    /**
     * Lines of a requirements file naming a Windows-only distribution without a marker (a
     * `pip freeze` from Windows): the dependency layer's copy loses them (windows-only.ts).
     */
    readonly windowsOnly?: readonly {
      readonly name: string;
      readonly file: string;
      readonly line: number;
    }[];
  };
  readonly framework: Framework;
  readonly app: string | null;
  /** Exactly what CMD will be (exec form). */
  readonly command: readonly string[];
  /** Directory in the image the command runs from, when not /app (the app's importable root). */
  readonly workdir?: string;
  /**
   * Environment the app needs (ENV in the final stage), when any: settings such as
   * DJANGO_SETTINGS_MODULE, and what a server reads for its host and port (GRADIO_SERVER_NAME).
   */
  readonly env?: Readonly<Record<string, string>>;
  readonly commandSource: "procfile" | "config" | "detected";
  /**
   * pyship's settings for the server it starts itself (gunicorn, uvicorn), sized to the
   * container's CPUs when it starts; absent for written commands and other servers.
   */
  readonly server?: ServerPlan;
  /** Why `command` is `/bin/sh -c …`, when it is (a written command's shell, decided in plan). */
  readonly shell?: PlannedShell;
  /**
   * web: serves HTTP on `port`; worker: runs until stopped (celery, a loop script);
   * script: runs to completion (console scripts). Becomes LABEL io.pyship.kind for verify.
   */
  readonly kind: "web" | "worker" | "script";
  /** STOPSIGNAL for commands that ignore SIGTERM as PID 1 (plain Python); null keeps SIGTERM. */
  readonly stopSignal: "SIGINT" | null;
  readonly port: number | null;
  readonly user: { readonly name: string; readonly uid: number };
  readonly systemPackages: {
    readonly build: readonly string[];
    readonly runtime: readonly string[];
  };
  readonly stages: readonly Stage[];
  /** HTTP path probed by HEALTHCHECK, or null when the app serves no HTTP. */
  readonly healthcheck: { readonly path: string } | null;
  /** Use BuildKit cache mounts for pip/uv (only when the engine supports them). */
  readonly buildkit: boolean;
  /** Present (false) only when the engine cannot bind-mount another stage (PlanOptions). */
  readonly stageMounts?: false;
  /**
   * The package index the build installs from, translated from the user's pip settings
   * (build arguments of the installing stage); null: PyPI, as the base image's tools see it.
   */
  readonly index: {
    readonly indexUrl: string | null;
    readonly extraIndexUrls: readonly string[];
    readonly trustedHosts: readonly string[];
    /**
     * Hosts whose credentials the build gets as the BuildKit secret `id` (a netrc file), and
     * the build argument carrying the secret's hash (a changed secret re-runs the install).
     */
    readonly secret?: { readonly id: string; readonly hosts: readonly string[] };
  } | null;
  /**
   * Django's `manage.py collectstatic` at build time (STATIC_ROOT set, staticfiles installed),
   * as the app user, with `env` set for that RUN only; null when there is nothing to collect.
   */
  readonly collectStatic: { readonly manage: string; readonly env: readonly string[] } | null;
  /**
   * The project's own command that creates its tables, run at build time because its
   * database is a SQLite file inside the image (plan-database-init.ts); absent otherwise.
   */
  readonly initDatabase?: {
    readonly argv: readonly string[];
    /** Run after argv in the same step, when the first command only made the tables. */
    readonly followedBy?: readonly string[];
    readonly evidence: Evidence;
    readonly sqlite: Evidence;
  };
  /**
   * Environment `pyship build` gives its test container (never the image): what a platform
   * sets and the settings need to accept the probe, e.g. the variable ALLOWED_HOSTS is read
   * from. Absent when there is none.
   */
  readonly verifyEnv?: readonly {
    readonly name: string;
    readonly value: string;
    readonly evidence: Evidence;
  }[];
  /** Mirrors for PyPI, Debian and the base image (`--mirror`, `--base-registry`); absent: none. */
  readonly mirror?: MirrorPlan;
  /** Paths never to send to the build (beyond the standard list), and ones that must stay. */
  readonly dockerignore: {
    readonly keep: readonly string[];
    /**
     * The project's own .dockerignore lets VCS or secrets in: pyship's Dockerfile gets
     * Dockerfile.dockerignore, its lines then `missing`, then `!exceptions` (plan-dockerignore.ts).
     */
    readonly own?: {
      readonly lines: readonly string[];
      readonly missing: readonly string[];
      readonly exceptions: readonly string[];
    };
  };
  /** Known breakages worked around (their packages are in install.extraPackages too). */
  readonly repairs: readonly Repair[];
  readonly evidence: readonly Evidence[];
  readonly warnings: readonly Warning[];
}

/**
 * A server pyship sizes at start: a file it renders next to the Dockerfile (a gunicorn config,
 * or a launcher that sets uvicorn's defaults and execs it), copied to `path` in the image.
 * Workers = min(perCpu × CPUs + plus, max), CPUs read from the container's cgroup when it
 * starts; WEB_CONCURRENCY overrides. The server binds 0.0.0.0:$PORT, read at start as well.
 */
export interface ServerPlan {
  readonly program: "gunicorn" | "uvicorn";
  /** Rendered next to the Dockerfile (relative to the project root). */
  readonly file: string;
  /** Where the image keeps it. */
  readonly path: string;
  readonly workers: { readonly perCpu: number; readonly plus: number; readonly max: number };
  /** Threads per worker (gunicorn's sync workers become gthread workers); null for async. */
  readonly threads: number | null;
  /** Seconds a stopping server lets in-flight requests finish before it closes them. */
  readonly gracefulTimeout: number;
  /** Seconds of silence after which gunicorn restarts a worker; null where not applicable. */
  readonly timeout: number | null;
  /**
   * A module of pyship's own that sets Django up, then imports the project's ASGI app
   * (plan-django-asgi.ts): uvicorn serves it when the project's asgi.py imports its code first.
   */
  readonly djangoSetup?: {
    readonly file: string;
    readonly path: string;
    /** The project's app, `core.asgi:application`. */
    readonly app: string;
    readonly settings: string;
  };
}

// ─── render / write ────────────────────────────────────────────────────────

export interface RenderedFile {
  /** Path relative to the project root. */
  readonly path: string;
  readonly content: string;
}

export type RenderedFiles = readonly RenderedFile[];

export type WriteAction = "create" | "overwrite" | "skip" | "unchanged";

export interface WriteOutcome {
  readonly path: string;
  readonly action: WriteAction;
  /** Unified diff against what is on disk (empty for unchanged). */
  readonly diff: string;
  /** Why it was skipped, e.g. "exists; pass --force to overwrite". */
  readonly reason?: string;
}

export interface WriteResult {
  readonly dryRun: boolean;
  readonly files: readonly WriteOutcome[];
}

// ─── ci ────────────────────────────────────────────────────────────────────

export type CiProvider = "github" | "gitlab";

/** What builds the image in the CI job: Docker (GitLab: docker-in-docker), or Podman/Buildah. */
export type CiEngine = "docker" | "podman";

export interface CiOptions {
  readonly provider: CiProvider;
  readonly engine: CiEngine;
}

/** Everything the CI file is a pure function of (src/ci/plan-ci.ts). */
export interface CiPlan {
  readonly provider: CiProvider;
  readonly engine: CiEngine;
  /** Absolute path of the git work tree root: CI files live there. */
  readonly repoRoot: string;
  /** The project relative to repoRoot (POSIX), `.` when it is the root: the DIR pyship gets. */
  readonly projectDir: string;
  /** The branch whose pushes build (and fill the layer cache), read from .git/HEAD. */
  readonly defaultBranch: string;
  /** The pyship release the CI job runs (`npx pyship@VERSION`), so CI runs what made the file. */
  readonly pyshipVersion: string;
  readonly evidence: readonly Evidence[];
}

// ─── build / verify ────────────────────────────────────────────────────────

export type EngineName = "buildx" | "docker-buildkit" | "docker-legacy" | "podman";

export interface EngineCapabilities {
  readonly buildkit: boolean;
  readonly cacheMounts: boolean;
  readonly buildx: boolean;
  readonly platforms: readonly string[];
}

export interface BuildResult {
  readonly engine: EngineName;
  readonly tags: readonly string[];
  readonly imageId: string;
  readonly durationMs: number;
  readonly dockerfile: string;
  readonly generated: boolean;
  readonly logFile: string | null;
}

/** warn: worth fixing, but the image works (it does not fail verification). */
export type CheckStatus = "pass" | "fail" | "warn" | "skip";

export interface VerifyCheck {
  readonly name: string;
  readonly status: CheckStatus;
  /** English (what --json prints); `note` is the same as a catalog message, when it has one. */
  readonly detail: string;
  readonly note?: Message;
  /** Measured value where there is one (ms, bytes, uid). */
  readonly value?: number;
}

/** What kind of process the image runs: decides how `verify` probes it. */
export type VerifyMode = "web" | "worker" | "script";

/** `pyship verify` flags; every key optional (read from the image when absent). */
export interface VerifyOptions {
  readonly mode?: VerifyMode;
  /** Container port to probe (web); default: the image's exposed port. */
  readonly port?: number;
  /** HTTP path to GET (web); default "/". */
  readonly path?: string;
  /** Text the HTTP body (web) or the output (worker/script) must contain. */
  readonly expect?: string;
  /** How long to wait for the app to answer or finish; default 60. */
  readonly timeoutSeconds?: number;
  /** Extra environment for the test container (`--env K=V`). */
  readonly env?: Readonly<Record<string, string>>;
  /** Where the HTTP probe runs; default: inside the container's network when the engine is remote. */
  readonly probeFrom?: "host" | "network";
}

/** A usual cause recognised in the app's log or HTTP answer (src/verify/run-failures.ts). */
export interface VerifyDiagnosis {
  /** Stable code, e.g. "missing-env", "db-not-initialised", "allowed-hosts". */
  readonly cause: string;
  readonly message: string;
  readonly hint: string;
  /** The log (or body) line that matched, or null when the HTTP status alone decided. */
  readonly line: string | null;
  /** `message` and `hint` as catalog messages, for the CLI (--json keeps the English). */
  readonly text?: Message;
  readonly hintText?: Message;
}

/** Why verification failed, when it did: the code picks the exit status. */
export interface VerifyFailure {
  readonly code: "E_CONTAINER_EXITED" | "E_PORT_TIMEOUT" | "E_VERIFY_FAILED";
  readonly message: string;
  /** `message` as a catalog message, when it has one (--json keeps the English). */
  readonly text?: Message;
  /** The container's last log lines, when they explain the failure. */
  readonly logTail: string | null;
  /** The traceback's final line (`KeyError: 'SECRET_KEY'`), when the log has one. */
  readonly lastError: string | null;
  readonly diagnosis: VerifyDiagnosis | null;
}

/** One virtualenv distribution's bytes (dist-info RECORD decides which files are whose). */
export interface PackageSize {
  readonly name: string;
  readonly bytes: number;
}

/**
 * Where an image's bytes are, from the layers `verify` already reads for secrets
 * (src/verify/image-sizes.ts). Bytes are what the layers ship: a file a later layer deletes
 * or replaces still counts, because every pull downloads it.
 */
export interface ImageSizes {
  readonly totalBytes: number;
  /** The base image's layers (outside the app and the virtualenv). */
  readonly baseBytes: number;
  /** Layers added on top of the base outside the app and virtualenv: apt packages, users. */
  readonly systemBytes: number;
  /** The virtualenv, and site-packages a layer on top of the base installed into. */
  readonly venvBytes: number;
  /** The working directory's files (the app), in any layer. */
  readonly appBytes: number;
  /** The ten largest distributions in venvBytes, largest first. */
  readonly venvPackages: readonly PackageSize[];
  /** How many layers count as the base image, and what showed it. */
  readonly base: { readonly layers: number; readonly why: string };
}

export interface VerifyReport {
  readonly image: string;
  readonly ok: boolean;
  /** The mode probed (null when the image could not be read). */
  readonly mode: VerifyMode | null;
  /** Container port probed (web only). */
  readonly port: number | null;
  readonly failure: VerifyFailure | null;
  readonly checks: readonly VerifyCheck[];
  readonly sizeBytes: number | null;
  /** Where the bytes are; null when the layers could not be read. */
  readonly sizes?: ImageSizes | null;
  readonly readyMs: number | null;
  readonly stopMs: number | null;
  readonly uid: number | null;
}

// ─── lint ──────────────────────────────────────────────────────────────────

export type Severity = "error" | "warning" | "info";

/** A text edit on an exact range (0-based line and character, end exclusive). */
export interface TextEdit {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
  readonly newText: string;
}

export interface LintFinding {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly endLine: number;
  readonly code: string;
  readonly severity: Severity;
  /** English; the CLI says it in the user's language from `code` and `vars`. */
  readonly message: string;
  /** The values of the rule message's `{placeholders}`. */
  readonly vars?: Params;
  /** A safe fix as edits, or a suggestion text when not safe to apply automatically. */
  readonly fix: {
    readonly safe: boolean;
    /** English, as `message`; `note` is the same as catalog data, when it has a key. */
    readonly description: string;
    readonly note?: Message;
    readonly edits: readonly TextEdit[];
  } | null;
}

export interface LintReport {
  readonly files: readonly string[];
  readonly findings: readonly LintFinding[];
}

// ─── compose ───────────────────────────────────────────────────────────────

/** A backing service pyship knows how to run (src/compose/service-kinds.ts). */
export type ServiceKind = "postgres" | "mysql" | "redis" | "rabbitmq" | "mongo";

/** A backing service the code uses, and what showed it (a dependency, a setting). */
export interface ComposeBackingService {
  readonly kind: ServiceKind;
  /** Service (and host) name in compose.yaml. */
  readonly name: string;
  /** Image pinned to a major version, e.g. `postgres:15`. */
  readonly image: string;
  readonly evidence: readonly Evidence[];
}

/** A process run from the app's own image: the app, a worker, beat, a one-shot migration. */
export interface ComposeProcess {
  readonly name: string;
  readonly role: "web" | "app" | "worker" | "beat" | "migrate";
  /** argv; null runs the image's own CMD. */
  readonly command: readonly string[] | null;
  /** Health check argv (CMD-SHELL when `shell`), or null to keep the image's HEALTHCHECK. */
  readonly healthcheck: { readonly test: readonly string[]; readonly shell: boolean } | null;
  readonly evidence: Evidence;
}

/**
 * An environment variable the app reads, and what compose sets it to. `${NAME}` in a value
 * names a generated secret: such variables go to the env file, never into compose.yaml.
 */
export interface ComposeWire {
  readonly name: string;
  readonly value: string;
  /** Where the code reads it, or the convention pyship followed when nothing reads it. */
  readonly evidence: Evidence;
}

export interface ComposePlan {
  readonly schemaVersion: 1;
  readonly project: string;
  /** The app's image (what `pyship build` tags), built from the Dockerfile beside compose.yaml. */
  readonly image: string;
  readonly file: string;
  /** The git-ignored file holding every generated secret (and variables that contain one). */
  readonly envFile: string;
  /** Container port the web process listens on, published on loopback, or null. */
  readonly port: number | null;
  readonly services: readonly ComposeBackingService[];
  readonly processes: readonly ComposeProcess[];
  readonly env: readonly ComposeWire[];
  /** Names of the generated secrets (their values live in `envFile` only). */
  readonly secrets: readonly string[];
  readonly warnings: readonly Warning[];
}

/** `pyship verify --compose`: up, wait until healthy, probe the web process, tear down. */
export interface ComposeReport {
  readonly ok: boolean;
  readonly project: string;
  /** Every service's state after `up --wait`. */
  readonly services: readonly {
    readonly name: string;
    readonly state: string;
    readonly health: string;
  }[];
  /** Time from `up` until every service was healthy, ms. */
  readonly healthyMs: number | null;
  readonly probe: { readonly url: string; readonly status: number | null } | null;
  readonly failure: string | null;
  readonly logTail: string | null;
}

// ─── release ───────────────────────────────────────────────────────────────

/** A version as a git tag or a registry tag spells it (src/release/release-version.ts). */
export interface ReleaseVersion {
  /** As written, without a leading `v`: `1.2.3`, `1.3.0rc1`, `1.3.0-rc.1`. */
  readonly text: string;
  /** The image tag it becomes (Docker's tag alphabet). */
  readonly tag: string;
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** No pre-release, dev or local/build part: only stable versions move floating tags. */
  readonly stable: boolean;
  readonly scheme: "pep440" | "semver";
}

/** What git says about the commit being released (src/release/git-facts.ts). */
export interface GitFacts {
  readonly sha: string;
  readonly shortSha: string;
  /** Tags pointing at HEAD, as written. */
  readonly tags: readonly string[];
  /** Commit time, Unix seconds: SOURCE_DATE_EPOCH and the `created` label. */
  readonly commitTime: number;
  /** The remote's URL without credentials, or null when there is no remote. */
  readonly source: string | null;
}

/** Why a tag is in the plan. */
export type TagKind = "version" | "floating" | "commit";

export interface PlannedTag {
  readonly tag: string;
  readonly kind: TagKind;
  /** Immutable tags are checked against the registry; floating ones are moved. */
  readonly immutable: boolean;
  readonly why: string;
  /** `why` as a catalog message (not in --json). */
  readonly text?: Message;
}

/** The tags one release pushes, immutable first, floating last (src/release/plan-tags.ts). */
export interface TagPlan {
  readonly version: ReleaseVersion | null;
  readonly tags: readonly PlannedTag[];
  /** Floating tags this release does not move, and why (a backport, a pre-release). */
  readonly held: readonly PlannedTag[];
}

/**
 * What a release pushes: one image, or a manifest list of one image per platform. Identity
 * is the image config digests (what a registry's manifest names as `config.digest`), which
 * stay the same however the layers are compressed on the way.
 */
export interface ReleaseImage {
  readonly kind: "image" | "manifest-list";
  /** The local reference the engine pushes from (an image id, a tag or a list's name). */
  readonly local: string;
  readonly platforms: readonly string[];
  /** One config digest per platform, sorted. */
  readonly configDigests: readonly string[];
}

export type TagAction = "pushed" | "skipped-same" | "forced" | "planned";

export interface TagOutcome {
  readonly ref: string;
  readonly tag: PlannedTag;
  readonly action: TagAction;
  /** Manifest digest the registry holds for the tag afterwards (or before, for skipped). */
  readonly digest: string | null;
}

export interface ReleaseResult {
  readonly repository: string;
  readonly git: GitFacts;
  readonly plan: TagPlan;
  readonly image: ReleaseImage | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly outcomes: readonly TagOutcome[];
  readonly sbomFile: string | null;
  readonly dryRun: boolean;
}
