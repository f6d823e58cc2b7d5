/*
 * doctor's base image check on a fake engine: in the store, pulled, or a problem that names
 * the file of that engine to set a registry mirror in.
 */
import { describe, expect, it } from "vitest";
import { checkBaseImage } from "../../src/build/check-base-image.js";
import type { CommandExecutor, RunResult } from "../../src/core/exec.js";
import type { EngineName } from "../../src/core/pipeline.js";

function fakeEngine(
  results: Record<string, Partial<RunResult>>,
): CommandExecutor & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    which: async (command) => command,
    run: async (_command, args) => {
      const verb = args[0] === "image" ? "inspect" : String(args[0]);
      calls.push(verb);
      return { exitCode: 1, stdout: "", stderr: "", ...results[verb] } as RunResult;
    },
  };
}

describe("checkBaseImage", () => {
  it("is fine with an image in the store, without pulling", async () => {
    const executor = fakeEngine({ inspect: { exitCode: 0 } });
    expect(
      await checkBaseImage(
        executor,
        { name: "docker-buildkit", client: "docker" },
        "python:3.13-slim",
      ),
    ).toBeNull();
    expect(executor.calls).toStrictEqual(["inspect"]);
  });

  it("is fine when the pull works", async () => {
    const executor = fakeEngine({ pull: { exitCode: 0 } });
    expect(
      await checkBaseImage(executor, { name: "podman", client: "podman" }, "python:3.13-slim"),
    ).toBeNull();
  });

  it.each([
    ["docker-buildkit", /daemon\.json/],
    ["docker-legacy", /daemon\.json/],
    ["buildx", /buildkitd\.toml/],
    ["podman", /registries\.conf/],
  ] as const)("names the file to change for %s", async (name: EngineName, file) => {
    const stderr =
      'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host';
    const problem = await checkBaseImage(
      fakeEngine({ pull: { stderr } }),
      { name, client: "x" },
      "python:3.13-slim",
    );
    expect(problem?.code).toBe("E_BASE_IMAGE_MISSING");
    expect(problem?.message).toContain("no such host");
    expect(problem?.hint).toMatch(file);
    expect(problem?.hint).toContain("--base-registry");
  });
});
