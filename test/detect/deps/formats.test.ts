// The format table: which manifest wins, what is reported as ignored, and each format's parsing.
import { describe, expect, it } from "vitest";
import type { Warning } from "../../../src/core/pipeline.js";
import { detectDependencies } from "../../../src/detect/deps/detect-dependencies.js";
import { poetryToPep440 } from "../../../src/detect/deps/poetry-constraint.js";
import { detectProjectMeta } from "../../../src/detect/project-meta.js";
import { tempProject, thrown } from "./temp-project.js";

function deps(files: Record<string, string | undefined>) {
  const project = tempProject(files);
  const warnings: Warning[] = [];
  return { ...detectDependencies(project, detectProjectMeta(project), warnings), warnings };
}

const PEP621 = '[project]\nname = "x"\nversion = "1"\ndependencies = ["flask>=3"]\n';
const POETRY =
  '[tool.poetry]\nname = "x"\nversion = "1"\n\n[tool.poetry.dependencies]\npython = "^3.11"\nflask = "^3.1"\n';
const LOCK = (name: string) =>
  `version = 1\n\n[[package]]\nname = "${name}"\nversion = "3.1.0"\ngroups = ["main"]\n`;
const PIPFILE = '[packages]\nflask = "*"\n\n[dev-packages]\npytest = "*"\n';

describe("precedence", () => {
  it.each([
    {
      name: "poetry.lock beats requirements.txt",
      files: {
        "pyproject.toml": POETRY,
        "poetry.lock": LOCK("flask"),
        "requirements.txt": "flask\n",
      },
      strategy: "poetry-lock",
      ignored: ["requirements.txt"],
    },
    {
      name: "uv.lock beats Pipfile.lock",
      files: {
        "pyproject.toml": PEP621,
        "uv.lock": LOCK("flask"),
        Pipfile: PIPFILE,
        "Pipfile.lock": "{}",
      },
      strategy: "uv-lock",
      ignored: ["Pipfile.lock", "Pipfile"],
    },
    {
      name: "two locks: poetry first",
      files: { "pyproject.toml": POETRY, "poetry.lock": LOCK("flask"), "uv.lock": LOCK("flask") },
      strategy: "poetry-lock",
      ignored: ["uv.lock"],
    },
    {
      name: "pyproject beats requirements.txt",
      files: { "pyproject.toml": PEP621, "requirements.txt": "flask\n" },
      strategy: "pyproject",
      ignored: ["requirements.txt"],
    },
    {
      // chatgpt-on-wechat: pyproject declares its CLI's needs, requirements.txt the app's.
      name: "a requirements.txt holding every pyproject dependency and more is the app's list",
      files: {
        "pyproject.toml":
          '[project]\nname = "x"\nversion = "1"\ndependencies = ["click>=8.0", "requests"]\n',
        "requirements.txt": "aiohttp\nrequests>=2.28\nweb.py\nclick>=8.0\n",
      },
      strategy: "requirements",
      ignored: ["pyproject.toml"],
    },
    {
      name: "the same names, nothing more: pyproject still wins",
      files: {
        "pyproject.toml": PEP621,
        "requirements.txt": "flask==3.1.0\n",
      },
      strategy: "pyproject",
      ignored: ["requirements.txt"],
    },
    {
      name: "requirements.txt missing one of pyproject's: pyproject wins",
      files: {
        "pyproject.toml":
          '[project]\nname = "x"\nversion = "1"\ndependencies = ["flask>=3", "redis"]\n',
        "requirements.txt": "flask\ngunicorn\nsentry-sdk\n",
      },
      strategy: "pyproject",
      ignored: ["requirements.txt"],
    },
    {
      name: "requirements.txt beats setup.py",
      files: { "setup.py": "setup(install_requires=['flask'])", "requirements.txt": "flask\n" },
      strategy: "requirements",
      ignored: ["setup.py"],
    },
    {
      name: "requirements.txt beats a lock-less Pipfile",
      files: { Pipfile: PIPFILE, "requirements.txt": "flask\n" },
      strategy: "requirements",
      ignored: ["Pipfile"],
    },
    {
      name: "dynamic dependencies fall through to requirements.txt",
      files: {
        "pyproject.toml": '[project]\nname = "x"\ndynamic = ["dependencies"]\n',
        "requirements.txt": "flask\n",
      },
      strategy: "requirements",
      ignored: ["pyproject.toml"],
    },
    {
      name: "a lock without its manifest is ignored",
      files: { "poetry.lock": LOCK("flask"), "requirements.txt": "flask\n" },
      strategy: "requirements",
      ignored: ["poetry.lock"],
    },
    { name: "nothing at all", files: { "app.py": "" }, strategy: "none", ignored: [] },
  ])("$name", ({ files, strategy, ignored }) => {
    const facts = deps(files);
    expect(facts.install.strategy).toBe(strategy);
    expect(facts.ignored.map((entry) => entry.file)).toStrictEqual(ignored);
    for (const entry of facts.ignored) expect(entry.why).toMatch(/\w/);
  });

  it("says why a lock won in its evidence", () => {
    const facts = deps({
      "pyproject.toml": POETRY,
      "poetry.lock": LOCK("flask"),
      "requirements.txt": "flask\n",
    });
    expect(facts.install.evidence).toStrictEqual({
      file: "poetry.lock",
      line: null,
      why: "poetry.lock pins every version: pyship reads it and pip installs exactly what was tested",
      text: { key: "ev.deps.lock", params: { tool: "pip", lock: "poetry.lock" } },
    });
    expect(facts.ignored[0]?.why).toBe(
      "not used: poetry.lock takes precedence (a lock file beats loose manifests)",
    );
  });

  it("warns when the lock misses a declared package", () => {
    const facts = deps({ "pyproject.toml": POETRY, "poetry.lock": LOCK("django") });
    expect(facts.warnings.map((w) => [w.code, w.file, w.line])).toStrictEqual([
      ["LOCK_OUTDATED", "pyproject.toml", 7],
    ]);
  });
});

