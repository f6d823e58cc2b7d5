import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readProjectReleaseMeta } from "../../src/release/project-release-meta.js";

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "pyship-release-meta-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("readProjectReleaseMeta", () => {
  it.each([
    [
      "[project] version",
      {
        "pyproject.toml":
          '[project]\nname = "a"\nversion = "1.2.3"\nlicense = "MIT"\ndescription = "d"\n',
      },
      { version: "1.2.3", versionSource: "literal", license: "MIT", description: "d" },
      { file: "pyproject.toml", line: 3 },
    ],
    [
      "dynamic version (setuptools-scm, hatch-vcs)",
      { "pyproject.toml": '[project]\nname = "a"\ndynamic = ["version"]\n' },
      { version: null, versionSource: "scm" },
      { file: "pyproject.toml", line: 3 },
    ],
    [
      "Poetry",
      {
        "pyproject.toml": '[tool.poetry]\nname = "a"\nversion = "0.4.0"\nlicense = "Apache-2.0"\n',
      },
      { version: "0.4.0", versionSource: "literal", license: "Apache-2.0" },
      { file: "pyproject.toml", line: 3 },
    ],
    [
      "poetry-dynamic-versioning",
      {
        "pyproject.toml":
          '[tool.poetry]\nname = "a"\nversion = "0.0.0"\n\n[tool.poetry-dynamic-versioning]\nenable = true\n',
      },
      { version: null, versionSource: "scm" },
      { file: "pyproject.toml" },
    ],
    [
      "PEP 621 license table",
      {
        "pyproject.toml":
          '[project]\nname = "a"\nversion = "1"\nlicense = { text = "BSD-3-Clause" }\n',
      },
      { license: "BSD-3-Clause" },
      {},
    ],
    [
      "setup.cfg",
      { "setup.cfg": "[metadata]\nname = a\nversion = 2.1\nlicense = MIT\n" },
      { version: "2.1", versionSource: "literal", license: "MIT" },
      { file: "setup.cfg", line: 3 },
    ],
    [
      "setup.cfg attr: (computed, not checked)",
      { "setup.cfg": "[metadata]\nname = a\nversion = attr: a.__version__\n" },
      { version: null, versionSource: "computed" },
      { file: "setup.cfg" },
    ],
    [
      "setup.py",
      {
        "setup.py":
          'from setuptools import setup\nsetup(\n    name="a",\n    version="3.0.1",\n)\n',
      },
      { version: "3.0.1", versionSource: "literal" },
      { file: "setup.py", line: 4 },
    ],
    [
      "setup.py use_scm_version",
      { "setup.py": 'from setuptools import setup\nsetup(name="a", use_scm_version=True)\n' },
      { version: null, versionSource: "scm" },
      { file: "setup.py" },
    ],
    [
      "no version declared",
      { "app.py": "print(1)\n" },
      { version: null, versionSource: "none", evidence: null },
      null,
    ],
  ] as const)("%s", (_what, files, expected, evidence) => {
    const meta = readProjectReleaseMeta(project(files));
    expect(meta).toMatchObject(expected);
    if (evidence) expect(meta.evidence).toMatchObject(evidence);
  });
});
