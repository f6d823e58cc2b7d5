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

function contextFor(snapshot: string): BuildContext {
  const dir = join(SNAPSHOTS, snapshot, "..");
  const fixture = join(TEST, "fixtures", snapshot.split("/")[0] ?? "");
  const base = fsContext(existsSync(fixture) ? fixture : dir, join(dir, "Dockerfile"));
  const ignore = join(dir, ".dockerignore");
  return {
    ...base,
    exists: base.exists,
    read: base.read,
    dockerignore: existsSync(ignore) ? readFileSync(ignore, "utf8") : base.dockerignore,
  };
}

describe("pyship's generated Dockerfiles lint clean", () => {
  it("finds the render snapshots", () => {
    expect(dockerfiles.length).toBeGreaterThan(10);
  });

  it.each(dockerfiles)("%s has no warning or error", (path) => {
    const text = readFileSync(join(SNAPSHOTS, path), "utf8");
    const findings = lintDockerfile(text, { file: path, build: contextFor(path), now: NOW });
    expect(
      findings.filter((f) => f.severity !== "info").map((f) => `${f.line} ${f.code} ${f.message}`),
    ).toEqual([]);
  });
});
