import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type {
  BuildEvents,
  BuildOptions,
  BuildPorts,
  Interruptible,
} from "../../src/build/build-ports.js";
import { runBuild } from "../../src/build/run-build.js";
import { isPyshipError } from "../../src/core/errors.js";
import { type FakeClient, FakeEngines, PATH_ENV } from "./fake-engines.js";

const DOCKER: FakeClient = { path: "/usr/bin/docker", buildkit: true };

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "pyship-run-build-"));
  writeFileSync(join(dir, "Dockerfile"), "FROM python:3.13-slim\n");
  writeFileSync(join(dir, "pyproject.toml"), '[project]\nname = "demo"\nversion = "1.2.0"\n');
  return dir;
}

function options(root: string, more: Partial<BuildOptions> = {}): BuildOptions {
  return {
    dir: ".",
    root,
    tags: [],
    buildArgs: [],
    noCache: false,
    verify: false,
    push: false,
    ...more,
  };
}

/** Ports that record every event as one string, in order. */
function recording(executor: FakeEngines): { ports: BuildPorts; seen: string[] } {
  const seen: string[] = [];
  const events: BuildEvents = {
    engineChosen: (engine) => seen.push(`engine ${engine.name}`),
    generated: (written) => seen.push(`generated ${written.join(",")}`),
    repairing: (repair) => seen.push(`repairing ${repair.id}`),
    building: (tags) => {
      seen.push(`building ${tags.join(",")}`);
      return {
        line: () => {},
        built: (_result, bytes) => seen.push(`built ${bytes}`),
        failed: (logFile) => seen.push(`failed ${existsSync(logFile)}`),
      };
    },
    verifyProgress: () => {},
    verified: () => seen.push("verified"),
    verifySkipped: () => seen.push("verifySkipped"),
    pushed: (tag) => seen.push(`pushed ${tag}`),
  };
  const plan = () => Promise.reject(new Error("the user's Dockerfile is never planned"));
  const interruptible: Interruptible = (run) => run(new AbortController().signal);
  return { ports: { executor, env: PATH_ENV, plan, interruptible, events }, seen };
}

describe("runBuild (the stage behind pyship build, fake engine)", () => {
  it("builds the user's Dockerfile under the project's tags and reports by events, not output", async () => {
    const { ports, seen } = recording(new FakeEngines([DOCKER]));
    const outcome = await runBuild(options(project()), ports);
    expect(outcome).toMatchObject({
      result: { tags: ["demo:1.2.0", "demo:latest"], imageId: "sha256:built", logFile: null },
      report: null,
      repair: null,
      failure: null,
    });
    expect(seen).toEqual([
      "engine docker-buildkit",
      "building demo:1.2.0,demo:latest",
      "built 220000000",
      "verifySkipped",
    ]);
  });

  it("a failed build keeps its log for the user and throws the diagnosed error", async () => {
    const lines = [
      'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host',
    ];
    const { ports, seen } = recording(
      new FakeEngines([{ ...DOCKER, build: { exitCode: 1, lines } }]),
    );
    const error = await runBuild(options(project(), { tags: ["x:1"] }), ports).catch((e) => e);
    expect(isPyshipError(error) && error.code).toBe("E_BASE_IMAGE_MISSING");
    expect(seen).toEqual(["engine docker-buildkit", "building x:1", "failed true"]);
  });
});
