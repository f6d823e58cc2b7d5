/*
 * A lock whose compiled packages ship wheels only up to cp311 (httptools 0.6.0, uvloop 0.17.0)
 * under `requires-python = ">=3.10"`: the corpus's commonest failure (issue 8). The range
 * allows pyship's default 3.13, where pip would compile them with no compiler in the image;
 * the Python is chosen from the wheels the lock lists instead, and the image really runs it.
 */
import { afterAll, expect, it } from "vitest";
import { check, expectProductionReady } from "./checks.js";
import { describeE2e } from "./engine.js";
import {
  buildImage,
  copyFixture,
  removeDir,
  removeImages,
  runPyship,
  verifyJson,
} from "./pyship-cli.js";

interface PlanJson {
  readonly python: string;
  readonly evidence: readonly { readonly file: string; readonly why: string }[];
}

describeE2e("a lock's compiled wheels choose the Python", (engine) => {
  const tag = "pyship-e2e-uv-lock-compiled:test";
  afterAll(() => removeImages(engine, [tag]));

  it("uv-lock-compiled plans 3.11 from the lock's wheels, builds without a compiler and answers", async () => {
    const dir = await copyFixture("uv-lock-compiled");
    try {
      const planned = await runPyship(engine, ["plan", dir, "--json"]);
      expect(planned.exitCode, planned.stderr).toBe(0);
      const plan = JSON.parse(planned.stdout) as PlanJson;
      expect(plan.python).toBe("3.11");
      expect(plan.evidence.map((e) => `${e.file} ${e.why}`).join("\n")).toContain(
        "uv.lock Python 3.11: httptools==0.6.0 wheels only up to cp311 (the files the lock lists)",
      );
      await buildImage(engine, dir, tag);
      const { report, exitCode } = await verifyJson(engine, tag, ["--expect", '"python":"3.11.']);
      expectProductionReady(report, exitCode);
      expect(check(report, "expect").status).toBe("pass");
    } finally {
      await removeDir(dir);
    }
  });
});
