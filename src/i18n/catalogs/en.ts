/*
 * English: the one place every message is written, and the source the translations follow.
 * Add a message here (a dotted key: `area.what`), use it with msg("area.what", { name }),
 * and give it a line in zh-CN.ts and zh-TW.ts; the catalog test names any key still missing.
 * Lint rules' own messages and explanations stay in src/lint/rule-catalog.ts (the rule table).
 */
import { EN_EVIDENCE } from "./en-evidence.js";
import { EN_REPAIRS } from "./en-repairs.js";

export const EN = {
  ...EN_EVIDENCE,
  ...EN_REPAIRS,
  // CLI output, by command
  "cli.badLang": '--lang must be en, zh-CN or zh-TW (zh means zh-CN), not "{value}"',
  "build.engine": "Engine: {why}",
  "build.generated": "No Dockerfile found: generated {files} (review and commit them)",
  "build.kept": "kept your {file} (differs from pyship's)",
  "build.title": "Building {tags}",
  "build.ok": "Built {tags} in {seconds}s ({size})",
  "build.sizeUnknown": "size unknown",
  "build.failed": "Build failed (full log: {log})",
  "build.pushed": "Pushed {tag}",
  "build.repair":
    "Known failure ({seen}): repair {attempt} of at most {max} — {what}; rewrote Dockerfile, building again",
  "build.noVerify": "Skipped verification (--no-verify)",
  "doctor.legacyOnly": "{client} builds only with the legacy builder ({reason})",
  "doctor.legacyOnly.hint":
    "install the docker buildx plugin for cache mounts and faster rebuilds (pyship still builds without it)",
  "doctor.heading": "Container engines",
  "doctor.none": "no docker, podman or buildah on PATH",
  "doctor.endpoint": "Docker endpoint: {where}",
  "doctor.local": "default (local socket)",
  "doctor.answers": "answers",
  "doctor.down": "not answering",
  "doctor.uses": "pyship build will use: {why}",
  "doctor.unusable": "No usable container engine.",
  "doctor.problems": "Problems",
  "doctor.ok": "Ready to build.",
  "explain.why": "Why",
  "explain.before": "Before",
  "explain.after": "After",
  "explain.fix.always": "fixed by pyship lint --fix",
  "explain.fix.sometimes": "fixed by pyship lint --fix when it is safe, suggested otherwise",
  "explain.fix.never": "suggested only (not safe to apply automatically)",
  "explain.list": "pyship lint rules (pyship explain CODE for details):",
  "init.create": "created",
  "init.overwrite": "overwrote",
  "init.skip": "skipped",
  "init.unchanged": "unchanged",
  "init.dry.create": "would create",
  "init.dry.overwrite": "would overwrite",
  "init.dry.skip": "would skip",
  "init.dry.unchanged": "unchanged",
  "init.ask": "{path} exists and differs (diff above). Overwrite it?",
  "init.next": "Next: {command}",
  "init.dryNote": "Dry run: nothing was written.",
  "init.noInferred": "--write-requirements: nothing to write, the dependencies come from {file}",
  "lint.clean": "{file}: no problems found",
  "lint.summary":
    "{count} problem(s): {errors} error(s), {warnings} warning(s), {infos} info; {fixable} fixable with --fix",
  "lint.fix": "fix",
  "lint.suggestion": "suggestion",
  "lint.fixed": "{file}: applied {count} fix(es)",
  "lint.wouldFix": "{file}: --dry-run, would apply {count} fix(es):",
  "lint.explain": "Run `pyship explain CODE` for why and an example.",
  "plan.heading": "Plan for {name} ({root})",
  "plan.python": "python",
  "plan.install": "install",
  "plan.command": "command",
  "plan.port": "port",
  "plan.kind": "kind",
  "plan.user": "user",
  "plan.apt": "apt",
  "plan.stages": "stages",
  "plan.evidence": "Why",
  "plan.warnings": "Warnings",
  "plan.none": "none",
  "plan.next": "Next: {command}  (writes Dockerfile and .dockerignore)",
  "verify.heading": "Verifying {image} ({mode})",
  "verify.mode.web": "web app",
  "verify.mode.worker": "worker",
  "verify.mode.script": "script",
  "verify.col.check": "check",
  "verify.col.result": "result",
  "verify.col.detail": "detail",
  "verify.status.pass": "pass",
  "verify.status.fail": "FAIL",
  "verify.status.skip": "skip",
  "verify.status.warn": "warn",
  "verify.check.start": "starts",
  "verify.check.http": "answers HTTP",
  "verify.check.expect": "expected text",
  "verify.check.stays-up": "stays up",
  "verify.check.exit": "exits 0",
  "verify.check.output": "prints output",
  "verify.check.non-root": "not root",
  "verify.check.stop": "stops fast",
  "verify.check.no-leaks": "no leaked files",
  "verify.check.no-compiler": "no compiler",
  "verify.check.size": "image size",
  "verify.check.numeric-user": "numeric user",
  "verify.check.restricted": "restricted runtime",
  "verify.check.no-secrets": "no secrets in layers",
  "verify.check.probe-from": "probed from",
  "verify.verdict.pass": "PASS: {image} works and is ready to ship",
  "verify.verdict.fail": "FAIL: {count} check(s) failed for {image}",
  "loadPlan.which": "Several web apps found. Which one should the image run?", // error titles: shown next to the code in languages other than English
  "title.E_USAGE": "usage error",
  "title.E_NO_PROJECT": "no Python project",
  "title.E_PARSE": "malformed file",
  "title.E_CONFIG": "configuration error",
  "title.E_NO_ENTRYPOINT": "no entrypoint",
  "title.E_AMBIGUOUS_ENTRYPOINT": "several possible entrypoints",
  "title.E_FILE_EXISTS": "file exists",
  "title.E_IO": "cannot read or write a file",
  "title.E_PATH_OUTSIDE": "path outside the project",
  "title.E_ENGINE_UNAVAILABLE": "container engine unavailable",
  "title.E_ENGINE_PERMISSION": "no permission to use the container engine",
  "title.E_BUILDKIT_UNSUPPORTED": "client lacks BuildKit",
  "title.E_BASE_IMAGE_MISSING": "base image missing",
  "title.E_BUILD_FAILED": "image build failed",
  "title.E_NETWORK": "network unreachable",
  "title.E_PUSH_FAILED": "push failed",
  "title.E_CONTAINER_EXITED": "container exited right after start",
  "title.E_PORT_TIMEOUT": "port never answered",
  "title.E_VERIFY_FAILED": "image verification failed",
  "title.E_LINT_INPUT": "cannot check that file",
  "title.E_INTERNAL": "internal error",
  "title.E_NO_GIT": "not a git repository",
  "title.E_INDEX_CREDENTIALS": "credentials in a package index URL",
  "title.E_PLATFORM_UNSUPPORTED": "platform not supported here",
  "title.E_PLATFORM_MISMATCH": "image built for another platform",
  "title.E_MANIFEST_FAILED": "manifest list failed",
  "title.E_GIT_DIRTY": "uncommitted changes",
  "title.E_VERSION_MALFORMED": "malformed version",
  "title.E_VERSION_MISMATCH": "versions disagree",
  "title.E_TAG_EXISTS": "tag already exists",
  "title.E_REGISTRY_UNREACHABLE": "registry unreachable",
  "title.E_REGISTRY_AUTH": "registry login failed",
  "title.E_REGISTRY": "registry error",
  "title.E_MIRROR_UNKNOWN": "unknown mirror",
  "title.E_MIRROR_URL": "malformed mirror URL",
  "title.E_SECRET_UNSET": "build secret not set",
  "title.E_SECRET_UNSUPPORTED": "no build secrets here",
  // the CLI's own words around errors
  error: "error",
  hint: "hint",
  warning: "warning",
  "error.bug": "This is a bug in pyship; please report it with PYSHIP_DEBUG=1 output.",
  "resolveDate.noCommit": "--resolve-date auto: no git commit touches {files}",
  "resolveDate.aManifest": "a dependency manifest",
  "resolveDate.noCommit.hint":
    "pass the day the requirements last worked instead, e.g. --resolve-date 2023-05-01",
  "procfile.twoWeb": "two web: processes (lines {first} and {second})",
  "procfile.twoWeb.hint": "keep one web: line; the image runs exactly one web process",
  "procfile.split": "cannot split the web: command ({reason})",
  "procfile.split.hint": "close the open quote or escape in the web: line",
  "procfile.empty": "the web: process has no command",
  "procfile.empty.hint": "write the command after `web:`, e.g. `web: gunicorn app:app`",
  "procfile.noWeb": "{file} has no web: process",
  "procfile.noWebFound": "{file} has no web: process (found {types})",
  "procfile.noWeb.hint":
    "add a `web: <command>` line, or set `command` in [tool.pyship] to say what the image runs",
  "config.empty": "must not be empty",
  "config.port": "must be an integer from 1 to 65535",
  "config.oneOf": "must be one of {values}",
  "config.imageRef": 'must be an image reference such as "python:3.12-slim"',
  "config.userName": "must be a lower-case user name",
  "config.uid": "must be a non-zero integer user id (0 would run as root)",
  "config.bad": "{where} {key} {problem}",
  "config.bad.hint": "see the [tool.pyship] table in pyship's README",
  "config.unknownKey": 'unknown key "{key}" in {where}',
  "config.unknownKey.close": 'did you mean "{close}"? known keys: {known}',
  "config.unknownKey.hint": "known keys: {known}",
  "config.unclosedQuote": "has an unclosed quote",
  "config.mustBe": "must be {expected}",
  "config.stringOrList": "a string or an array of strings",
  "config.aptList": "an array of Debian package names",
  "config.aptBad": 'has "{bad}", which is not a Debian package name',
  "detect.noProject": "no Python project found in {root}",
  "detect.noProject.hint":
    "run pyship in a directory with requirements.txt, pyproject.toml, Pipfile, setup.py or .py files",
  "io.cannotRead": "cannot read {path} ({reason})",
  "io.cannotRead.hint": "check that the path exists and that you have permission to read it",
  "parse.toml": "invalid TOML: {reason}",
  "parse.toml.hint": "fix the syntax of {path} (see https://toml.io)",
  "requirements.includeOutside": "include outside the project: {target}",
  "requirements.includeMissing": "included file not found: {target}",
  "requirements.includeOutside.hint":
    "the image build only sees the project directory; copy that file into the project",
  "requirements.includeMissing.hint": "create {path} or remove this line",
  "requirements.invalid": "invalid requirement: {error}",
  "requirements.invalid.hint": "write it as PEP 508, e.g. flask>=3.0 or requests[socks]==2.32.3",
  "text.notUtf8":
    "{path} is not UTF-8 (byte {byte}) and has no byte-order mark: pip in the image would refuse it too",
  "text.notUtf8.pyship": "{path} is not UTF-8 (byte {byte}) and has no byte-order mark",
  "text.notUtf8.hint":
    "convert it, e.g. from GBK: `iconv -f GBK -t UTF-8 {path} -o {path}` (or save it as UTF-8 in your editor)",
  "pyproject.invalidRequirement": "invalid requirement in [project].dependencies: {error}",
  "pyproject.invalidRequirement.hint": 'write it as PEP 508, e.g. "fastapi>=0.110"',
  "pyproject.mustBe": "{key} must be {expected}",
  "pyproject.mustBe.hint":
    "see https://packaging.python.org/en/latest/specifications/pyproject-toml/",
  "setupPy.invalidRequirement": "invalid requirement in install_requires: {error}",
  "setupPy.invalidRequirement.hint": "write it as PEP 508, e.g. flask>=3.0",
  "parse.json": "invalid JSON: {reason}",
  "parse.json.pipenvHint": "regenerate it with `pipenv lock`",
  "pipfile.packages": "[packages] must be a table of name = version",
  "pipfile.packages.hint": 'write packages as `flask = "*"` under [packages]',
  "pipfile.version": 'invalid version "{version}" for {name}',
  "pipfile.version.hint": 'use "*" or a PEP 440 specifier such as "==3.1.0" or ">=3,<4"',
  "plan.badPython": "--python {value} is not a Python version",
  "plan.badPython.hint": "pass major.minor, e.g. --python 3.12",
  "resolveDate.bad": "--resolve-date {date} is not a date",
  "resolveDate.bad.hint":
    "pass YYYY-MM-DD, or auto (the last commit that touched the dependency manifest or the code)",
  "entry.unknownApp": "--app {app} is not one of the detected entrypoints ({known})",
  "entry.unknownApp.hint":
    "pass one of those, or set `command` under [tool.pyship] in pyproject.toml to run anything else",
  "entry.ambiguous": "several web apps found: {apps}",
  "entry.ambiguous.hint":
    "choose one with --app '{example}', or set command = [...] under [tool.pyship] in pyproject.toml",
  "entry.none": "found no app, worker or script to run",
  "entry.none.hint":
    "add a Procfile with `web: <command>`, set command = [...] under [tool.pyship] in pyproject.toml, or add a main.py / app.py",
  "config.tableWith": "must be a table with {keys}",
  "config.subKey": "is not a known key (use {keys})",
  "lintConfig.bad": "[{header}] {key} {problem}",
  "lintConfig.bad.hint": "codes are listed by `pyship explain`",
  "lintConfig.table": "must be a table",
  "lintConfig.codes": "must be an array of rule codes",
  "lintConfig.unknownRule": "has an unknown rule {rule}",
  "lintConfig.levels": 'must be a table of CODE = "level"',
  "lintConfig.notRule": "is not a pyship lint rule",
  "lintConfig.unknownKey": "is not a lint setting (known: ignore, severity)",
  "lintInput.noFile": "no such file",
  "lintInput.hint": "pass the path of a Dockerfile",
  "lintInput.directory": "is a directory, not a Dockerfile",
  "lintInput.directory.hint": "pass the Dockerfile inside it, e.g. pyship lint {path}",
  "lintInput.unreadable": "cannot be read",
  "lintInput.binary": "is a binary file, not a Dockerfile",
  "lintInput.notUtf8": "is not UTF-8 text",
  "lintInput.empty": "is empty: it has no instructions",
  "lintInput.empty.hint": "a Dockerfile starts with FROM <image>",
  "lintInput.unknownInstruction": "unknown instruction `{instruction}`",
  "lintInput.noArgument": "{keyword} needs at least one argument",
  "lintInput.fromFirst": "a Dockerfile must start with FROM (only ARG may come before it)",
  "write.outside": "refusing to write {path}: it is outside {root}",
  "write.outside.hint": "pyship only writes inside the project directory",
  "io.read": "cannot read {path} ({reason})",
  "io.write": "cannot write {path} ({reason})",
  "io.write.hint": "check that the directory exists and is writable",
  "entry.notChosen": "no entrypoint chosen",
  "entry.notChosen.hint":
    "pass --app, or set command = [...] under [tool.pyship] in pyproject.toml",
  "explain.unknown": 'unknown lint rule "{code}"',
  "explain.unknown.hint": "run `pyship explain` to list the rules",
  "usage.oneOf": '{flag} must be one of {values} (got "{value}")',
  "init.exists.one": "{names} already exists with different content and was not overwritten",
  "init.exists.many": "{names} already exist with different content and were not overwritten",
  "init.exists.hint":
    "review the diff above, then run `pyship init --force` to replace, or keep your file",
  "verify.badMode": "--mode must be web, worker or script, not {value}",
  "verify.badTimeout": "--timeout must be a positive number of seconds, not {value}",
  "verify.noClient": "neither docker nor podman is installed",
  "verify.noClient.hint":
    "install Docker or Podman, or pass --engine PATH; `pyship doctor` checks the setup",
  "verify.badPort": "--port must be 1-65535, not {value}",
  "usage.keyValue": "{flag} needs KEY=VALUE, not {value}",
  "engine.podmanBroken": "{client} does not work",
  "engine.podmanBroken.hint":
    "run `podman info` to see why (rootless podman needs /etc/subuid and /etc/subgid entries)",
  "engine.socketDenied": "{client} may not use the Docker daemon socket",
  "engine.socketDenied.hint":
    "add yourself to the docker group (`sudo usermod -aG docker $USER`, then log in again), or use rootless podman (`--engine podman`)",
  "engine.daemonDown": "the Docker daemon does not answer ({client})",
  "engine.daemonDown.hint":
    "start it (`sudo systemctl start docker`, or `sudo dockerd &`; scripts/setup-engine.sh does both), or check DOCKER_HOST and `docker context ls`",
  "engine.noBuildx": "{client} cannot build with BuildKit: the buildx plugin is missing",
  "engine.noBuildx.hint":
    "install the docker buildx plugin (docker-buildx-plugin), or use another client; `pyship doctor` lists them",
  "engine.legacyMount":
    "the Dockerfile uses RUN --mount, which the legacy builder of {client} rejects",
  "engine.legacyMount.hint":
    "build with BuildKit (install docker buildx), or regenerate with `pyship init --force`: pyship only writes cache mounts for engines that support them",
  "engine.none": "no container engine found on PATH (looked for {what})",
  "engine.none.hint":
    "install Docker (Debian/Ubuntu: `sudo apt-get install docker.io`) or podman; scripts/setup-engine.sh sets up a test machine",
  "engine.why.buildx": "--engine buildx needs the docker buildx plugin",
  "engine.why.mount": "the Dockerfile uses RUN --mount (BuildKit only)",
  "engine.noBuildKit": "no client here builds with BuildKit: {why}",
  "engine.noBuildKit.hint":
    "install the docker buildx plugin or podman, or let pyship regenerate the Dockerfile without cache mounts (`pyship init --force`)",
  "engine.unusable": "no usable container engine",
  "engine.noVersion": "{client} did not answer `docker version`",
  "engine.noVersion.hint":
    "run `docker version` to see why; `pyship doctor` lists every engine found",
  "push.failed": "pushing {tag} failed",
  "push.failed.hint":
    "check the registry in the tag and that you are logged in (`docker login REGISTRY`)",
  "build.notDir": "{dir} is not a directory",
  "build.baseImageOwn": "--base-image only applies when pyship generates the Dockerfile",
  "build.baseImageOwn.hint":
    "edit the FROM line of your Dockerfile, or remove it to let pyship generate one",
  "build.badEngine": "--engine must be docker, buildx or podman, not {value}",
  "verify.listFiles": "cannot list the files of {image}",
  "verify.noPort": "the image exposes no port to probe",
  "verify.noPort.hint": "pass --port PORT (the port the app listens on inside the container)",
  "verify.denied": "{client} is not allowed to talk to its engine",
  "verify.denied.hint": "add your user to the docker group, or run pyship verify with sudo",
  "verify.noEngine": "{client} cannot reach a container engine",
  "verify.noEngine.hint": "start the engine (dockerd or podman) and run `pyship doctor`",
  "verify.noImage": "image {image} was not found",
  "verify.noImage.hint":
    "build it first (pyship build --tag {image}) or check the name with `{client} images`",
  "verify.interrupted": "verification was interrupted",
  "verify.publishedPort": "cannot read the published port: {out}",
  "exec.timedOut": "The command `{command}` timed out",
  "exec.exited": "The command `{command}` exited with code {code}",
  "verify.archive": "cannot read the image export: {message}",
  "verify.archive.hint": "check that `docker save` (or `podman save`) works for this image",
  "lint.cache.pip": "add --no-cache-dir or set ENV PIP_NO_CACHE_DIR=1",
  "lint.cache.uv": "add --no-cache or set ENV UV_NO_CACHE=1",
  "lint.cache.poetry": "use a cache mount, or set POETRY_CACHE_DIR and remove it in the same RUN",
  "lint.cache.pipenv": "set ENV PIP_NO_CACHE_DIR=1 (pipenv installs with pip)",
  "lint.cache.pdm": "use a cache mount, or remove ~/.cache/pdm in the same RUN",
  "lint.fix.noCache": "add the tool's no-cache option",
  "lint.fix.depsFirst": "copy the requirements files and install before copying the code",
  "lint.fix.manifestsFirst":
    "copy only the dependency manifests (requirements.txt, pyproject.toml + lock) and install them before COPY . .",
  "lint.fix.use": "use {what}",
  "lint.fix.pinImage": "pin a version, e.g. python:3.12-slim",
  "lint.var.noTag": "no tag",
  "lint.var.noMinor": "no Python minor version",
  "lint.fix.dropPlatform": "remove --platform=$BUILDPLATFORM",
  "lint.fix.addDockerignore": "add a .dockerignore excluding .git, .env, .venv, venv, __pycache__",
  "lint.fix.ignorePaths": "add {paths} to .dockerignore",
  "lint.fix.prodServer":
    "run gunicorn (WSGI) or uvicorn/gunicorn -k uvicorn.workers.UvicornWorker (ASGI)",
  "lint.fix.envForm": 'write ENV {name}="…"',
  "lint.fix.unbuffered": "add ENV PYTHONUNBUFFERED=1 to the final stage",
  "lint.fix.user":
    "create a user (useradd --uid 10001 app), chown what it must write, and add USER app before CMD",
  "lint.var.lastRoot": " (the last USER is root)",
  "lint.var.noUser": " (no USER instruction)",
  "lint.fix.execForm": "use exec form: {instruction}",
  "lint.fix.execOrPrefix": "use exec form (JSON array), or prefix the command with exec",
  "lint.fix.workdir": "set WORKDIR before the RUN instead",
  "lint.fix.dropSyntax": "remove the syntax line",
  "lint.fix.aptSameRun": "run apt-get update in the same RUN as the install",
  "lint.fix.aptCombine": "combine: RUN apt-get update && apt-get install ...",
  "lint.fix.noRecommends": "add --no-install-recommends",
  "lint.var.aptLists": "add && rm -rf /var/lib/apt/lists/* to the same RUN",
  "lint.fix.aptLists": "remove /var/lib/apt/lists/* in the same RUN",
  "lint.var.tzOffset": "reads as the opposite offset to POSIX (the sign is reversed)",
  "lint.var.tzUnknown": "is not a zone the C library knows: the container silently runs on UTC",
  "plan.badTz": "--tz {value} is not a time zone name",
  "plan.badTz.hint":
    "pass an IANA zone name such as {suggested} (a city in the zone; Etc/GMT-8 is a fixed UTC+8)",
  "verify.d.notRunning": "the container is not running",
  "verify.d.scriptStops": "a script stops by itself",
  "verify.d.noProc": "cannot read /proc/1/status (no cat in the image?)",
  "verify.d.root": "the process runs as root (uid 0); add a user and USER it in the final stage",
  "verify.d.stopped": "stopped in {time}",
  "verify.d.running": "running after {time}",
  "verify.d.exited0": "exited 0 after {time}",
  "verify.d.exitedCode": "exited with code {code}",
  "verify.d.stillRunning": "still running after {time}; pass --mode worker if it is meant to",
  "verify.d.noExpect": "output does not contain {text}",
  "verify.d.firstLine": "first line after {time}: {line}",
  "verify.d.noLeaks": "no .env, keys, .git, virtualenv or __pycache__",
  "verify.d.leaks": "{files}; add them to .dockerignore",
  "verify.d.noCompiler": "no gcc, cc, g++ or clang",
  "verify.d.compilers": "{compilers} in the final image; build native packages in a builder stage",
  "verify.d.noSize": "the engine did not report a size",
  "verify.d.restricted": "still works with {how}",
  "verify.d.http404":
    "GET {path} → 404 after {time}: the server answers, nothing is routed at {path} (--path probes a real route)",
  "verify.d.http": "GET {path} → {status} after {time}",
  "warn.reqUnknownOption": "pip option {option} is not one pyship knows; kept for pip",
  "warn.reqRemoteInclude": "{target} is fetched by pip at build time; pyship can't read it",
  "warn.reqCycle": "{path} includes itself (through {through}); the loop is read once",
  "warn.reqUnnamedUrl": "can't tell which package {target} installs (add #egg=name)",
  "warn.resolveDateIgnored":
    "--resolve-date applies to requirements files installed with uv or pip; {strategy} installs what its lock or tool resolves, so it is ignored",
  "warn.shellPid1":
    "the command's last step is piped or backgrounded, so /bin/sh stays PID 1 and `docker stop` cannot reach the server; make the server the last plain command",
  "warn.setupPyNoLayer":
    "setup.py can only be evaluated with the whole source, so dependencies install with the code and any code change reinstalls them; list them in requirements.txt or [project] dependencies for a cached dependency layer",
  "warn.serverAdded":
    "{package} is not a dependency; pyship installs {spec} because the command runs {program} (add it to {file} to pin its version)",
  "warn.djangoStatic":
    "static files are collected into STATIC_ROOT, but nothing serves them (Django does not with DEBUG off): add whitenoise.middleware.WhiteNoiseMiddleware, or have a web server serve STATIC_ROOT",
  "warn.sqliteInImage":
    "the database is a SQLite file inside the container: what the app writes is lost with the container; mount a volume on the file's folder to keep it, or point the app at a database server (init-db = false in [tool.pyship] skips creating it at build time)",
  "warn.devRequirements":
    "{file} is a development list, installed because it is the only one: its test and lint tools are in the image too; add a requirements.txt with what production needs",
  // merged from the other branches' commands
  "build.listed": "Manifest list {tags}: {platforms} (each built and verified)",
  "doctor.reproducible": "Reproducible releases (one commit, one image): yes — {why}",
  "doctor.notReproducible": "Reproducible releases (one commit, one image): no — {why}",
  "config.installer": 'must be "uv" or "pip"',
  "verify.needImage": "name the image to verify, e.g. pyship verify myapp:latest",
  // i18n2: plan warnings, evidence, build and run diagnoses
  "warn.importUnknown":
    "{module} is imported but pyship cannot tell which distribution provides it; add a requirements.txt",
  "warn.depsFromImports":
    "no manifest: dependencies inferred from imports; `pyship init --write-requirements` writes them to requirements.txt to pin and review",
  "warn.optionalImport":
    "{module} is imported inside try/except ImportError: optional, not installed",
  "warn.importsTruncated":
    "only the first {max} of {count} Python files were read for imports; add a requirements.txt",
  "warn.pythonEra":
    "{pin} supports Python up to {max}, older than any {older}; using {version} (pin a newer release, or set a base image with --base-image)",
  "warn.pythonEra.allows": "the project's {constraint} allows",
  "warn.pythonEra.builds": "pyship builds",
  "warn.indexOffline":
    "could not ask the package index which Python the pinned releases support (offline, or PIP_INDEX_URL has no JSON API); chose without it",
  "warn.loopbackBind":
    '{server} listens on {host} only, which nothing outside the container can reach; bind "0.0.0.0" (or read the host from an environment variable)',
  "warn.lockLocalPackage":
    "{name} is a local path in {file}: not installed from the lock (install it with the project, e.g. as a workspace package)",
  "warn.lockOtherIndex":
    "{file} takes packages from {index}; pip in the image uses its default index unless the build sets PIP_INDEX_URL or PIP_EXTRA_INDEX_URL (as a build secret if it holds credentials)",
  "warn.pythonConstraint":
    "Python {version} does not satisfy the project's requires-python {constraint}",
  "warn.dockerignoreLeaks":
    ".dockerignore lets {missing} into the build context; pyship's Dockerfile uses {file} (your lines plus these; BuildKit and Podman read it). The legacy builder reads only .dockerignore: add them there",
  "warn.frameworkAdded":
    "{file} does not list {name}, which the app is written for ({where}); pyship installs it (add it to {file} to pin its version)",
  "warn.mirrorPitfall":
    "mirror {preset}: {pitfalls}; if a package is missing there, retry against the upstream index (--mirror off)",
  "warn.sourceSkipped": "{path} {why}; skipped while looking for the app",
  "warn.sourceSkipped.encoding":
    "is not valid UTF-8 and declares no other encoding (Python would reject it too)",
  "warn.sourceSkipped.unreadable": "cannot be read ({errno})",
  "warn.djangoHosts":
    '{problem}; read it from the environment (ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")), then `pyship verify IMAGE --env DJANGO_ALLOWED_HOSTS=*`',
  "warn.djangoHosts.empty":
    "ALLOWED_HOSTS = [] with DEBUG off: Django answers 400 Bad Request to every request",
  "warn.djangoHosts.local":
    "ALLOWED_HOSTS = [{list}] only names this machine: every request through a domain or load balancer gets 400 Bad Request",
  "warn.djangoHosts.fixed":
    "ALLOWED_HOSTS = [{list}] is fixed in the code: a request for any other host (the platform's own URL, a new domain) gets 400 Bad Request",
  "warn.repair": "repair: {changes} — {why}",
  "warn.repair.adds": "adds {packages}",
  "warn.repair.python": "needs Python ≤ {version}",
  "warn.repair.apt": "installs {packages} (apt)",
  "warn.repair.dated": "installs the releases of {date}",
  "warn.repair.buildConstraints": "builds sdists with {constraints} (pip and uv build constraints)",
  "warn.repair.and": "{first}, {rest}",
  "build.k.native": "a native extension could not compile ({output})",
  "build.k.native.hint":
    "add the system packages under [tool.pyship.apt] in pyproject.toml: build = [{build}]{runtime}, then rebuild",
  "build.k.baseImage":
    "base image {image} is not available locally and the registry cannot be reached",
  "build.k.baseImageUnnamed":
    "base image is not available locally and the registry cannot be reached",
  "build.k.baseImage.hint":
    "pull it where a registry is reachable (`docker pull IMAGE`, or `docker load` it), build through a registry mirror (`--base-registry docker.m.daocloud.io` or your company's), or build on an image you have with `--base-image IMAGE` (`docker images` lists them)",
  "build.k.unreachable": "pip, uv (or apt) could not reach its package index",
  "build.k.unreachable.hint":
    "the build cannot reach the package index: try `--network host`, pass a proxy (`--build-arg HTTPS_PROXY=http://proxy:3128`), or point pip at a mirror (`--build-arg PIP_INDEX_URL=…`)",
  "build.k.pinNotOnIndex":
    "the pinned release {name}=={version} is not on the package index: removed upstream or never published (the project is broken upstream until the pin changes)",
  "build.k.pinNotOnIndex.hint":
    "pin a release of {name} the index still has (`pip index versions {name}`), or drop the pin; through a mirror, check that the release exists upstream first (--mirror off)",
  "build.k.noRelease": "no release of {name} matches its version pin",
  "build.k.noRelease.hint":
    "check the pin in your requirements (the versions pip or uv saw are in the log above) and the image's Python version (`--python`); through a mirror, a fresh release may not be there yet: retry against the upstream index (--mirror off)",
  "build.k.noAptPackage": "apt has no package named {name}",
  "build.k.noAptPackage.hint":
    "check the name under [tool.pyship.apt] (Debian bookworm package names: https://packages.debian.org)",
  "build.k.copyMissing": "a file the Dockerfile copies is not in the build context",
  "build.k.copyMissing.hint":
    "check that the file exists and that .dockerignore does not exclude it",
  "build.k.collectstaticEnv":
    "collectstatic needs the environment variable {name}, which the build does not have",
  "build.k.collectstaticEnv.hint":
    'settings must import at build time without runtime values: give {name} a default (os.environ.get("{name}", "")) and check it where it is used',
  "build.k.collectstatic": "collectstatic failed: {error}",
  "build.k.collectstatic.hint":
    "collectstatic runs at build time with no database and no secrets: the settings must import without them (defaults for environment variables, no queries at import)",
  "build.d.failed": "build failed: {cause}",
  "build.d.failedAt": "build failed at {step}: {cause}",
  "build.d.exited": "{client} exited with code {code}",
  "build.d.readLog": "read the full log ({log}) for the first error",
  "build.d.aptInDockerfile":
    "install the system packages before pip in your Dockerfile: RUN apt-get update && apt-get install -y --no-install-recommends {build}{also}",
  "build.d.aptAlso": " (and {packages} in the final stage)",
  "network.auth.cause":
    "the package index refused the request (401/403: missing or wrong credentials)",
  "network.auth":
    "check the user and token in your index URL (PIP_INDEX_URL, PIP_EXTRA_INDEX_URL or pip.conf): pyship passes them as the build secret pyship_index_netrc",
  "network.lagging-mirror.cause":
    "the index has no such release or file (404): a mirror that lags behind PyPI",
  "network.lagging-mirror":
    "retry against the upstream index (pyship build --mirror off) or another mirror: mirrors sync every few minutes to hours, a fresh release is missing until then",
  "network.tls.cause":
    "the index's TLS certificate is not trusted in the build (or the host is plain http)",
  "network.tls":
    "add your company's CA to the base image (the build trusts its certificate store), or for an internal http index set trusted-host in pip.conf: pyship passes it as PIP_TRUSTED_HOST and UV_INSECURE_HOST",
  "network.refused.cause":
    "nothing answered at the index's address from inside the build (connection refused)",
  "network.refused":
    "an index on 127.0.0.1 is reachable from a build only with --network host; otherwise check the index's host and port",
  "network.timeout.cause": "the package index answered too slowly (read timeout)",
  "network.timeout":
    "retry; from mainland China use a mirror (pyship build --mirror tuna, aliyun, ustc, tencent or huawei); behind a proxy pass it with --build-arg HTTPS_PROXY=http://proxy:3128",
  "network.apt-mirror.cause": "apt could not fetch from its Debian mirror",
  "network.apt-mirror":
    "retry (a mirror that is syncing serves mismatched files for a few minutes), or use another one with --apt-mirror URL or none with --mirror off",
  "run.rlimits": "the engine could not give the container its resource limits (rlimits)",
  "run.rlimits.hint":
    'this machine refuses podman\'s default ulimits: set ones it accepts in /etc/containers/containers.conf ([containers] default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]); scripts/setup-podman.sh does it',
  "run.pkgResources": "pkg_resources (part of setuptools) is imported but not installed",
  "run.pkgResources.hint":
    'add setuptools to requirements.txt, or pin a Python of the dependencies\' era (`[tool.pyship] python = "3.11"`)',
  "run.moduleMissing": "{module} is imported but not installed",
  "run.moduleMissing.hint":
    "add it to requirements.txt (the package name can differ from the import name, e.g. yaml → PyYAML); if {module} is the project's own code, check the working directory and PYTHONPATH",
  "run.missingEnv": "the environment variable {name} is not set",
  "run.missingEnv.hint":
    "pass it to the test container (`pyship verify IMAGE --env {name}=…`) and set it where the image runs; never bake secrets into the image",
  "run.settingsMissing.one":
    "the settings class {settings} is missing {count} required value (read from environment variables)",
  "run.settingsMissing":
    "the settings class {settings} is missing {count} required values (read from environment variables)",
  "run.settingsMissing.hint":
    "the field names follow in the log; pass each as an environment variable to the test container (`pyship verify IMAGE --env NAME=…`) and where the image runs; never bake secrets into the image",
  "run.noTable": "the database has no table {table}: it was never migrated",
  "run.noTable.hint":
    "run the migrations before the server starts (a release step, e.g. `docker run IMAGE python manage.py migrate` against the real database); the image holds no database of its own",
  "run.dbUnreachable": "the app cannot reach its database (or cache) server: connection refused",
  "run.dbUnreachable.hint":
    "the server runs outside the image: pass its address to the test container (`pyship verify IMAGE --env DATABASE_URL=…`)",
  "run.allowedHosts": "Django refuses the request's host {host}: it is not in ALLOWED_HOSTS",
  "run.allowedHosts.unnamed": "Django refuses the request's host: it is not in ALLOWED_HOSTS",
  "run.allowedHosts.hint":
    'read ALLOWED_HOSTS from the environment in settings.py (ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")), then `pyship verify --env DJANGO_ALLOWED_HOSTS=*`',
  "run.sanicAttribute":
    "Sanic refuses the app's code: it sets app.{name} on the Sanic object, an error since Sanic 21.12 (the code was written for an older Sanic: broken upstream)",
  "run.sanicAttribute.hint":
    "change app.{name} to app.ctx.{name} in the code, or pin a Sanic older than 21.12 in requirements.txt (with the Python of its era)",
  "run.portInUse": "the port the app binds is already in use inside the container",
  "run.portInUse.hint":
    "two processes bind the same port (a server started at import time, or a second `app.run()`): start exactly one server",
  "run.localhostBind": "the app listens on {host} only: nothing outside the container can reach it",
  "run.localhostBind.hint":
    'bind 0.0.0.0 (gunicorn --bind 0.0.0.0:$PORT, uvicorn --host 0.0.0.0, app.run(host="0.0.0.0"))',
  "run.djangoHidden": "Django answered 500 and, with DEBUG = False, logged no traceback",
  "run.djangoHidden.hint":
    "add a console handler to LOGGING (or run with DEBUG on, e.g. `--env DJANGO_DEBUG=1` if settings read it) to see the error",
  "run.otherRoute":
    "{hint}; to check the rest of the app meanwhile, probe another route with --path (e.g. --path /health)",
  "run.noRoute": "the app answered 404 on /: it may have no page there",
  "run.serverError": "the app answered {status} on / and logged nothing pyship recognises",
  "run.statusOnly.hint":
    "probe a route the app serves with --path (e.g. --path /health); the log lines above show what it did",
  "run.settingsRejected": "the settings class refused the environment it got: {reason}",
  "run.settingsRejected.hint":
    "its validator says what it needs (often a variable a deployed environment must set, or one that says the environment is not deployed): set it where the image runs and pass it to the test container with `--env NAME=…`",
  "build.initHint":
    "the tables are created by `{init}` ({where}), which nothing ran: run it once against the real database before the server starts (a release step; pyship never runs it at start unasked). For a SQLite file inside the container, ask for it at every start: {config}",
  "verifyCompose.failed.hint":
    "run `docker compose up --wait` yourself and read `docker compose logs`",
  "verifyCompose.left":
    "compose.yaml gives no value to {names}, which the code reads with no default: add the values there",
  "build.composeHint":
    "its code shows the app needs {services} when it starts: `pyship compose {dir}` writes compose.yaml with stand-in services wired to the variables the code reads, then `pyship verify --compose {dir}` runs that stack and checks it",
  "build.composeHint.left":
    "its code shows the app needs {services} when it starts: `pyship compose {dir}` writes compose.yaml with stand-in services wired to the variables the code reads, then `pyship verify --compose {dir}` runs that stack and checks it; compose cannot make up a value for {names}: add it to compose.yaml first",
  "build.hintThen": "{hint}; {more}",
  "run.serviceLocalhost.hint":
    "give the app the service's address through the variable its code reads (REDIS_URL …); where the code writes localhost itself, read it from the environment instead. `pyship compose` wires such variables to a service and `pyship verify --compose` checks the stack",
  "run.tortoiseUrl":
    "Tortoise ORM got no database URL (db_url is None): the variable the code reads it from is not set",
  "run.tortoiseUrl.hint":
    "set it (usually DATABASE_URL, e.g. postgres://user:password@host:5432/db) where the image runs; the database runs outside the image: `pyship verify --compose` checks the app with a stand-in one",
  "run.serviceLocalhost":
    "the app connects to a service on localhost:{port}: inside a container that is the container itself, where nothing listens",
  "run.versionMismatch":
    "the installed {package} has no {name} ({module}): the code was written for another version of it than the manifest installs",
  "run.versionMismatch.hint":
    "pin the version of {module} the code is written for in the manifest the image installs (a dev or test requirements file is never installed)",
  "run.secretFileMissing":
    "the app reads the secret file {path}, which this container was not given (a Docker or compose secret)",
  "run.secretFileMissing.hint":
    "mount the secret where the image runs (compose `secrets:`, `docker run --mount type=bind,source=…,target={path},readonly`); never bake it into the image",
  "warn.windowsOnly":
    '{name} exists only for Windows (a `pip freeze` run on Windows lists it without its marker): the image\'s install leaves this line out; add `; sys_platform == "win32"` to it',
  "run.djangoImportOrder":
    "the server's module imports the app's models before Django is set up: settings were read before DJANGO_SETTINGS_MODULE and django.setup() took effect (it works under manage.py runserver, which sets Django up first)",
  "run.djangoImportOrder.hint":
    "in asgi.py (or wsgi.py), set DJANGO_SETTINGS_MODULE and call get_asgi_application() (get_wsgi_application()) before importing the app's modules, as Channels' docs say: `django_asgi_app = get_asgi_application()` first, then `import chat.routing`",
  "run.outsideService":
    "the app calls {host} while it answers: a service on the Internet, which the test container could not reach",
  "run.outsideService.hint":
    "nothing in the image is wrong: verify where the container reaches {host}, with the project's real credentials for it (`pyship verify IMAGE --env NAME=…`), or probe a path that does not call it (`--path /health`)",
  "run.serviceHostUnknown":
    "the app connects to the host {host}, a name nothing resolves here: the name of a service in a compose network",
  "run.serviceHostUnknown.hint":
    "run the app beside that service: `pyship compose` writes the stack (with a service of that name where pyship knows it) and `pyship verify --compose` checks it; elsewhere, give the app the service's real address",
  "compose.requiredEnv":
    "{name} is read with no default ({why}) and compose.yaml gives it no value: add it to the app's environment in compose.yaml (a secret to .env.compose)",
  "ev.django.verifyHostsEnv":
    "ALLOWED_HOSTS is read from {name}, which the platform sets: pyship build's test container gets {name}={value} (the host its probe asks for), the image does not; set it to the app's domain where the image runs",
  "ev.verifyEnv.template":
    "{name} is read at {read} with no default, and the project's {file} gives it (what its README says to copy to .env): pyship build's test container gets {name}={value}, the image does not; set the real value where the image runs",
  "build.verifyEnv":
    "the test container gets {name}={value} (the plan's verify environment, not in the image)",
  "ev.django.buildOnlyEnv":
    "collectstatic gets {name}={value}, a build-only placeholder (the settings read it with no default): it exists only for that RUN, never in the image's ENV or ARG; set the real value where the image runs",
  "verify.e.failure": "{image}: {message}",
  "verify.e.exited.hint": "the last log lines above say why; run the image by hand to reproduce",
  "verify.e.portTimeout.hint":
    "check that the app listens on 0.0.0.0 and on the probed port (--port), or raise --timeout",
  "verify.e.failed.hint": "see the failed checks above",
  "ev.python.none": "no Python version stated; pyship's default {version}",
  "ev.python.pin": "{label} pins {raw}",
  "ev.python.pinNearest":
    "{label} pins {raw}, which pyship doesn't support; using the nearest supported {version}",
  "ev.python.invalid":
    '{label} "{raw}" is not a valid version specifier; pyship\'s default {version}',
  "ev.python.default": "{label} {raw} allows pyship's default {version}",
  "ev.python.newest": "{label} {raw}: newest supported minor that satisfies it",
  "ev.python.closest": "{label} {raw} allows no supported minor; using the closest, {version}",
  "ev.python.flag": "Python {version} from --python",
  "ev.python.config": "Python {version} from [tool.pyship] python",
  "ev.python": "Python {version}: {why}",
  "ev.baseImage.flag": "base image {image} from --base-image",
  "ev.baseImage.config": "base image {image} from [tool.pyship] base-image",
  "ev.baseImage.default": "base image {image}: official slim image for Python {version}",
  "ev.oneStage": "one stage: nothing compiles and pip needs no extra tool",
  "ev.entrypoint": "entrypoint {app}: {why}",
  "ev.entrypoint.notChosen": "not chosen: {app} ({kind}) ranks below {chosen}",
  "ev.entrypoint.flag": "entrypoint {app} chosen with --app",
  "ev.port": "port {port}: {why}",
  "ev.port.usual": "port {port}: the usual port for {program}",
  "ev.installer.config": "{installer} installs the dependencies ([tool.pyship] installer)",
  "ev.installer.default":
    'uv installs the dependencies (seconds, not minutes, on a dependency change); [tool.pyship] installer = "pip" or --installer pip switches back',
  "ev.installer.ownPip":
    "pip installs the dependencies: uv does not install into Python {version}, so the venv's own pip ({pip}) does",
  "ev.serve.forced":
    "starts an HTTP server ({server} at line {line}) on {host}, which nothing outside the container reaches: pyship sets its {hostKeyword}= and {portKeyword}= to 0.0.0.0 and $PORT around the call",
  "ev.serve.forcedRead":
    "starts an HTTP server ({server} at line {line}) on a host read at run time (a config file, a variable): pyship sets its {hostKeyword}= and {portKeyword}= to 0.0.0.0 and $PORT around the call",
  "ev.installer.datedSpec":
    "{lifted} instead of {spec}: requirements resolve as of {date}, when that range may have had no release yet, so the installer picks the newest one of that day",
  "ev.installer.oldPythonSpec":
    "{lifted} instead of {spec}: releases in that range may need a newer Python than {version}, so pip picks the newest one that supports it",
  "ev.command": "command {command} runs {kind} entrypoint {app}",
  "ev.command.fastExit":
    "the script runs through a small python -c wrapper that skips the interpreter's teardown once it is done (its atexit functions still run): a dashboard's imports took over 3 s to tear down, past docker stop's budget",
  "ev.command.config": "command set by [tool.pyship] command",
  "ev.command.procfile": "command from the Procfile web: process",
  "ev.name": "name from [{section}]",
  "ev.name.setupCfg": "name from setup.cfg [metadata]",
  "ev.app.object": "{name} = {callee}(...) at module level",
  "ev.app.factoryObject": "{name} = {callee}() at module level, built by factory {factory}()",
  "ev.deps.pyproject": "dependencies declared in {section} (no lock file)",
  "ev.deps.buildSystemOnly":
    "a package with a [build-system] and no dependencies: installed from pyproject.toml",
  "ev.deps.lock":
    "{lock} pins every version: pyship reads it and {tool} installs exactly what was tested",
  "ev.deps.lockHashed":
    "{lock} pins every version: pyship reads it and {tool} installs exactly what was tested, hashes checked",
  "ev.deps.with": " (with {files})",
  "ev.deps.requirements": "{tool} installs {file}{via}{reason}",
  "ev.deps.production": ": its name marks it as the production requirements",
  "ev.deps.base": ": the base requirements (no production file found)",
  "ev.deps.setuptools":
    "a setuptools package ({manifest}): {tool} installs the project and its install_requires",
  "ev.deps.setuptoolsProject": "{manifest} makes the project a package: pip install .",
  "ev.deps.pipfile":
    "Pipfile without Pipfile.lock: pyship reads [packages], {tool} resolves versions at build time",
  "ev.deps.imports": "no manifest: dependencies inferred from imports ({specs})",
  "ev.deps.andProject": "{why}; installs the project too ({project})",
  "verify.d.refused401": "the app asks for credentials",
  "verify.d.refused403": "the app refuses without credentials",
  "verify.d.refused404": "nothing is routed at {path}",
  "verify.d.refused405": "the route wants another method",
  "verify.d.refused422": "the app wants a parameter the probe did not send",
  "verify.d.refusal":
    "GET {path} → {status} after {time}: the server answers, {what} (--path probes a real route)",
  "verify.d.badStatus": "GET {path} answered {status} (not 2xx/3xx) for {time}",
  "verify.d.noAnswer": "no HTTP answer on {path} within {time}",
  "verify.d.bodyHas": "body contains {text}",
  "verify.d.bodyLacks": "body does not contain {text}: {body}",
  "verify.f.portTimeout": "nothing answered on port {port} within {time}",
  "verify.f.exitedBeforeHttp":
    "the container exited with code {code} after {time}, before answering HTTP",
  "verify.f.workerExited": "the worker exited with code {code} after {time}",
  "ev.kind.consoleScript": "kind script: a console script runs to completion",
  "ev.kind": "kind {kind}: {why}",
  "ev.kind.worker": "kind worker: no port, the process is expected to keep running",
  "ev.stopSignal": "STOPSIGNAL SIGINT: {program} does not handle SIGTERM as PID 1",
  "ev.env": "ENV {name}={value}: {why}",
  // print-image-sizes.ts
  "sizes.heading": "Where the megabytes are ({total} shipped in the layers)",
  "sizes.base": "base image",
  "sizes.system": "system packages",
  "sizes.venv": "Python packages",
  "sizes.app": "app",
  // write-with-consent.ts
  "write.create": "created",
  "write.overwrite": "overwrote",
  "write.skip": "skipped",
  "write.unchanged": "unchanged",
  "write.dry.create": "would create",
  "write.dry.overwrite": "would overwrite",
  "write.dry.skip": "would skip",
  "write.dry.unchanged": "unchanged",
  "write.ask": "{path} exists and differs (diff above). Overwrite it?",
  "write.dryNote": "Dry run: nothing was written.",
  // commands/ci.ts
  "ci.next": "Next: commit {files} and push; the pipeline runs pyship {version}.",
  // commands/release-events.ts
  "release.version": "Releasing {version} (git tag on {sha})",
  "release.noTag":
    "HEAD ({sha}) has no version tag: pushing sha-{sha} only. To release, tag the commit (git tag v1.2.3) and run pyship release again.",
  "release.plan": "Tags for {repository}:",
  "release.moves": "  {tag}  ({why})",
  "release.held": "  not moving {tag}: {why}",
  "release.pushed": "Pushed {ref} ({digest})",
  "release.skipped": "Skipped {ref}: the registry already has this image ({digest})",
  "release.forced": "Overwrote {ref} (--force) ({digest})",
  "release.planned": "Would push {ref}",
  "release.sbom": "Wrote the SBOM {file} ({count} components)",
  // commands/verify-compose.ts
  "verifyCompose.heading": "Verifying compose project {project}",
  "verifyCompose.healthy": "all services healthy in {seconds} s",
  "verifyCompose.probe": "GET {url} → {status}",
  "verifyCompose.pass": "PASS: the stack starts healthy and the web service answers",
  // commands/compose.ts
  "compose.services": "services: {list}",
  "compose.none": "no backing service found in the requirements (name some with --services)",
  "compose.secrets": "secrets: {file} ({names}), git-ignored; never in compose.yaml",
  "compose.ask": "{path} exists and differs (diff above). Overwrite it?",
  "compose.next":
    "Next: pyship build{dir} && docker compose up --wait   (check: pyship verify --compose{dir})",
  // merged modules' errors (release, compose, ci, platforms)
  "platform.none": "--platform names no platform",
  "platform.mismatch": "{ref} was built for {got}, not {platform}",
  "platform.mismatch.hint":
    "foreign architectures need emulation: install qemu-user-static and binfmt-support (`update-binfmts --display`)",
  "platform.noEngine": "no engine here builds several platforms into one manifest list",
  "platform.noEngine.hint":
    "install podman (with qemu-user-static for foreign architectures) or the docker buildx plugin, or pass one --platform",
  "manifest.failed": "`{command}` failed",
  "manifest.failed.hint":
    "`pyship doctor` checks the engine; podman 4 or docker buildx make manifest lists",
  "platform.engineCannot": "{engine} cannot build several platforms into one manifest list",
  "platform.engineCannot.hint":
    "use --engine podman (with qemu-user-static for foreign architectures) or install the docker buildx plugin",
  "platform.bad": "--platform needs os/arch values separated by commas, not {value}",
  "platform.bad.hint": "for example --platform linux/amd64,linux/arm64",
  "manifest.pushFailed": "pushing the manifest list to {destination} failed",
  "manifest.pushFailed.hint":
    "check the registry in the destination and that you are logged in (`podman login REGISTRY`)",
  "ci.notRoot":
    "the project is {dir}/ inside the repository {repo}: its CI file belongs at the repository root",
  "ci.notRoot.hint": "run `pyship ci {provider} {dir}` from {repo}",
  "ci.unknownProvider": 'unknown CI provider "{provider}"',
  "ci.unknownProvider.hint": "choose one of: {known}",
  "ci.unknownEngine": 'unknown CI engine "{engine}"',
  "ci.unknownEngine.hint": "choose docker or podman",
  "ci.noGit": "{root} is not inside a git repository",
  "ci.noGit.hint":
    "CI pipelines run on a repository: `git init` (and push it) first, then run this again",
  "ci.badEngine": "--ci-engine {engine} is not available for {provider}",
  "ci.badEngine.hint": "{provider} jobs can use: {engines}",
  "compose.exists.hint":
    "review the diff above, then pass --force to replace it, or keep your file",
  "plan.badInstaller": "--installer {value} is not an installer",
  "plan.badInstaller.hint": "pass --installer uv (the default) or --installer pip",
  "verifyCompose.noFile": "no {file} in {root}",
  "verifyCompose.noFile.hint": "write one first: pyship compose (or pyship init --compose)",
  "write.exists.hint":
    "review the diff above, then run again with --force to replace, or keep your file",
  "compose.unknownService": 'unknown service "{name}" in --services',
  "compose.unknownService.hint": "pyship knows: {known}",
  "release.noListPusher": "no pusher for the manifest list {image}",
  "release.engineFailed": "{client} {command} {ref} failed",
  "release.login.hint": "log in with the engine: `{client} login {host}`",
  "release.push.hint": "check the registry in --registry and that it accepts pushes",
  "release.exportFailed": "could not export the commit ({command} {verb} failed)",
  "release.dirty": "uncommitted changes in {files}{more}",
  "release.dirty.more": " and {count} more",
  "release.dirty.hint": "commit or stash them first: a release is exactly one commit",
  "release.listPackages": "could not list the Python packages in {image}",
  "release.listPackages.hint":
    "the SBOM asks the image's own `python`; an image without Python on its PATH has no Python packages to list",
  "release.tagExists":
    "{repository}:{tag} already holds a different image ({digest}); nothing was pushed",
  "release.unknownDigest": "unknown digest",
  "release.tagExists.hint":
    "release a new version (a new git tag), or pass --force to overwrite on purpose",
  "registry.unknownLogin": "registry {host} asks for an unknown login ({scheme})",
  "registry.answered": "registry {host} answered {status} to {path}",
  "registry.answered.hint":
    "check --registry (HOST/NAMESPACE) and that the registry speaks the OCI distribution API",
  "registry.timedOut": "timed out",
  "registry.unreachable": "cannot reach registry {host} ({why})",
  "registry.unreachable.hint":
    "check the host and port in --registry and that the registry is running",
  "release.noRegistry": "pyship release needs a registry to push to",
  "release.noRegistry.hint":
    "pass --registry HOST/NAMESPACE (e.g. ghcr.io/acme), or --dry-run to see the tag plan",
  "release.noHost": "--registry {registry} names no registry host",
  "release.noHost.hint":
    "write HOST/NAMESPACE, e.g. ghcr.io/acme or docker.io/acme or 127.0.0.1:5000/team",
  "release.noEngine": "the build chose no engine",
  "release.versionMismatch": "git tag says {tag} but {file} says {version}",
  "release.theProject": "the project",
  "release.versionMismatch.hint":
    "set the version to {tag} and tag that commit, or tag HEAD v{version}",
  "release.badTag": "git tag {tag} on HEAD is not a PEP 440 or SemVer version",
  "release.badTag.hint": "tag the release like v1.2.3, 1.2.3, 1.3.0rc1 or 1.3.0-rc.1",
  "release.sbomWrite": "could not write the SBOM to {file}",
  "release.noCommit": "{root} is a git repository with no commit yet",
  "release.noGit": "{root} is not in a git repository",
  "release.noGit.hint":
    "a release is built from a commit: `git init && git add -A && git commit -m release && git tag v1.0.0`",
  "registry.refused": "registry {host} refused the credentials from {from}",
  "registry.noLogin": "registry {host} needs a login and none was found",
  "registry.login.hint":
    "log in with your engine: `docker login {host}` (or `podman login {host}`)",
  // merged mirrors' and secrets' errors
  "secret.unset":
    "the Dockerfile mounts the secret {id}, and no package index credentials are set here",
  "secret.unset.hint":
    "set them as pip does, e.g. PIP_EXTRA_INDEX_URL=https://USER:TOKEN@HOST/simple, or in pip.conf",
  "secret.missing":
    "the build needs the credentials for {hosts} (secret {id}), and none are set here",
  "mirror.unknown": "{input}: no such mirror",
  "mirror.unknown.hint": "use one of {names}",
  "mirror.badUrl": "{input} {why}",
  "mirror.badUrl.hint":
    "give an http:// or https:// URL, e.g. {flag} https://mirrors.example.com/{path}",
  "mirror.notUrl": "is not a URL",
  "mirror.credentials":
    "has credentials in it: a mirror's URL ends up in build arguments, which the image history keeps",
  "mirror.badChars": "has characters a build argument cannot carry",
  "mirror.badRegistry": "{input} is not a registry host",
  "mirror.badRegistry.hint":
    "give a host and optional path, e.g. --base-registry docker.m.daocloud.io",
  "secret.unsupported":
    "{where}the package index needs credentials, which pyship passes only as a BuildKit secret, and this engine (or plan) has no secret mounts",
  "secret.unsupported.hint":
    "build with BuildKit (DOCKER_BUILDKIT=1 with Docker 20.10+, buildx, or podman); for init/plan pass --buildkit",
  "plan.mirror": "mirror",
  // engine faults and where verify probes from (issue 13)
  "verify.badProbeFrom": "--probe-from must be host, network or auto, not {value}",
  "title.E_ENGINE_LOST": "the engine stopped during the build",
  "title.E_DISK_FULL": "the engine's disk is full",
  "title.E_INTERRUPTED": "interrupted (Ctrl-C)",
  "fault.interrupted": "interrupted (Ctrl-C)",
  "fault.interruptedClean": "interrupted (Ctrl-C): stopped and cleaned up",
  "fault.interruptedClean.hint":
    "run the command again; finished build steps come from the engine's cache",
  "fault.diskFull": "the engine ran out of disk space ({client})",
  "fault.diskFull.hint":
    "free space where the engine keeps its data (`docker system df`, then `docker builder prune` or `docker image prune`), or give it a bigger disk, and build again",
  "fault.engineLost": "the engine stopped in the middle of the build ({client})",
  "fault.engineLost.hint":
    "check that the daemon runs again (`docker info`) and why it stopped (`journalctl -u docker`), then build again: finished steps come from the cache",
  "ev.name.directory": "no project name declared; directory name",
} as const;
