/*
 * English of the repairs a failed build's log leads to (src/build/failure-repairs.ts,
 * resolve-date-repair.ts) and of the build's "repairing" line; kept apart from en.ts so the
 * catalogs stay small. The text is byte-for-byte what `--json` and the e2e tests read.
 */
export const EN_REPAIRS = {
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
    "{what} and the app failed on today's releases; {day} is the last commit that touched {files}",
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
} as const;
