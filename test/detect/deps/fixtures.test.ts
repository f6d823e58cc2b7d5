// Every [deps] fixture through the real detectors: one row per project, whole facts compared.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Warning } from "../../../src/core/pipeline.js";
import { loadConfig } from "../../../src/detect/config.js";
import { detectDependencies } from "../../../src/detect/deps/detect-dependencies.js";
import { scanProject } from "../../../src/detect/project-files.js";
import { detectProjectMeta } from "../../../src/detect/project-meta.js";
import { detectPython } from "../../../src/detect/python-version.js";
import { FIXTURES, thrown } from "./temp-project.js";

interface Row {
  readonly fixture: string;
  readonly strategy: string;
  readonly tool: string;
  readonly files: string[];
  readonly installProject: boolean;
  /** Declared (top-level) runtime requirements, in order. */
  readonly declared: string[];
  readonly python: string;
  readonly name: string;
  readonly ignored?: string[];
}

const ROWS: Row[] = [
  {
    fixture: "fastapi-pep621",
    strategy: "pyproject",
    tool: "pip",
    files: ["pyproject.toml"],
    installProject: false,
    declared: ["fastapi", "uvicorn"],
    python: "3.13",
    name: "fastapi-pep621",
  },
  {
    fixture: "console-script",
    strategy: "pyproject",
    tool: "pip",
    files: ["pyproject.toml"],
    installProject: true,
    declared: [],
    python: "3.13",
    name: "hello-cli",
  },
  {
    fixture: "poetry-lock",
    strategy: "poetry-lock",
    tool: "poetry",
    files: ["pyproject.toml", "poetry.lock"],
    installProject: false,
    declared: ["flask", "gunicorn"],
    python: "3.13",
    name: "poetry-lock",
  },
  {
    fixture: "poetry-nolock",
    strategy: "pyproject",
    tool: "poetry",
    files: ["pyproject.toml"],
    installProject: false,
    declared: ["flask", "gunicorn"],
    python: "3.13",
    name: "poetry-nolock",
  },
  {
    fixture: "pipenv",
    strategy: "pipfile-lock",
    tool: "pipenv",
    files: ["Pipfile", "Pipfile.lock"],
    installProject: false,
    declared: ["flask", "gunicorn"],
    python: "3.11",
    name: "pipenv",
  },
  {
    fixture: "uv-lock",
    strategy: "uv-lock",
    tool: "uv",
    files: ["pyproject.toml", "uv.lock"],
    installProject: false,
    declared: ["fastapi", "uvicorn"],
    python: "3.13",
    name: "uv-lock",
  },
  {
    fixture: "pdm-lock",
    strategy: "pdm-lock",
    tool: "pdm",
    files: ["pyproject.toml", "pdm.lock"],
    installProject: false,
    declared: ["flask", "gunicorn"],
    python: "3.13",
    name: "pdm-lock",
  },
  {
    fixture: "setup-py",
    strategy: "setup-py",
    tool: "pip",
    files: ["setup.py"],
    installProject: true,
    declared: ["flask", "gunicorn"],
    python: "3.13",
    name: "legacyapp",
  },
  {
    fixture: "requirements-split",
    strategy: "requirements",
    tool: "pip",
    files: ["requirements/prod.txt", "requirements/base.txt"],
    installProject: false,
    declared: ["flask", "gunicorn"],
    python: "3.12",
    name: "requirements-split",
    ignored: ["requirements/dev.txt"],
  },
  {
    fixture: "native-psycopg2",
    strategy: "requirements",
    tool: "pip",
    files: ["requirements.txt"],
    installProject: false,
    declared: ["flask", "gunicorn", "psycopg2"],
    python: "3.13",
    name: "native-psycopg2",
  },
  {
    fixture: "runtime-txt",
    strategy: "requirements",
    tool: "pip",
    files: ["requirements.txt"],
    installProject: false,
    declared: ["flask", "gunicorn"],
    python: "3.10",
    name: "runtime-txt",
  },
  {
    fixture: "pdm-lock-legacy",
    strategy: "pdm-lock",
    tool: "pdm",
    files: ["pyproject.toml", "pdm.lock"],
    installProject: false,
    declared: ["flask", "gunicorn"],
    python: "3.13",
    name: "pdm-lock-legacy",
  },
  {
    fixture: "pipfile-nolock",
    strategy: "pipfile-lock",
    tool: "pipenv",
    files: ["Pipfile"],
    installProject: false,
    declared: ["flask", "gunicorn", "waitress"],
    python: "3.12",
    name: "pipfile-nolock",
  },
  {
    // UTF-16 LE with a BOM and CRLF, as PowerShell's `pip freeze >` writes it.
    fixture: "requirements-utf16",
    strategy: "requirements",
    tool: "pip",
    files: ["requirements.txt"],
    installProject: false,
    declared: ["flask", "gunicorn"],
    python: "3.13",
    name: "requirements-utf16",
  },
  {
    // `-e .`: the project's install_requires (setup.py) are its dependencies too.
    fixture: "requirements-self-line",
    strategy: "requirements",
    tool: "pip",
    files: ["requirements.txt"],
    installProject: true,
    declared: ["flask", "gunicorn"],
    python: "3.13",
    name: "shop",
  },
  {
    fixture: "seed-flask-hello",
    strategy: "imports",
    tool: "pip",
    files: [],
    installProject: false,
    declared: ["flask"],
    python: "3.13",
    name: "seed-flask-hello",
  },
  {
    fixture: "imports-only",
    strategy: "imports",
    tool: "pip",
    files: [],
    installProject: false,
    declared: ["pyyaml", "pillow", "flask", "protobuf", "requests", "beautifulsoup4"],
    python: "3.13",
    name: "imports-only",
  },
  {
    fixture: "pyship-config",
    strategy: "pyproject",
    tool: "pip",
    files: ["pyproject.toml"],
    installProject: false,
    declared: ["flask", "gunicorn"],
    python: "3.13",
    name: "pyship-config",
  },
];

