/*
 * English for the plan's evidence lines, warnings and the doctor/verify details that were
 * still plain strings in the stages (issue 12). Kept apart from en.ts so the stages' own
 * keys and these merge without conflicts; en.ts spreads it in, so MessageKey has them all.
 */
export const EN_EVIDENCE = {
  "ev.root.note":
    "; imports only with {root}/ on the path (gunicorn --chdir {root}, or PYTHONPATH={root})",
  "ev.root.srcNote":
    "; imports only with the package installed (pip install .) or {root}/ on the path (gunicorn --chdir {root}, or PYTHONPATH={root})",
  "ev.then": "{first}{note}",
  "ev.serves": "starts an HTTP server ({label} at line {line}) on port {port}",
  "ev.port.theServer": "the server",
  "ev.portUnknown": "unknown",
  "ev.serverScript": "{path} {why}; runs as python {runs}",
  "ev.serverConsoleScript": 'console script {name} = "{target}": {fn}() {why}',
  "ev.imported": "imported as {module}",
  "ev.importedFrom": "imported as {module}, provided by {spec}",
  "ev.app.wrapper":
    "def {wrapper}() returns {factory}(...), which builds the {framework} app but needs {required}: the server calls {wrapper}()",
  "ev.app.factoryArgs": "; it requires {required} but the server calls it with no arguments",
  "ev.app.factory": "def {factory}() builds and returns the {framework} app (factory){args}",
  "ev.app.wsgiAlias": "; its WSGI app is {alias} = {name}.{attribute} (line {line})",
  "ev.script.mainGuard": 'if __name__ == "__main__": block at module level',
  "ev.script.topLevelNamed": "top-level code with no __main__ block; a conventional script name",
  "ev.script.topLevelOnly":
    "top-level code with no __main__ block; the only Python file at the root",
  "ev.app.panel":
    "imports panel and marks a component .servable() at module level (line {line}); runs under panel serve",
  "ev.app.pyramid":
    "a Pyramid app: {ini} builds it ([app:main] use = {use}); gunicorn loads it with --paste",
  "ev.app.shinyCore":
    "a Shiny Core app: App(ui, server) at module level (line {line}); runs under shiny run",
  "ev.app.shinyExpress":
    "a Shiny Express app: imports shiny.express (line {line}) and builds its page at module level; runs under shiny run",
  "ev.app.streamlit": "imports streamlit (as {alias}) and runs it at module level (line {line})",
  "ev.app.consoleScript": 'console script {name} = "{target}" (runs once the project is installed)',
  "ev.runs.whileLoop": "a `while True` loop",
  "ev.runs.runForever": "an event loop run_forever()",
  "ev.runs.polling": "a bot polling loop",
  "ev.runs.untilDisconnected": "a client that runs until disconnected",
  "ev.runs.serveForever": "a server's serve_forever()",
  "ev.runs.consumer": "a queue consumer",
  "ev.runs.scheduler": "a blocking scheduler",
  "ev.runs.runCall": "an app or client run() call",
  "ev.runs.keepsRunning": "keeps running: {marker}",
  "ev.runs.once": "runs once: no loop, polling, scheduler or server call, so it exits when done",
  "ev.root.srcPackage": "; src/ is a package its code imports as src.…: runs from the project root",
  "ev.root.runsFrom": "; runs from {root}/",
  "ev.django.managerSets": "{manager} sets DJANGO_SETTINGS_MODULE={name}",
  "ev.django.importsFrom": "; imports resolve from {base}",
  "ev.django.inSettings": "{key} in settings{note}",
  "ev.django.wsgiFile": "{why}; {wsgi} is the WSGI entry{note}",
  "ev.django.production":
    "{name} is the production settings (manage.py's {literal} is for development)",
  "ev.django.computed": "manage.py computes the settings name; {file} is the settings module",
  "ev.django.computedProduction":
    "manage.py computes the settings name; {file} is the production settings module",
  "ev.django.set": "{key} set",
  "ev.django.mentioned": "{text} in settings",
  "ev.deps.notUsed.precedence": "not used: {file} takes precedence ({reason})",
  "ev.deps.rank.lock": "a lock file beats loose manifests",
  "ev.deps.rank.pyproject": "the package's own declaration beats loose manifests",
  "ev.deps.rank.higher": "ranked higher",
  "ev.deps.none": "no dependency manifest declares any package",
  "ev.deps.notUsed.preferred": "not used: {file} is preferred",
  "ev.deps.listsNone": "lists no packages",
  "ev.deps.selfLine": "{file} installs the project itself (-e .)",
  "ev.deps.fullerRequirements":
    "requirements.txt lists all {count} dependencies of pyproject.toml and {extra} more: it is the app's full list (pyproject.toml declares only its installable part)",
  "ev.deps.selfLineRequires":
    "it installs the project itself (-e .): its install_requires ({count}, {manifest}) go into the dependency layer with the file's other lines; the project itself is installed after the code",
  "ev.deps.selfLineDynamic":
    "it installs the project itself (-e .), and {manifest} computes its install_requires: the project is installed with its dependencies after the code",
  "ev.deps.notUsed.role": 'not used: "{role}" requirements are not installed in the image',
  "ev.deps.developmentOnly":
    "{file} is the project's only requirements file and lists what the code imports: installed as the app's list",
  "ev.deps.notUsed.noManifest": "not used: no {manifest} next to it",
  "ev.deps.pipfileEmpty": "[packages] lists no packages",
  "warn.pipfileNoLock": "Pipfile has no Pipfile.lock; run `pipenv lock` for reproducible builds",
  "warn.poetryNoLock":
    "no poetry.lock: pip resolves the versions at build time; run `poetry lock` for reproducible builds",
  "ev.deps.dynamic": "dependencies are dynamic (read by the build backend from another file)",
  "ev.deps.declaresNone": "declares no dependencies",
  "ev.project.scripts": "{table} installs console scripts",
  "ev.project.guiScripts": "[project.gui-scripts] installs scripts",
  "ev.project.poetryPackages": "[tool.poetry] packages = … names the package",
  "ev.project.srcLayout": "src layout: the code is importable only once installed",
  "ev.project.setupPy": "setup.py declares {key}=: a package to install",
  "warn.setupPyDynamic":
    "setup.py computes install_requires; pyship reads setup.py without running it, so pip will find them at build time",
  "warn.lockOutdated":
    "{name} is declared in {manifest} but missing from {lock}; run `{tool} lock`",
  "warn.devServerReplaced":
    "{warning}; pyship serves the app object with a production server on 0.0.0.0 instead",
  "ev.deps.directUrl": "installed from {url}",
  "doctor.mirror.daemonJson":
    'add `"registry-mirrors": ["https://docker.m.daocloud.io"]` to `/etc/docker/daemon.json` and restart dockerd',
  "doctor.mirror.buildkitd":
    'for a `docker-container` builder add `[registry."docker.io"] mirrors = ["docker.m.daocloud.io"]` to its buildkitd.toml (docker buildx create --config FILE); the docker driver uses daemon.json\'s `"registry-mirrors"`',
  "doctor.mirror.registriesConf":
    'add `[[registry]] prefix = "docker.io" location = "docker.m.daocloud.io"` to `/etc/containers/registries.conf` (or `~/.config/containers/registries.conf`)',
  "doctor.baseImageMissing":
    "{client} cannot resolve the base image {image}: not in its store, and pulling it failed{detail}",
  "doctor.baseImageMissing.hint":
    "{setting}; or, per build, pyship build --base-registry docker.m.daocloud.io (or your company's registry mirror)",
  "repro.podman": "podman build --timestamp (OCI format) sets every timestamp to the commit time",
  "repro.oldPodman": "podman before 3.0 has no --timestamp",
  "repro.legacy":
    "the legacy builder stamps every layer with the build time (no SOURCE_DATE_EPOCH)",
  "repro.oldDocker":
    "Docker {major}.x's built-in BuildKit predates SOURCE_DATE_EPOCH (BuildKit ≥ 0.11): created times are the build's",
  "repro.buildkit":
    "BuildKit stamps the config with SOURCE_DATE_EPOCH, but files written by RUN keep the build's time (rewrite-timestamp is not set by docker build)",
  "doctor.yes": "yes",
  "doctor.no": "no",
  "doctor.cacheMounts": "cache mounts {value}",
  "ev.index.pipConf": "{key} {value} from pip's configuration [{section}]",
  "ev.index.variable": "{key} {value} from {name}",
  "ev.index.credentials": "credentials for {host}: passed as a build secret",
  "warn.indexLocal":
    "the package index {url} ({file}) is on this machine only, not reachable from the build: it is left out",
  "warn.indexLoopback":
    "the package index {url} is on loopback: inside the build that address is the build container, not the machine serving it, so the install fails there. Point the line at the index's real address (or build with --network host); pyship does not swap in another index, which could serve other packages under the same names",
  "ev.index.systemCert":
    "{why}: the system certificate store, which the build uses too (UV_SYSTEM_CERTS=1)",
  "warn.indexCert":
    "pip's cert {path} ({file}) is a file on this machine, not in the build: the build trusts the base image's certificate store (UV_SYSTEM_CERTS=1); add the CA to the base image",
  "ev.server.ownConfig": "{config} is read after pyship's {file}: its settings win",
  "ev.workers.one": "one worker",
  "ev.django.setupFirst":
    "the project's ASGI module imports its own code before Django is set up, which works only under manage.py runserver: uvicorn serves pyship's pyship_django_asgi module, which sets Django up and then imports {app}, as runserver does; the project's file is not changed",
  "ev.server.websockets":
    "the app routes WebSockets here: pyship installs {spec}, whose standard extra brings the WebSocket library plain uvicorn lacks (it refuses every upgrade without one)",
  "ev.server.oneProcess":
    "{library} keeps each client's session in the process that accepted it: one worker{threads}, as its docs say; a second worker would refuse the client's next request (400, Invalid session) unless the deployment has sticky sessions and a message queue (then set WEB_CONCURRENCY)",
  "ev.server.oneProcess.threads": " with {threads} threads (each WebSocket holds one)",
  "ev.workers.perCpu": "one worker per CPU",
  "ev.workers.times": "{perCpu} × CPUs workers",
  "ev.workers.timesPlus": "{perCpu} × CPUs + {plus} workers",
  "ev.workers.threads": ", {threads} threads each",
  "ev.workers":
    "{program}: {count} (at most {max}){threads}; CPUs = the fewest the container's cgroup quota, cpuset and affinity allow, read when it starts; WEB_CONCURRENCY overrides; binds 0.0.0.0:$PORT",
  "ev.stage.compile": "compile with {packages}",
  "ev.stage.install": "install with {tool}",
  "ev.stage.resolve": "resolve as of {date} with uv",
  "ev.and": "{a} and {b}",
  "ev.builderStage": "builder stage: {reasons} into /opt/venv, kept out of the final image",
  "ev.config.user": "user {name} (uid {uid}) from [tool.pyship] user",
  "ev.runsFrom": "runs from {root}/ (WORKDIR {workdir}): the app imports itself from there{config}",
  "ev.runsFrom.config": "; its {root}/{config} is read with --config",
  "ev.django.migrations":
    "migrations are not run when the container starts: run them once per release against the real database (`docker run --rm --env-file prod.env IMAGE python {manage} migrate`)",
  "ev.django.collectstatic":
    "collectstatic at build time: STATIC_ROOT is set and django.contrib.staticfiles is installed",
  "ev.django.whitenoise": "WhiteNoise: the app serves STATIC_ROOT itself",
  "ev.initDb.build":
    "`{command}` creates the tables at build time: the database is a SQLite file in the image ({sqlite})",
  "ev.initDb.off": "`{command}` not run at build time: init-db = false in [tool.pyship]",
  "ev.initDb.atStart": "`{command}` already runs in the start command: not run at build time too",
  "ev.initDb.needsEnv":
    "`{command}` not run at build time: the configuration cannot load without {name} ({where}), and pyship makes up no value an init command could store",
  "ev.config.port": "port {port} from [tool.pyship] port",
  "ev.apt.need": "{name} {why}: apt {lists}",
  "ev.config.apt": "apt packages from [tool.pyship] apt",
  "ev.tz.flag": "ENV TZ={tz} from --tz (zone data from the base image's tzdata)",
  "ev.config.value": '{key} = "{value}" from [tool.pyship]',
  "ev.env.serving":
    "ENV {set}: the server reads these instead of a host/port argument, so it listens on 0.0.0.0:{port}",
  "ev.port.atStart":
    "$PORT is read when the container starts (the platform's, else {port} from the image's ENV): the command runs as `/bin/sh -c '{script}'`, and exec keeps the server PID 1",
  "ev.port.replaced":
    "$PORT replaced by {port}: exec-form CMD has no shell to expand it (PORT is also set in the environment)",
  "ev.port.nothing": "nothing",
  "ev.shell.exec":
    "shell syntax: runs through /bin/sh -c with set -e (a failing step stops the container) and exec {last} (PID 1, gets SIGTERM)",
  "ev.shell.noExec": "shell syntax: runs through /bin/sh -c with set -e; {last} cannot be exec'd",
  "apt.buildsAgainst": "builds from source against {library}",
  "apt.buildsAgainstMysql": "builds from source against the MySQL/MariaDB client library",
  "apt.loads": "loads {library} at run time",
  "apt.compilesServer": "compiles its server from C",
  "apt.wheelsLoad": "its wheels load {library}",
  "ev.pinned":
    "generated from {file} (sha256 {sha}…, checked at build time): {tool} installs it, no {from} in the image",
  "ev.installedWith": "installed with {tool}: no {from} lock file to install from",
  "ev.installedForScript": "the project is installed so its console script exists",
  "ev.writeRequirements":
    "--write-requirements: the inferred requirements are written here and installed from it",
  "plan.byDefault": "(default)",
  "plan.apt.build": "build: {packages}",
  "plan.apt.runtime": "runtime: {packages}",
  "plan.projectInstalled": "project installed",
  "plan.workdir": "in {dir}",
  "plan.source.detected": "detected",
  "plan.source.procfile": "procfile",
  "plan.source.config": "config",
  "plan.pythonOn": "{python} on {image}",
  "plan.withEnv": "with {env}",
  "plan.fromVia": "FROM via {registry}",
  "verify.p.emulated": "foreign architecture: running under qemu emulation, with --init",
  "verify.p.files": "scanning the image's files",
  "verify.p.layers": "reading every layer for secrets",
  "verify.p.restricted": "running again with a read-only root filesystem and no capabilities",
  "verify.p.starting": "starting {image} ({how})",
  "verify.p.watching": "watching what it does",
  "verify.p.published": "port {port} published on 127.0.0.1",
  "verify.p.inside": "port {port} probed from inside the container's network",
  "verify.d.noSecrets": "no secrets in any layer, the config or the history",
  "mirror.pitfalls.tuna":
    "syncs from PyPI every few minutes, so a release of the last minutes can be missing (404); it throttles heavy users from outside mainland China",
  "mirror.pitfalls.aliyun":
    "lags PyPI by hours at times (fresh releases 404); inside Alibaba Cloud the internal host mirrors.cloud.aliyuncs.com is faster",
  "mirror.pitfalls.ustc":
    "its PyPI index redirects package downloads to other mirrors, which fails behind proxies that refuse redirects",
  "mirror.pitfalls.tencent":
    "lags PyPI at times (fresh releases 404); inside Tencent Cloud mirrors.tencentyun.com is the internal host",
  "mirror.pitfalls.huawei":
    "a Nexus proxy: a package it has not cached yet is fetched on first use, which can time out for large wheels (retry)",
  "ev.pin.requiresPython": "Requires-Python {range}",
  "ev.pin.wheelsUpTo": "wheels only up to {tag}",
  "ev.pin.released": "released {day}",
  "ev.pin.fromLock": "the files the lock lists",
  "ev.pin.fromIndex": "index metadata",
  "ev.pin.source": "{why} ({source})",
  "ev.pin.known": "{why}, supported up to {max}",
  "ev.pin.within": " within {constraint}",
  "ev.pin.era": "{pin} {why}: the newest Python every pinned release supports{within}",
  "ev.repair.pin": "{pin} {why} ({repair})",
  "ev.repair.pinned": "{pin} {why}",
  "pins.pkgResources": "imports pkg_resources",
  "pins.urlQuote": "imports url_quote from werkzeug.urls",
  "pins.django11": "Django 1.11 supports Python up to 3.7",
  "pins.django20": "Django 2.0/2.1 support up to 3.7",
  "pins.django22": "Django 2.2–3.1 support up to 3.9",
  "pins.django32": "Django 3.2/4.0 support up to 3.10",
  "pins.django41": "Django 4.1 supports up to 3.11",
  "pins.django42": "Django 4.2/5.0 support up to 3.12",
  "pins.repair.pkgResources":
    "setuptools dropped it in 82, and pyship's pip-less venv has no setuptools",
  "pins.django110":
    "Django 1.10 and older run on Python up to 3.6 (3.8 refuses their model metaclass)",
  "pins.markupsafe10": "imports setuptools.Feature in its setup.py",
  "pins.repair.setuptoolsFeature": "setuptools 46 removed it",
  "pins.repair.werkzeug": "Werkzeug 3.0 removed it",
  "verify.x.lastError": "the app's last error: {line}",
  "verify.x.logTail": "── last {count} log line(s) ──",
  "verify.x.cause": "likely cause: {cause}",
  "text.line": "{line}",
  "text.lines": "{line}\n{rest}",
  "verify.f.script": "the script {detail}",
  "verify.d.silent": "the {what} printed nothing",
  "verify.d.workerSilent": "the {what} printed nothing (stdout buffered? set PYTHONUNBUFFERED=1)",
  "verify.f.checks": "failed: {names}",
  "ev.name.setupPy": "name= in setup.py",
  "config.boolean": "must be true or false",
  "ev.cjkFonts":
    'CJK font {package} in the final image: matplotlib draws Chinese labels once rcParams["font.sans-serif"] lists "{family}"',
  "warn.cjkFonts":
    "matplotlib draws Chinese labels as empty boxes without a CJK font, and slim images have none: pass --cjk-fonts or set cjk-fonts = true in [tool.pyship] (adds {package}, about 5 MB)",
  "config.expect.mirror": 'a mirror name such as "tuna", a URL, or "off"',
  "config.expect.aptMirror": "a Debian mirror URL",
  "config.expect.registry": 'a registry host such as "docker.m.daocloud.io"',
  "ev.port.gunicornConfig": "gunicorn config: {statement}",
  "ev.port.envDefault": "PORT defaults to {port}: {statement}",
  "ev.port.procfileFlag": "{flag} {value} in the web: command",
  "ev.procfile.web": "web: process in {file}",
  "ev.deps.setupCfgNoOptions": "no [options] section: not a setuptools package",
  "ev.pin.noWheel": "{pin} has no Linux wheel for Python {minor}: pip builds it from source",
} as const;
