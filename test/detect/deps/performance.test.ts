// Detection on a 5,000-file project gives the same answer as on a small one: manifests win
// over the tree, and with no manifest only each module's import region is read. The time
// budget (plan under 300 ms) is measured by `node scripts/perf-plan.mjs [--no-manifest]`,
// not here: a timed unit test fails on a busy machine and proves nothing on an idle one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { loadConfig } from "../../../src/detect/config.js";
import { detectDependencies } from "../../../src/detect/deps/detect-dependencies.js";
import { scanProject } from "../../../src/detect/project-files.js";
import { detectProjectMeta } from "../../../src/detect/project-meta.js";
import { detectPython } from "../../../src/detect/python-version.js";
import { FIXTURES, tempProject } from "./temp-project.js";

it("detects a 5,000-file project with a real lock file by its lock", {
  timeout: 120_000,
}, () => {
  const files: Record<string, string> = {
    "pyproject.toml": readFileSync(join(FIXTURES, "uv-lock", "pyproject.toml"), "utf8"),
    "uv.lock": readFileSync(join(FIXTURES, "uv-lock", "uv.lock"), "utf8"),
    "requirements-dev.txt": "pytest\n",
  };
  for (let i = 0; i < 5000; i++) files[`pkg${i % 50}/sub${i % 7}/module_${i}.py`] = "x = 1\n";
  const root = tempProject(files).root;
  const project = scanProject(root);
  loadConfig(project);
  const meta = detectProjectMeta(project);
  const deps = detectDependencies(project, meta, []);
  detectPython(project, meta);
  expect(deps.install.strategy).toBe("uv-lock");
});

it("infers the imports of a 5,000-file project with no manifest from every module", {
  timeout: 120_000,
}, () => {
  // 3 KB modules with their imports at the top: only that region is parsed.
  const body = `import os\nimport requests\nfrom flask import Flask\n\n${Array.from(
    { length: 60 },
    (_, i) => `def f${i}(x):\n    return os.path.join(str(x), "${i}")\n`,
  ).join("\n")}`;
  const files: Record<string, string> = { "app.py": "from flask import Flask\n" };
  for (let i = 0; i < 5000; i++) files[`pkg${i % 50}/sub${i % 7}/module_${i}.py`] = body;
  const root = tempProject(files).root;
  const project = scanProject(root);
  const deps = detectDependencies(project, detectProjectMeta(project), []);
  expect(deps.install.resolved?.lines).toStrictEqual(["Flask", "requests"]);
});