describe("pyproject", () => {
  it("PEP 621 dependencies carry their own lines", () => {
    const facts = deps({
      "pyproject.toml":
        '[project]\nname = "x"\ndependencies = [\n  "fastapi>=0.110",\n  "uvicorn[standard]",\n]\n[project.optional-dependencies]\ndev = ["pytest"]\n',
    });
    expect(facts.requirements.map((req) => [req.name, req.spec, req.evidence.line])).toStrictEqual([
      ["fastapi", "fastapi>=0.110", 4],
      ["uvicorn", "uvicorn[standard]", 5],
    ]);
  });

  it("Poetry dependencies: caret, tilde, tables, optional and git", () => {
    const text = [
      "[tool.poetry.dependencies]",
      'python = "^3.10"',
      'flask = "^3.1"',
      'gunicorn = "~23.0.1"',
      'uvicorn = { version = "^0.30", extras = ["standard"] }',
      'lxml = { version = "*", optional = true }',
      'mylib = { git = "https://github.com/org/mylib.git" }',
    ].join("\n");
    const facts = deps({ "pyproject.toml": text });
    expect(facts.install.tool).toBe("poetry");
    expect(facts.requirements.map((req) => [req.spec, req.evidence.line])).toStrictEqual([
      ["flask>=3.1,<4.0", 3],
      ["gunicorn>=23.0.1,<23.1.0", 4],
      ["uvicorn[standard]>=0.30,<0.31", 5],
      ["mylib @ git+https://github.com/org/mylib.git", 7],
    ]);
  });

  it("a package with no dependencies but a build backend still installs itself", () => {
    const facts = deps({
      "pyproject.toml":
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n[project]\nname = "x"\n[project.scripts]\nx = "x:main"\n',
      "x.py": "def main():\n    pass\n",
    });
    expect([facts.install.strategy, facts.install.installProject, facts.ignored]).toStrictEqual([
      "pyproject",
      true,
      [],
    ]);
  });

  it("a console script that only points into a dependency does not make the app a package", () => {
    // litestar-hello-world: `app = "litestar.__main__:run_cli"`, app.py at the root, hatchling.
    const facts = deps({
      "pyproject.toml":
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n[project]\nname = "hello-world"\ndependencies = ["litestar"]\n[project.scripts]\napp = "litestar.__main__:run_cli"\n',
      "app.py": "from litestar import Litestar\napp = Litestar([])\n",
    });
    expect([facts.install.strategy, facts.install.installProject]).toStrictEqual([
      "pyproject",
      false,
    ]);
  });

  it.each([
    ["a package folder that exists", { "demo_pkg/__init__.py": "" }, true],
    ["a module under from = src", { "src/demo_pkg.py": "" }, true],
    ["a template's package name with no such folder (panel-demo)", {}, false],
  ])("[tool.poetry] packages naming %s → installs the project: %s", (_label, tree, expected) => {
    const from = Object.keys(tree)[0]?.startsWith("src/") ? ', from = "src"' : "";
    const facts = deps({
      "pyproject.toml": `[tool.poetry]\nname = "demo"\nversion = "0.1.0"\npackages = [{include = "demo_pkg"${from}}]\n\n[tool.poetry.dependencies]\npython = "^3.10"\npanel = "^1"\n`,
      "app.py": "import panel as pn\npn.panel('hi').servable()\n",
      ...tree,
    });
    expect(facts.install.installProject).toBe(expected);
  });

  // Flask's examples/celery: flit, src/task_app, no scripts; make_celery.py imports task_app.
  it.each([
    [
      "a src/ layout with a build backend",
      {
        "pyproject.toml":
          '[project]\nname = "x"\nversion = "1"\ndependencies = ["flask"]\n\n[build-system]\nrequires = ["flit_core<4"]\nbuild-backend = "flit_core.buildapi"\n',
        "src/task_app/__init__.py": "",
      },
      true,
    ],
    [
      "a setup.py naming its packages, beside requirements.txt",
      {
        "setup.py": "from setuptools import setup\nsetup(name='x', packages=['shop'])\n",
        "requirements.txt": "flask\n",
        "shop/__init__.py": "",
      },
      true,
    ],
    [
      "a plain app with a pyproject and no package",
      { "pyproject.toml": PEP621, "app.py": "" },
      false,
    ],
  ])("%s → the project is installed (%#)", (_label, tree, expected) => {
    expect(deps(tree).install.installProject).toBe(expected);
  });

  it("an invalid PEP 508 string names its line", () => {
    const error = thrown(() =>
      deps({
        "pyproject.toml": '[project]\nname = "x"\ndependencies = [\n  "flask",\n  "bad==",\n]\n',
      }),
    );
    expect([error.code, error.file, error.line]).toStrictEqual(["E_PARSE", "pyproject.toml", 5]);
  });
});