function detect(fixture: string) {
  const files = scanProject(join(FIXTURES, fixture));
  const warnings: Warning[] = [];
  const meta = detectProjectMeta(files);
  return {
    meta,
    deps: detectDependencies(files, meta, warnings),
    python: detectPython(files, meta),
    warnings,
    files,
  };
}

describe("dependency fixtures", () => {
  it.each(ROWS)("$fixture → $strategy", (row) => {
    const { meta, deps, python } = detect(row.fixture);
    expect({
      strategy: deps.install.strategy,
      tool: deps.install.tool,
      files: deps.install.files,
      installProject: deps.install.installProject,
      declared: deps.requirements
        .filter((req) => !req.evidence.why.startsWith("pinned"))
        .map((req) => req.name),
      python: python.version,
      name: meta.name,
    }).toStrictEqual({
      strategy: row.strategy,
      tool: row.tool,
      files: row.files,
      installProject: row.installProject,
      declared: row.declared,
      python: row.python,
      name: row.name,
    });
    if (row.ignored) expect(deps.ignored.map((entry) => entry.file)).toStrictEqual(row.ignored);
    for (const req of deps.requirements)
      expect(req.evidence.line, `${req.name} has a line`).toBeGreaterThan(0);
  });

  it.each(["poetry-lock", "uv-lock", "pdm-lock", "pipenv"])(
    "%s: lock adds transitive runtime packages, never dev ones",
    (fixture) => {
      const { deps, warnings } = detect(fixture);
      const names = deps.requirements.map((req) => req.name);
      const expected = fixture === "uv-lock" ? ["starlette", "pydantic"] : ["werkzeug", "jinja2"];
      expect(names).toEqual(expect.arrayContaining(expected));
      expect(names).not.toContain("pytest");
      expect(warnings.filter((w) => w.code === "LOCK_OUTDATED")).toStrictEqual([]);
    },
  );

  it("imports-only: distributions for import names; stdlib, own, relative, test and optional imports left out", () => {
    const { deps, warnings } = detect("imports-only");
    expect(deps.install.resolved).toStrictEqual({
      lines: ["PyYAML", "pillow", "Flask", "protobuf", "requests", "beautifulsoup4"],
      source: null,
      hashed: false,
    });
    expect(deps.requirements.find((req) => req.name === "beautifulsoup4")?.evidence).toMatchObject({
      file: "shop/catalog.py",
      line: 1,
      why: "imported as bs4, provided by beautifulsoup4",
    });
    expect(warnings.map((w) => `${w.code} ${w.file ?? ""}:${w.line ?? ""}`)).toStrictEqual([
      "W_DEPS_FROM_IMPORTS :",
      "W_OPTIONAL_IMPORT app.py:15",
    ]);
  });

  it("fastapi-pep621: the optional dev group is not a runtime requirement", () => {
    expect(detect("fastapi-pep621").deps.requirements.map((req) => req.name)).not.toContain(
      "pytest",
    );
  });

  it("console-script: scripts and readme come from pyproject", () => {
    const { meta } = detect("console-script");
    expect(meta.scripts).toStrictEqual({ "hello-cli": "hello_cli.main:run" });
    expect(meta.buildNeeds).toStrictEqual(["README.md"]);
    expect(meta.version).toBe("1.0.0");
  });

  it("pyship-config: [tool.pyship] is loaded", () => {
    const config = loadConfig(detect("pyship-config").files);
    expect(config).toStrictEqual({
      command: ["gunicorn", "--workers", "2", "--bind", "0.0.0.0:9000", "site_app:app"],
      port: 9000,
      apt: { build: [], runtime: ["curl"] },
      user: { name: "web", uid: 10001 },
      source: { file: "pyproject.toml", line: 10, why: "[tool.pyship]" },
    });
  });
});

describe("broken fixtures fail with one located error", () => {
  it.each([
    { fixture: "broken-toml", code: "E_PARSE", file: "pyproject.toml", line: 6 },
    { fixture: "broken-requirements", code: "E_PARSE", file: "requirements.txt", line: 3 },
    { fixture: "broken-pipfile", code: "E_PARSE", file: "Pipfile", line: 7 },
    // GBK comments on line 1: not UTF-8, no BOM.
    { fixture: "requirements-gbk", code: "E_PARSE", file: "requirements.txt", line: 1 },
    { fixture: "unknown-config-key", code: "E_CONFIG", file: "pyproject.toml", line: 8 },
  ])("$fixture → $code at $file:$line", ({ fixture, code, file, line }) => {
    const files = scanProject(join(FIXTURES, fixture));
    const error = thrown(() => {
      loadConfig(files);
      const meta = detectProjectMeta(files);
      detectDependencies(files, meta, []);
      detectPython(files, meta);
    });
    expect({ code: error.code, file: error.file, line: error.line }).toStrictEqual({
      code,
      file,
      line,
    });
    expect(error.hint).toBeTruthy();
  });
});
