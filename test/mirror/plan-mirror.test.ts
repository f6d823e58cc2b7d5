/*
 * [tool.pyship] mirror / apt-mirror / base-registry in a real project folder: planned with
 * the file and line, overridden by the flags, and a bad value stops with the key's line.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { PlanOptions } from "../../src/core/pipeline.js";
import { detectProject } from "../../src/detect/detect-project.js";
import { planProject } from "../../src/plan/plan-project.js";

function planWith(pyship: string, options: PlanOptions = {}) {
  const root = mkdtempSync(join(tmpdir(), "pyship-mirrors-plan-"));
  writeFileSync(
    join(root, "pyproject.toml"),
    `[project]\nname = "m"\nversion = "1"\ndependencies = ["flask", "gunicorn"]\n\n[tool.pyship]\ncommand = "gunicorn app:app"\n${pyship}`,
  );
  writeFileSync(join(root, "app.py"), "from flask import Flask\napp = Flask(__name__)\n");
  return planProject(detectProject(root), options);
}

it("plans the mirror from [tool.pyship], with its pitfall as a warning", () => {
  const plan = planWith('mirror = "aliyun"\nbase-registry = "docker.m.daocloud.io"\n');
  expect(plan.mirror).toMatchObject({
    preset: "aliyun",
    indexUrl: "https://mirrors.aliyun.com/pypi/simple",
    aptMirror: "https://mirrors.aliyun.com/debian",
    baseRegistry: "docker.m.daocloud.io",
  });
  expect(plan.evidence.map((e) => e.why)).toContain('mirror = "aliyun" from [tool.pyship]');
  expect(plan.warnings.find((w) => w.code === "W_MIRROR_PITFALL")?.message).toMatch(
    /retry against the upstream index/,
  );
});

it("lets --mirror off switch the configured mirror off (the base registry stays)", () => {
  const plan = planWith('mirror = "aliyun"\nbase-registry = "docker.m.daocloud.io"\n', {
    mirror: "off",
  });
  expect(plan.mirror).toMatchObject({
    indexUrl: null,
    aptMirror: null,
    baseRegistry: "docker.m.daocloud.io",
  });
});

it.each([
  ["mirror = 3\n", "E_CONFIG"],
  ['mirror = "nowhere"\n', "E_MIRROR_UNKNOWN"],
  ['apt-mirror = "mirrors.example/debian"\n', "E_MIRROR_URL"],
])("stops on %s", (line, code) => {
  expect(() => planWith(line)).toThrow(expect.objectContaining({ code }));
});
