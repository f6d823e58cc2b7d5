/*
 * English of the repairs a failed build's log leads to (src/build/failure-repairs.ts,
 * resolve-date-repair.ts) and of the build's "repairing" line; kept apart from en.ts so the
 * catalogs stay small. The text is byte-for-byte what `--json` and the e2e tests read.
 */
export const EN_REPAIRS = {
  "repair.gunicornGevent":
    "gunicorn 26.2 moved packaging, which its gevent worker imports, into the gunicorn[gevent] extra",
  "repair.distutilsRun":
    "distutils left the standard library in Python 3.12; setuptools provides it",
  "repair.distutilsBuild":
    "a package's setup.py imports distutils, which left the standard library in Python 3.12",
  "repair.removedModule":
    "the {name} module was removed from the standard library in Python {removed}",
  "repair.removedModuleOld":
    "the {name} module was removed from the standard library in Python {removed}; an sdist that old may need the modules {oldest} removed too",
  "repair.removedName": "{name} was removed from the standard library in Python {removed}",
  "repair.setuptoolsFeature":
    "a package's setup.py imports setuptools.Feature, removed in setuptools 46: its sdist builds with setuptools<46",
  "repair.collections":
    "collections.{name} moved to collections.abc; the old name was removed in Python 3.10",
  "repair.native": "a native extension needs {packages} to compile",
  "repair.dated":
    "{what} and the app failed on today's releases; {day} is the last commit that touched {files} or the code",
  "repair.dated.one": "{names} is not pinned",
  "repair.dated.many": "{names} are not pinned",
  "repair.dated.pinsOnly": "{files} pins only what it lists, not their dependencies",
  "repair.dated.unpinned": "unpinned: {names}",
  "repair.dated.deps": "dependencies of the pins resolve to today's releases",
  "build.repair.summary": "{changes} ({why})",
  "build.repair.python": "uses Python {version}",
  "build.repair.constraints": "builds sdists with {constraints}",
  "engine.use.buildx": "docker buildx {version} ({client})",
  "engine.use.buildkit": "{client} {version} builds with BuildKit (DOCKER_BUILDKIT=1)",
  "engine.use.legacy": "{client} {version} with the legacy builder (no BuildKit)",
  "engine.use.podman": "podman {version} ({client})",
  "engine.use.skipped": "{chosen}; skipped {client}: {why}",
  "engine.reject.buildkit": "no buildx plugin and BuildKit refused ({error})",
  "engine.reject.notNeeded": "not needed",
  "secret.kind.aws": "AWS access key",
  "secret.kind.github": "GitHub token",
  "secret.kind.gitlab": "GitLab token",
  "secret.kind.apiKey": "API secret key",
  "secret.kind.slack": "Slack token",
  "secret.kind.privateKey": "private key",
  "secret.kind.virtualenv": "virtualenv",
  "secret.deleted": "{what} deleted in a later layer but still shipped",
  "secret.url": "URL with credentials",
  "secret.literal": "{name} with a literal value",
  "secret.inImage": "{name} set in the image",
  "secret.buildArg": "build arg {name} recorded",
  "verify.secrets.at": "{where}: {what}{value}",
  "verify.secrets.inLayer": "{finding} (layer {layer})",
  "verify.secrets.inLayerBy": "{finding} (layer {layer}, {instruction})",
  "verify.secrets.by": "{finding} ({instruction})",
  "verify.secrets.and": "{first}; {rest}",
  "verify.secrets.more": "{findings}; and {count} more",
  "verify.secrets.detail": "{findings}. {advice}",
  "verify.secrets.sure":
    "Anyone who pulls the image can read every layer: keep secrets out of the build (BuildKit secret mounts, runtime env)",
  "verify.secrets.maybe":
    "If these are real values, read them from the environment instead; development defaults can stay",
  "verify.secrets.unreadable": "cannot read the image's layers: {error}",
  "verify.secrets.unreadableWhy": "cannot read the image's layers: {error} ({why})",
  "compose.hint.djangoPostgres": "Django's PostgreSQL engine",
  "compose.hint.djangoMysql": "Django's MySQL engine",
  "compose.hint.postgresUrl": "a PostgreSQL URL",
  "compose.hint.mysqlUrl": "a MySQL URL",
  "compose.hint.redisUrl": "a Redis URL",
  "compose.hint.mongoUrl": "a MongoDB URL",
  "compose.hint.amqpUrl": "an AMQP URL",
  "compose.ev.cmd": "the image's CMD, from the plan",
  "compose.ev.djangoMigrations": "Django migrations exist",
  "compose.ev.alembic": "an Alembic environment",
  "compose.ev.flaskMigrate": "Flask-Migrate's migrations",
  "compose.ev.conventional": "no setting the code reads names {kind}: {name} is the usual variable",
  "compose.warn.conventional": "{why}; check your settings",
  "compose.warn.unwired":
    "{name} looks like a connection setting pyship does not know; set it in compose.yaml yourself",
  "release.why.commit": "the commit",
  "release.why.release": "the release",
  "release.why.preRelease": "a pre-release moves no floating tag",
  "release.why.registryHas": "the registry has {version}",
  "release.why.highest": "highest stable release",
  "release.why.highestIn": "highest stable {series}",
  "build.d.details": "{lines}\n  full log: {log}",
  "build.d.fullLog": "  full log: {log}",
  "verify.restricted.how":
    "uid {uid}, read-only root filesystem, --cap-drop ALL, no-new-privileges, /tmp writable",
  "verify.restricted.fails":
    "fails with {how} ({why}); create the paths it writes in the Dockerfile and mount them writable, or write under /tmp",
  "ev.release.version": "version in [{table}]",
  "ev.release.setupCfg": "version in setup.cfg [metadata]",
  "ev.release.setupPy": "version= in setup.py",
  "release.digestUnknown": "digest unknown",
  "verify.restricted.itFailed": "it failed",
  "engine.rejected": "  {client}: {why}",
} as const;
