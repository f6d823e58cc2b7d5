/*
 * pyship's own generated Dockerfiles (the render snapshots) must lint clean: no warning or
 * error, judged against the fixture project as build context and the .dockerignore that
 * pyship renders next to each Dockerfile.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type BuildContext, fsContext } from "../../src/lint/build-context.js";
import { lintDockerfile } from "../../src/lint/lint-dockerfile.js";
import { NOW } from "./lint-helpers.js";

const TEST = join(import.meta.dirname, "..");
const SNAPSHOTS = join(TEST, "render", "__snapshots__");

const dockerfiles = existsSync(SNAPSHOTS)
  ? readdirSync(SNAPSHOTS, { recursive: true, encoding: "utf8" })
      .filter((path) => /(^|\/)Dockerfile[^/]*$/.test(path) && !path.endsWith(".dockerignore"))
      .sort()
  : [];

/** Fixtures with no manifest: pyship installs what their imports name, unpinned. */
const INFERRED = new Set(["seed-flask-hello", "imports-only"]);

function contextFor(snapshot: string): BuildContext {
  const dir = join(SNAPSHOTS, snapshot, "..");
  const fixture = join(TEST, "fixtures", snapshot.split("/")[0] ?? "");
  const base = fsContext(existsSync(fixture) ? fixture : dir, join(dir, "Dockerfile"));
  const ignore = join(dir, ".dockerignore");
  // Files pyship renders next to the Dockerfile (pyship.requirements.txt) are in the context too.
  const rendered = fsContext(dir, join(dir, "Dockerfile"));
  return {
    ...base,
    exists: (path) => base.exists(path) || rendered.exists(path),
    read: (path) => (base.exists(path) ? base.read(path) : rendered.read(path)),
    dockerignore: existsSync(ignore) ? readFileSync(ignore, "utf8") : base.dockerignore,
  };
}

/**
 * Known findings on pyship's own output, each a real problem left to the render stage (or the
 * project's own need). Lock files are read by pyship, so no unpinned uv or pipenv is installed (PY205).
 * Add an entry only with its reason; the test fails while an entry is unused.
 */
const KNOWN: Readonly<Record<string, readonly string[]>> = {
  // Django 1.10 runs on nothing newer than 3.6 (its era's Python): end-of-life, and lint says so.
  "django-1-10-era/Dockerfile": ["PY103"],
  // MarkupSafe 1.0 imports collections.Mapping (gone in 3.10): 3.9, end-of-life.
  "sdist-old-setuptools/Dockerfile": ["PY103"],
};

describe("pyship's generated Dockerfiles lint clean", () => {
  it("finds the render snapshots", () => {
    expect(dockerfiles.length).toBeGreaterThan(10);
  });

  it.each(dockerfiles)("%s has no warning or error", (path) => {
    const text = readFileSync(join(SNAPSHOTS, path), "utf8");
    const findings = lintDockerfile(text, { file: path, build: contextFor(path), now: NOW });
    const known = KNOWN[path] ?? [];
    // Requirements inferred from imports are unpinned by design; the plan warns (W_DEPS_FROM_IMPORTS).
    const allowed = INFERRED.has(path.split("/")[0] ?? "") ? "PY203" : "";
    const serious = findings.filter((f) => f.severity !== "info" && f.code !== allowed);
    expect(
      serious.filter((f) => !known.includes(f.code)).map((f) => `${f.line} ${f.code} ${f.message}`),
    ).toEqual([]);
    for (const code of known) expect(serious.map((f) => f.code)).toContain(code);
  });
});
