/*
 * Whether end-to-end tests can run, and with what: reads .tmp/engine.env (written by
 * scripts/setup-engine.sh) and asks the engine to answer. No engine → the suite is skipped
 * with a visible message, except under PYSHIP_E2E=required (scripts/test-all.sh, CI),
 * where a missing engine is a failure: a green CI run must mean the images were built.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, it } from "vitest";
import { NodeExecutor } from "../../src/core/node-executor.js";
import { e2eDecision, parseEngineEnv } from "./engine-env.js";

export const REPO = resolve(import.meta.dirname, "../..");
const ENGINE_ENV = resolve(REPO, ".tmp/engine.env");

export interface E2eEngine {
  /** docker (or podman) client that builds with BuildKit when it can. */
  readonly client: string;
  /** "host" when builds must reach a loopback wheel index; "" otherwise. */
  readonly network: string;
  /** Everything in .tmp/engine.env. */
  readonly settings: Readonly<Record<string, string>>;
}

async function probeEngine(): Promise<{ engine: E2eEngine | null; reason: string }> {
  if (!existsSync(ENGINE_ENV)) {
    return { engine: null, reason: `${ENGINE_ENV} is missing: run scripts/setup-engine.sh` };
  }
  const settings = parseEngineEnv(readFileSync(ENGINE_ENV, "utf8"));
  // The environment wins over the file, so a run can point at another client.
  const client =
    process.env.PYSHIP_TEST_DOCKER ||
    settings.PYSHIP_TEST_DOCKER ||
    settings.PYSHIP_TEST_DOCKER_LEGACY ||
    "docker";
  const info = await new NodeExecutor().run(client, ["info", "--format", "{{.ServerVersion}}"], {
    timeoutMs: 20_000,
  });
  if (info.exitCode !== 0) {
    const why = (info.stderr || info.stdout).trim().split("\n")[0];
    return { engine: null, reason: `${client} info failed: ${why}` };
  }
  return { engine: { client, network: settings.PYSHIP_TEST_NETWORK ?? "", settings }, reason: "" };
}

const probed = await probeEngine();

/** The engine, or null after announcing why the e2e tests do not run. */
export const engine: E2eEngine | null = probed.engine;

/**
 * describe() for e2e tests: runs `body` when an engine answers; otherwise skips loudly, or
 * fails under PYSHIP_E2E=required.
 */
export function describeE2e(title: string, body: (engine: E2eEngine) => void): void {
  const decision = e2eDecision(engine !== null, probed.reason, process.env.PYSHIP_E2E);
  if (decision.kind === "run") {
    if (engine) describe(title, () => body(engine));
  } else if (decision.kind === "fail") {
    describe(title, () => {
      it("has a container engine (PYSHIP_E2E=required)", () => {
        throw new Error(decision.message);
      });
    });
  } else {
    process.stderr.write(`\n⚠ SKIPPED ${title}: ${decision.message}\n`);
    describe(title, () => {
      it.skip(`SKIPPED: ${decision.message}`, () => {});
    });
  }
}
