/*
 * The one table of lint rules: stable code, short name, default severity, the one-line
 * message (why it matters), and the rationale with a before/after that `pyship explain`
 * prints. Codes never change meaning; families: PY1 base image, PY2 dependencies,
 * PY3 runtime, PY4 secrets, PY5 system packages, PY6 instructions, PY7 build context.
 */
import type { Severity } from "../core/pipeline.js";
import { english, fill, type Params } from "../i18n/message.js";

export interface RuleInfo {
  readonly code: string;
  readonly name: string;
  readonly severity: Severity;
  /** One line; `{name}` placeholders are filled from the finding. */
  readonly message: string;
  /** "always" / "sometimes" (when it is safe) / "never" (suggested only). */
  readonly fixable: "always" | "sometimes" | "never";
  readonly rationale: string;
  readonly before: string;
  readonly after: string;
}

export const RULES: readonly RuleInfo[] = [
  {
    code: "PY101",
    name: "full-base-image",
    severity: "warning",
    message: "`{image}` is the full Python image (~800 MB with compilers); use `{suggested}`",
    fixable: "never",
    rationale:
      "The full python image carries gcc, headers and hundreds of Debian packages the app never uses at run time: a bigger download on every deploy and more CVEs to patch. Use the -slim variant for the final stage and build wheels in a builder stage if you need compilers. Not applied automatically: a package compiled in this stage may need the tools.",
    before: "FROM python:3.12\nRUN pip install -r requirements.txt",
    after: "FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt",
  },
  {
    code: "PY102",
    name: "unpinned-base-image",
    severity: "warning",
    message: "`{image}` floats ({reason}): the build changes whenever the image is republished",
    fixable: "never",
    rationale:
      "Without a tag, with `latest`, or with a Python tag that names no minor version (`python:3`, `python:slim`, `python:alpine`), the Python version moves under you: a rebuild months later silently jumps to a new Python and breaks packages. Pin at least the minor version (python:3.12-slim).",
    before: "FROM python",
    after: "FROM python:3.12-slim",
  },
  {
    code: "PY103",
    name: "eol-python",
    severity: "warning",
    message: "Python {version} is end-of-life since {eol}: no more security fixes",
    fixable: "never",
    rationale:
      "End-of-life Python versions receive no security patches and new wheels stop being published for them, so installs start compiling from source or fail. Move to a supported version (3.11 or newer).",
    before: "FROM python:3.8-slim",
    after: "FROM python:3.12-slim",
  },
  {
    code: "PY104",
    name: "alpine-without-wheels",
    severity: "warning",
    message:
      "Alpine (musl) base while requirements need {packages}: often no musl wheel, so pip compiles from source",
    fixable: "never",
    rationale:
      "Many scientific and binary packages publish manylinux (glibc) wheels but no musllinux wheel for every version, so on Alpine pip builds them from source: builds take minutes to hours, need compilers, and the image often ends up larger than a slim Debian one. Use python:X-slim.",
    before: "FROM python:3.12-alpine\nRUN pip install pandas",
    after: "FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt",
  },
  {
    code: "PY105",
    name: "recent-eol-python",
    severity: "info",
    message: "Python {version} reached end-of-life on {eol}: plan the upgrade",
    fixable: "never",
    rationale:
      "This Python minor stopped receiving security fixes recently. It still works, and wheels are still around, but the clock runs: plan the move to a supported version before packages drop it. After a year, or for 3.9 and older, this becomes PY103 (warning).",
    before: "FROM python:3.10-slim",
    after: "FROM python:3.13-slim",
  },
  {
    code: "PY106",
    name: "eol-debian",
    severity: "warning",
    message:
      "`{image}` is built on Debian {release}, out of support since {eol}: no security updates",
    fixable: "never",
    rationale:
      "The Debian release in the tag (-jessie, -stretch, -buster, -bullseye) decides the system libraries, whatever the Python version. Once its (LTS) support ends, OpenSSL, glibc and every other package stop getting security fixes, the official images stop being rebuilt, and `apt-get update` fails once the release moves to archive.debian.org. Use the current release (-bookworm, or no release suffix).",
    before: "FROM python:3.11-slim-buster",
    after: "FROM python:3.11-slim-bookworm",
  },
  {
    code: "PY107",
    name: "alpine-python",
    severity: "info",
    message:
      "`{image}` is Alpine (musl): most Python packages publish glibc wheels only, so pip may compile from source",
    fixable: "never",
    rationale:
      "Python on Alpine works, but many packages ship manylinux (glibc) wheels and no musllinux wheel, so a new dependency can turn a 10-second install into a long compile that needs gcc and headers, and the result is rarely smaller than -slim. Reported as info; it becomes PY104 (warning) when a dependency is known to lack musl wheels.",
    before: "FROM python:3.12-alpine",
    after: "FROM python:3.12-slim",
  },
  {
    code: "PY108",
    name: "build-platform-in-final",
    severity: "warning",
    message:
      "the final image is built FROM --platform=$BUILDPLATFORM: a multi-platform build gets the build machine's architecture",
    fixable: "always",
    rationale:
      "--platform=$BUILDPLATFORM makes a stage run on the build machine's platform; it is meant for builder stages that cross-compile for $TARGETPLATFORM. On a stage the final image is made of, `docker buildx build --platform linux/amd64,linux/arm64` on an amd64 machine produces an arm64 image that contains amd64 binaries and fails with `exec format error`. Drop the flag there (single-platform builds are unaffected either way).",
    before: 'FROM --platform=$BUILDPLATFORM python:3.12-slim\nCMD ["python", "app.py"]',
    after: 'FROM python:3.12-slim\nCMD ["python", "app.py"]',
  },
  {
    code: "PY201",
    name: "copy-before-install",
    severity: "warning",
    message:
      "the application is copied before dependencies are installed: any code change re-runs the install",
    fixable: "sometimes",
    rationale:
      "Docker caches layers in order. When `COPY . .` comes before `pip install -r requirements.txt`, every edit to any file invalidates the install layer and all dependencies are downloaded again. Copy only the dependency manifests first, install, then copy the code. Fixed automatically for requirements files.",
    before: "COPY . .\nRUN pip install --no-cache-dir -r requirements.txt",
    after: "COPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .",
  },
  {
    code: "PY202",
    name: "pip-cache",
    severity: "warning",
    message: "`{tool}` keeps its download cache in the image; {hint}",
    fixable: "sometimes",
    rationale:
      "pip, uv and poetry keep every downloaded wheel under ~/.cache, which becomes part of the layer: often 100+ MB of dead weight. Pass --no-cache-dir (pip) / --no-cache (uv), set PIP_NO_CACHE_DIR=1 / UV_NO_CACHE=1, or use a BuildKit cache mount (RUN --mount=type=cache,target=/root/.cache/pip). Applies to the final image only: a builder stage's cache never ships.",
    before: "RUN pip install -r requirements.txt",
    after: "RUN pip install --no-cache-dir -r requirements.txt",
  },
  {
    code: "PY203",
    name: "unpinned-pip-install",
    severity: "warning",
    message:
      "`{packages}` installed without a version pin: builds are not reproducible; use a requirements or lock file",
    fixable: "never",
    rationale:
      "`pip install flask` installs whatever is newest on the day of the build, so two builds of the same commit can differ and a new major release can break production. Keep dependencies in requirements.txt (with pins) or a lock file and install from it; pin inline (`gunicorn==23.0.0`) if you must.",
    before: "RUN pip install flask gunicorn",
    after: "COPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt",
  },
  {
    code: "PY204",
    name: "unpinned-pip-upgrade",
    severity: "info",
    message:
      "`{packages}` installed without a version in the final image: each build gets that day's release",
    fixable: "never",
    rationale:
      "`pip install --upgrade pip setuptools wheel` makes the final image depend on whatever was released the day of the build: not reproducible, and a new pip or setuptools has broken builds before (dropped legacy options, removed setup.py commands). Pin them, or drop the upgrade: the base image's pip installs wheels fine.",
    before: "RUN pip install --upgrade pip && pip install --no-cache-dir -r requirements.txt",
    after:
      "RUN pip install --no-cache-dir pip==24.3.1 && pip install --no-cache-dir -r requirements.txt",
  },
  {
    code: "PY205",
    name: "unpinned-installer",
    severity: "info",
    message:
      "`{packages}` installed without a version: the tool that resolves every other dependency floats",
    fixable: "never",
    rationale:
      "The lock file pins the app's dependencies, but the tool that reads it (poetry, pipenv, pdm, uv) is installed at whatever version is newest. A new major release changes lock formats, options and resolution, and the build breaks with no change in the repository (poetry 2.0 did this to many Dockerfiles). Pin it (a major range such as poetry>=2,<3 is enough). Info for now: pyship's own renders still install uv and pipenv unpinned.",
    before: "RUN pip install poetry && poetry install --no-root",
    after: "RUN pip install --no-cache-dir poetry==1.8.5 && poetry install --no-root",
  },
  {
    code: "PY301",
    name: "no-pythonunbuffered",
    severity: "warning",
    message:
      "PYTHONUNBUFFERED is not set: print() and logs are buffered, delayed or lost when the container dies",
    fixable: "always",
    rationale:
      "Without a TTY, Python block-buffers stdout, so `docker logs` shows nothing for minutes and the last lines before a crash are lost. Set ENV PYTHONUNBUFFERED=1 in the final stage (or run python -u).",
    before: 'FROM python:3.12-slim\nCMD ["python", "worker.py"]',
    after: 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCMD ["python", "worker.py"]',
  },
  {
    code: "PY302",
    name: "root-user",
    severity: "warning",
    message: "the container runs as root{detail}: a compromised app owns the container",
    fixable: "never",
    rationale:
      "Processes in a container run as root unless a USER says otherwise. An exploited web app then has root inside the container, can modify the code, and gets more reach through any kernel or mount mistake. Create an unprivileged user and switch to it before CMD. Not applied automatically: the app may need to write to files that user cannot.",
    before: 'COPY . .\nCMD ["gunicorn", "app:app"]',
    after:
      'RUN useradd --create-home --uid 10001 app\nCOPY --chown=app:app . .\nUSER app\nCMD ["gunicorn", "app:app"]',
  },
  {
    code: "PY303",
    name: "shell-form-command",
    severity: "warning",
    message:
      "shell-form {keyword}: /bin/sh is PID 1, signals never reach the app and `docker stop` waits 10 s",
    fixable: "sometimes",
    rationale:
      '`CMD python app.py` runs `/bin/sh -c "python app.py"`. The shell is PID 1 and does not forward SIGTERM, so the app never shuts down cleanly and Docker kills it after the 10 s timeout: slow deploys, dropped requests. Use the JSON (exec) form. Fixed automatically when the command uses no shell features.',
    before: "CMD gunicorn --bind 0.0.0.0:8000 app:app",
    after: 'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
  },
  {
    code: "PY304",
    name: "dev-server",
    severity: "warning",
    message: "{server} is a development server: single-threaded, not hardened, not for production",
    fixable: "never",
    rationale:
      "`flask run`, `app.run()`, `manage.py runserver` and `--reload` are meant for a laptop: they serve one request at a time, reload on file changes and print debug pages. Run a production server instead (gunicorn for WSGI, uvicorn/gunicorn with uvicorn workers for ASGI).",
    before: 'CMD ["flask", "run", "--host=0.0.0.0"]',
    after: 'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
  },
  {
    code: "PY305",
    name: "binds-localhost",
    severity: "error",
    message: "{server} listens on 127.0.0.1 here: nothing outside the container can reach it",
    fixable: "never",
    rationale:
      "gunicorn without --bind, uvicorn without --host and `flask run` without --host listen on 127.0.0.1, which inside a container is unreachable from the host or other containers, even with -p. Bind 0.0.0.0.",
    before: 'CMD ["uvicorn", "main:app"]',
    after: 'CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]',
  },
  {
    code: "PY306",
    name: "expose-mismatch",
    severity: "warning",
    message: "EXPOSE {exposed} but the command listens on {port}",
    fixable: "sometimes",
    rationale:
      "EXPOSE documents the port the app serves; platforms and `docker run -P` use it. When it disagrees with the port the command binds, the wrong port gets published and health checks fail.",
    before: 'EXPOSE 5000\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
    after: 'EXPOSE 8000\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
  },
  {
    code: "PY307",
    name: "tz-mistake",
    severity: "warning",
    message: "`TZ={value}` {problem}; write a zone name such as {suggested}",
    fixable: "never",
    rationale:
      "The C library reads TZ as a zone name from the image's tzdata (Asia/Shanghai) or as a POSIX rule, where the sign is reversed: `UTC+8` means eight hours *behind* UTC. An offset like `+08:00` or a name that does not exist (`Asia/Beijing`) is not an error either: the container quietly runs on UTC, and logs and scheduled jobs are hours off. Use the IANA name of a city in the zone (Asia/Shanghai, Asia/Taipei, Asia/Hong_Kong), or Etc/GMT-8 for a fixed UTC+8 (the Etc names keep POSIX's sign). `pyship init --tz Asia/Shanghai` writes it for you.",
    before: "ENV TZ=UTC+8",
    after: "ENV TZ=Asia/Shanghai",
  },
  {
    code: "PY401",
    name: "secret-in-env",
    severity: "error",
    message:
      "ENV `{name}` looks like a credential: it is stored in the image config for anyone who can pull it",
    fixable: "never",
    rationale:
      "ENV values are part of the image configuration: `docker inspect` on any copy of the image shows them, and the Dockerfile in git shows literal ones. Pass secrets at run time (`docker run -e`, an orchestrator secret) and at build time with `RUN --mount=type=secret`.",
    before: "ENV DJANGO_SECRET_KEY=s3cr3t",
    after: "# provide DJANGO_SECRET_KEY at run time: docker run -e DJANGO_SECRET_KEY=...",
  },
  {
    code: "PY402",
    name: "secret-in-arg",
    severity: "warning",
    message: "ARG `{name}` looks like a credential: build args are recorded in the image history",
    fixable: "never",
    rationale:
      "Values passed with --build-arg are visible in `docker history` of the final image whenever a RUN uses them. Use a BuildKit secret mount instead: RUN --mount=type=secret,id=token ...",
    before: "ARG GITHUB_TOKEN\nRUN pip install git+https://$GITHUB_TOKEN@github.com/org/lib",
    after: "RUN --mount=type=secret,id=github_token pip install ...",
  },
  {
    code: "PY403",
    name: "credentials-in-url",
    severity: "error",
    message:
      "a URL in RUN carries credentials (`{url}`): they end up in the layer history and build logs",
    fixable: "never",
    rationale:
      "`https://user:token@host/...` in a RUN is stored verbatim in the image history (after ARG substitution) and printed in CI logs. Use a BuildKit secret mount and a netrc or pip index configuration read from it.",
    before: "RUN pip install git+https://deploy:ghp_xxx@github.com/org/lib.git",
    after:
      "RUN --mount=type=secret,id=netrc,target=/root/.netrc pip install git+https://github.com/org/lib.git",
  },
  {
    code: "PY404",
    name: "copy-secret-file",
    severity: "error",
    message: "`{path}` is copied into the image: keys and .env files must not ship in an image",
    fixable: "never",
    rationale:
      "Anything COPY puts in a layer stays there, even if a later RUN deletes it, and anyone who pulls the image can extract it. Provide configuration at run time (environment, mounted secrets).",
    before: "COPY .env /app/.env",
    after: "# pass settings with docker run --env-file .env",
  },
  {
    code: "PY501",
    name: "apt-update-alone",
    severity: "warning",
    message: "`apt-get update` in its own layer: a cached stale index later makes installs fail",
    fixable: "sometimes",
    rationale:
      "Docker caches the `apt-get update` layer. When the install line changes later, it runs against the old cached package index and fails with 404s. Update and install in the same RUN. Fixed automatically when the next RUN is the install.",
    before: "RUN apt-get update\nRUN apt-get install -y --no-install-recommends libpq5",
    after: "RUN apt-get update && apt-get install -y --no-install-recommends libpq5",
  },
  {
    code: "PY502",
    name: "apt-install-recommends",
    severity: "warning",
    message: "`apt-get install` without --no-install-recommends pulls in packages nobody asked for",
    fixable: "always",
    rationale:
      "Recommended packages are installed by default and often double the size of what you install (documentation, X libraries, extra tools).",
    before: "RUN apt-get update && apt-get install -y libpq5",
    after: "RUN apt-get update && apt-get install -y --no-install-recommends libpq5",
  },
  {
    code: "PY503",
    name: "package-index-kept",
    severity: "warning",
    message: "{tool} leaves its package index in the layer ({hint})",
    fixable: "sometimes",
    rationale:
      "`apt-get update` downloads ~40 MB of package lists into /var/lib/apt/lists; unless removed in the same RUN they stay in the image forever. On Alpine, `apk add` without --no-cache keeps /var/cache/apk.",
    before: "RUN apt-get update && apt-get install -y --no-install-recommends libpq5",
    after:
      "RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \\\n    && rm -rf /var/lib/apt/lists/*",
  },
  {
    code: "PY504",
    name: "build-tools-in-final",
    severity: "warning",
    message:
      "`{packages}` stay in the final image: compilers and headers are build-time only; use a builder stage",
    fixable: "never",
    rationale:
      "gcc, build-essential and -dev packages are needed to compile wheels, not to run them. Left in the final image they add hundreds of MB and attack surface. Build wheels or a virtualenv in a builder stage and copy it into a slim final stage that installs only the runtime libraries (e.g. libpq5 instead of libpq-dev).",
    before:
      "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc libpq-dev && pip install -r requirements.txt",
    after:
      "FROM python:3.12-slim AS builder\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir -r requirements.txt\n\nFROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\nCOPY --from=builder /opt/venv /opt/venv",
  },
  {
    code: "PY601",
    name: "add-url",
    severity: "warning",
    message:
      "ADD downloads {url} at build time without a checksum: not reproducible, fails offline",
    fixable: "never",
    rationale:
      "ADD <url> fetches the file on every cache miss, cannot be verified, and fails on air-gapped builders. Vendor the file into the build context, or use ADD --checksum=sha256:... so a changed download fails the build.",
    before: "ADD https://example.com/tool.tar.gz /tmp/",
    after: "COPY vendor/tool.tar.gz /tmp/",
  },
  {
    code: "PY602",
    name: "add-instead-of-copy",
    severity: "warning",
    message:
      "ADD where COPY suffices: ADD also unpacks archives and fetches URLs, surprising readers",
    fixable: "always",
    rationale:
      "COPY does one thing. ADD silently extracts tar archives and downloads URLs; use it only for that.",
    before: "ADD requirements.txt /app/",
    after: "COPY requirements.txt /app/",
  },
  {
    code: "PY603",
    name: "cd-in-run",
    severity: "info",
    message: "`cd` in RUN: use WORKDIR so later instructions know where they are",
    fixable: "never",
    rationale:
      "A `cd` inside RUN lasts only for that RUN; the next instruction starts back in WORKDIR, which is a common source of confusion. WORKDIR is explicit and visible to every later instruction.",
    before: "RUN cd /app && pip install -r requirements.txt",
    after: "WORKDIR /app\nRUN pip install --no-cache-dir -r requirements.txt",
  },
  {
    code: "PY604",
    name: "maintainer",
    severity: "info",
    message: "MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors",
    fixable: "always",
    rationale:
      "MAINTAINER was deprecated in Docker 1.13. The OCI label is what registries and scanners read.",
    before: "MAINTAINER Jane <jane@example.com>",
    after: 'LABEL org.opencontainers.image.authors="Jane <jane@example.com>"',
  },
  {
    code: "PY605",
    name: "healthcheck-missing-tool",
    severity: "error",
    message:
      "HEALTHCHECK calls `{tool}`, which `{image}` does not have: the container will be marked unhealthy",
    fixable: "never",
    rationale:
      "Slim and distroless Python images have no curl or wget. A HEALTHCHECK that calls them fails every time and orchestrators restart a healthy app. Install the tool or probe with Python itself.",
    before: "HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1",
    after:
      'HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/\', timeout=3)"]',
  },
  {
    code: "PY606",
    name: "syntax-directive",
    severity: "info",
    message:
      "`# syntax={value}` makes BuildKit pull a frontend image at build time: fails offline and in air-gapped networks",
    fixable: "sometimes",
    rationale:
      "The syntax directive tells BuildKit to download the named Dockerfile frontend from a registry before building. With registry access that is harmless, hence info; but offline and air-gapped builders (and pyship's own offline builds) fail before the first instruction, and the frontend version floats. The built-in frontend of current Docker already supports RUN --mount and heredocs. Removed automatically unless the file uses features newer than the built-in frontend.",
    before: "# syntax=docker/dockerfile:1\nFROM python:3.12-slim",
    after: "FROM python:3.12-slim",
  },
  {
    code: "PY607",
    name: "legacy-env-form",
    severity: "warning",
    message:
      "`ENV {name} value` is the legacy form: the value runs to the end of the line, spaces included; write {name}=value",
    fixable: "sometimes",
    rationale:
      "`ENV KEY value` sets one variable to everything after the key, so `ENV A b C=d` sets A to `b C=d`, not two variables. It is deprecated and BuildKit warns about it (LegacyKeyValueFormat). Use `ENV KEY=value`, quoting values with spaces. Fixed automatically when the value needs no escaping.",
    before: "ENV PYTHONUNBUFFERED 1",
    after: "ENV PYTHONUNBUFFERED=1",
  },
  {
    code: "PY701",
    name: "no-dockerignore",
    severity: "warning",
    message:
      "`COPY {source}` sends the whole build context, and there is no .dockerignore: .git, .env and virtualenvs go in",
    fixable: "never",
    rationale:
      "Without .dockerignore, `COPY . .` copies everything: .git history, local virtualenvs (hundreds of MB, wrong platform), __pycache__, and .env files with secrets. Builds get slower and images leak. Add a .dockerignore.",
    before: "(no .dockerignore)",
    after: ".dockerignore:\n.git\n.env\n.venv\nvenv\n__pycache__/\n*.pyc",
  },
  {
    code: "PY702",
    name: "dockerignore-leaks-secrets",
    severity: "error",
    message:
      "`{paths}` exists and .dockerignore does not exclude it: `COPY {source}` puts it in the image",
    fixable: "never",
    rationale:
      "A .env file usually holds passwords and API keys; once in a layer, anyone who pulls the image can read it.",
    before: ".dockerignore:\n.git",
    after: ".dockerignore:\n.git\n.env",
  },
  {
    code: "PY703",
    name: "dockerignore-leaks-bloat",
    severity: "warning",
    message:
      "`{paths}` is not excluded by .dockerignore: `COPY {source}` sends it to every build and into the image",
    fixable: "never",
    rationale:
      ".git and local virtualenvs are large, change constantly (busting the cache) and a host virtualenv does not even work inside the container. Exclude them.",
    before: ".dockerignore:\n__pycache__/",
    after: ".dockerignore:\n__pycache__/\n.git\n.venv\nvenv",
  },
];

const BY_KEY = new Map<string, RuleInfo>(
  RULES.flatMap((rule) => [[rule.code, rule] as const, [rule.name, rule] as const]),
);

/** Looks a rule up by code (`PY202`, any case) or name (`pip-cache`). */
export function findRule(key: string): RuleInfo | undefined {
  return BY_KEY.get(key) ?? BY_KEY.get(key.toUpperCase()) ?? BY_KEY.get(key.toLowerCase());
}

export function ruleInfo(code: string): RuleInfo {
  const rule = BY_KEY.get(code);
  if (!rule) throw new Error(`unknown lint rule ${code}`);
  return rule;
}

export function formatMessage(code: string, vars: Params = {}): string {
  return fill(ruleInfo(code).message, vars, english);
}
