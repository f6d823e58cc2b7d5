// Which Python minor a project gets, from pins and ranges, in source order.
import { describe, expect, it } from "vitest";
import { DEFAULT_PYTHON } from "../../../src/core/python-versions.js";
import { detectProjectMeta } from "../../../src/detect/project-meta.js";
import { detectPython } from "../../../src/detect/python-version.js";
import { tempProject } from "./temp-project.js";

function python(files: Record<string, string | undefined>) {
  const project = tempProject(files);
  return detectPython(project, detectProjectMeta(project));
}

const pyproject = (range: string) => `[project]\nname = "x"\nrequires-python = "${range}"\n`;
const poetry = (range: string) => `[tool.poetry.dependencies]\npython = "${range}"\n`;

describe("detectPython", () => {
  it.each([
    {
      name: "nothing stated",
      files: { "app.py": "" },
      version: DEFAULT_PYTHON,
      file: ".",
      line: null,
    },
    {
      name: ".python-version",
      files: { ".python-version": "# pyenv\n3.12.4\n" },
      version: "3.12",
      file: ".python-version",
      line: 2,
    },
    {
      name: ".python-version cpython-",
      files: { ".python-version": "cpython-3.11\n" },
      version: "3.11",
      file: ".python-version",
      line: 1,
    },
    {
      name: ".python-version unusable → next source",
      files: { ".python-version": "system\n", "runtime.txt": "python-3.10.14\n" },
      version: "3.10",
      file: "runtime.txt",
      line: 1,
    },
    {
      name: "runtime.txt",
      files: { "runtime.txt": "python-3.10.14\n" },
      version: "3.10",
      file: "runtime.txt",
      line: 1,
    },
    {
      name: "pin beats range",
      files: { ".python-version": "3.11\n", "pyproject.toml": pyproject(">=3.12") },
      version: "3.11",
      file: ".python-version",
      line: 1,
    },
    {
      name: "unsupported old pin → nearest",
      files: { "runtime.txt": "python-3.5.10\n" },
      version: "3.6",
      file: "runtime.txt",
      line: 1,
    },
    {
      name: "unsupported new pin → nearest",
      files: { ".python-version": "3.99\n" },
      version: "3.14",
      file: ".python-version",
      line: 1,
    },
    {
      name: "Pipfile python_version",
      files: { Pipfile: '[packages]\n\n[requires]\npython_version = "3.11"\n' },
      version: "3.11",
      file: "Pipfile",
      line: 4,
    },
    {
      name: "range allowing the default",
      files: { "pyproject.toml": pyproject(">=3.10") },
      version: DEFAULT_PYTHON,
      file: "pyproject.toml",
      line: 3,
    },
    {
      name: "range below the default",
      files: { "pyproject.toml": pyproject(">=3.9,<3.12") },
      version: "3.11",
      file: "pyproject.toml",
      line: 3,
    },
    {
      name: "range above the default",
      files: { "pyproject.toml": pyproject(">=3.14") },
      version: "3.14",
      file: "pyproject.toml",
      line: 3,
    },
    {
      name: "<=3.12 excludes 3.12.x patches",
      files: { "pyproject.toml": pyproject("<=3.12") },
      version: "3.11",
      file: "pyproject.toml",
      line: 3,
    },
    {
      name: "exact patch",
      files: { "pyproject.toml": pyproject("==3.10.4") },
      version: "3.10",
      file: "pyproject.toml",
      line: 3,
    },
    {
      name: "wildcard",
      files: { "pyproject.toml": pyproject("==3.12.*") },
      version: "3.12",
      file: "pyproject.toml",
      line: 3,
    },
    {
      name: "nothing supported above",
      files: { "pyproject.toml": pyproject(">=3.20") },
      version: "3.14",
      file: "pyproject.toml",
      line: 3,
    },
    {
      name: "nothing supported below",
      files: { "pyproject.toml": pyproject("<3.6") },
      version: "3.6",
      file: "pyproject.toml",
      line: 3,
    },
    {
      name: "invalid range → default",
      files: { "pyproject.toml": pyproject("3.10") },
      version: DEFAULT_PYTHON,
      file: "pyproject.toml",
      line: 3,
    },
    {
      name: "Poetry caret",
      files: { "pyproject.toml": poetry("^3.10") },
      version: DEFAULT_PYTHON,
      file: "pyproject.toml",
      line: 2,
    },
    {
      name: "Poetry tilde",
      files: { "pyproject.toml": poetry("~3.11") },
      version: "3.11",
      file: "pyproject.toml",
      line: 2,
    },
    {
      name: "Poetry alternatives",
      files: { "pyproject.toml": poetry("~3.9 || ~3.10") },
      version: "3.10",
      file: "pyproject.toml",
      line: 2,
    },
    {
      name: "setup.py python_requires",
      files: { "setup.py": "setup(\n    python_requires='>=3.8,<3.11',\n)\n" },
      version: "3.10",
      file: "setup.py",
      line: 2,
    },
    {
      name: "setup.cfg python_requires",
      files: { "setup.cfg": "[options]\npython_requires = >=3.12\n" },
      version: DEFAULT_PYTHON,
      file: "setup.cfg",
      line: 2,
    },
  ])("$name → $version", ({ files, version, file, line }) => {
    const facts = python(files);
    expect([facts.version, facts.evidence.file, facts.evidence.line]).toStrictEqual([
      version,
      file,
      line,
    ]);
    expect(facts.evidence.why).toMatch(/\w/);
  });

  it("keeps the raw constraint", () => {
    expect(python({ "pyproject.toml": pyproject(">=3.9,<3.12") }).constraint).toBe(">=3.9,<3.12");
    expect(python({ "runtime.txt": "python-3.10.14\n" }).constraint).toBe("3.10.14");
  });
});