describe("Pipfile", () => {
  it("reads [packages] only, and warns without a lock", () => {
    const facts = deps({
      Pipfile:
        '[packages]\nFlask = "==3.1.0"\nrequests = {version = ">=2", extras = ["socks"]}\n\n[dev-packages]\npytest = "*"\n',
    });
    expect(facts.requirements.map((req) => [req.name, req.spec, req.evidence.line])).toStrictEqual([
      ["flask", "Flask==3.1.0", 2],
      ["requests", "requests[socks]>=2", 3],
    ]);
    expect([
      facts.install.tool,
      facts.install.files,
      facts.warnings.map((w) => w.code),
    ]).toStrictEqual(["pipenv", ["Pipfile"], ["PIPFILE_NO_LOCK"]]);
  });

  it.each([
    { files: { Pipfile: "[packages]\nflask = ==3\n" }, file: "Pipfile", line: 2 },
    { files: { Pipfile: '[packages]\nflask = "banana"\n' }, file: "Pipfile", line: 2 },
    {
      files: {
        Pipfile: '[packages]\nflask = "*"\n',
        "Pipfile.lock": '{\n  "default": {\n    "flask": \n  }\n}\n',
      },
      file: "Pipfile.lock",
      line: 4,
    },
  ])("bad input in $file → E_PARSE line $line", ({ files, file, line }) => {
    const error = thrown(() => deps(files));
    expect([error.code, error.file, error.line]).toStrictEqual(["E_PARSE", file, line]);
  });
});

describe("setup.py and setup.cfg", () => {
  it("reads install_requires literally, through a module-level constant, without running it", () => {
    const text =
      "import os\nREQUIRES = [\n    'flask>=3',  # web\n    \"gunicorn\",\n]\nsetup(name='x', packages=['x'], install_requires=REQUIRES)\nos.system('rm -rf /')\n";
    const facts = deps({ "setup.py": text, "README.md": "" });
    expect(facts.requirements.map((req) => [req.name, req.evidence.line])).toStrictEqual([
      ["flask", 3],
      ["gunicorn", 4],
    ]);
    expect([facts.install.strategy, facts.install.installProject]).toStrictEqual([
      "setup-py",
      true,
    ]);
  });

  it("warns when install_requires is computed", () => {
    const facts = deps({ "setup.py": "setup(install_requires=open('req.txt').read().split())\n" });
    expect(facts.warnings.map((w) => w.code)).toStrictEqual(["SETUP_PY_DYNAMIC"]);
  });

  it("copies files setup.py reads with the dependency layer", () => {
    const facts = deps({
      "setup.py": "setup(long_description=open('README.md').read(), install_requires=['flask'])\n",
      "README.md": "hi",
    });
    expect(facts.install.files).toStrictEqual(["setup.py", "README.md"]);
  });

  it("reads setup.cfg [options] install_requires with markers", () => {
    const facts = deps({
      "setup.cfg":
        '[metadata]\nname = x\n\n[options]\ninstall_requires =\n    flask>=3\n    tomli; python_version < "3.11"\n',
    });
    expect(facts.requirements.map((req) => [req.spec, req.evidence.line])).toStrictEqual([
      ["flask>=3", 6],
      ['tomli; python_version < "3.11"', 7],
    ]);
  });
});

describe("Poetry constraints → PEP 440", () => {
  it.each([
    ["^1.2.3", [">=1.2.3,<2.0.0"]],
    ["^0.2.3", [">=0.2.3,<0.3.0"]],
    ["^0.0.3", [">=0.0.3,<0.0.4"]],
    ["^0", [">=0,<1.0"]],
    ["~1.2.3", [">=1.2.3,<1.3.0"]],
    ["~1.2", [">=1.2,<1.3"]],
    ["~1", [">=1,<2.0"]],
    ["~=1.4", ["~=1.4"]],
    ["1.2.*", ["==1.2.*"]],
    ["*", [""]],
    ["2.0.1", ["==2.0.1"]],
    [">=1.2, <2.0", [">=1.2,<2.0"]],
    [">=1.2 <2.0", [">=1.2,<2.0"]],
    ["^3.8 || ^4.0", [">=3.8,<4.0", ">=4.0,<5.0"]],
    ["banana", null],
  ])("%s", (constraint, expected) => {
    expect(poetryToPep440(constraint)).toStrictEqual(expected);
  });
});
