import { describe, expect, it } from "vitest";
import { e2eDecision, parseEngineEnv } from "../e2e/engine-env.js";

describe("parseEngineEnv", () => {
  it("reads setup-engine.sh's KEY=VALUE file, quoted or not", () => {
    const text =
      'PYSHIP_TEST_DOCKER=/usr/bin/docker\nPYSHIP_TEST_NETWORK=\nPYSHIP_TEST_SLIM_TAGS="python:3.11-slim python:3.12-slim"\n';
    expect(parseEngineEnv(text)).toEqual({
      PYSHIP_TEST_DOCKER: "/usr/bin/docker",
      PYSHIP_TEST_NETWORK: "",
      PYSHIP_TEST_SLIM_TAGS: "python:3.11-slim python:3.12-slim",
    });
  });
});

describe("e2eDecision", () => {
  it.each([
    [true, undefined, "run"],
    [true, "required", "run"],
    [false, undefined, "skip"],
    [false, "1", "skip"],
    [false, "required", "fail"],
  ] as const)("engine=%s PYSHIP_E2E=%s → %s", (hasEngine, required, kind) => {
    const decision = e2eDecision(hasEngine, "docker info failed", required);
    expect(decision.kind).toBe(kind);
    if (decision.kind !== "run") expect(decision.message).toContain("docker info failed");
  });
});
