// Manifests and locks pyship reads itself into pip lines: one row per fixture, the whole list.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Warning } from "../../../src/core/pipeline.js";
import { detectDependencies } from "../../../src/detect/deps/detect-dependencies.js";
import { scanProject } from "../../../src/detect/project-files.js";
import { detectProjectMeta } from "../../../src/detect/project-meta.js";
import { FIXTURES, tempProject } from "./temp-project.js";

function resolvedOf(root: string) {
  const files = scanProject(root);
  const warnings: Warning[] = [];
  const deps = detectDependencies(files, detectProjectMeta(files), warnings);
  const resolved = deps.install.resolved;
  // Hash continuation lines are checked by count: the names and markers are what differ.
  const lines = resolved?.lines.map((line) => line.split(" \\\n")[0]) ?? [];
  const hashes = resolved?.lines.map((line) => line.split("--hash=").length - 1) ?? [];
  return { lines, hashes, resolved, warnings };
}

const ROWS: ReadonlyArray<{ fixture: string; lines: string[]; hashed: boolean }> = [
  {
    fixture: "pdm-lock-legacy",
    hashed: true,
    // lock_version 4.4 without inherit_metadata: no groups, so the runtime set is walked
    // from [project].dependencies and pytest, pluggy, iniconfig (dev) are left out.
    lines: [
      "blinker==1.9.0",
      "click==8.5.1",
      "flask==3.1.3",
      "gunicorn==23.0.0",
      "itsdangerous==2.2.0",
      "jinja2==3.1.6",
      "markupsafe==3.0.4",
      "packaging==26.3",
      "werkzeug==3.1.9",
    ],
  },
  {
    fixture: "pipfile-nolock",
    hashed: false,
    lines: [
      "flask~=3.1",
      "gunicorn[gevent]>=23 ; sys_platform != 'win32'",
      "waitress ; sys_platform == 'win32'",
    ],
  },
  { fixture: "poetry-nolock", hashed: false, lines: ["flask>=3.1,<4.0", "gunicorn>=23.0,<23.1"] },
];

describe("requirements pyship resolves itself", () => {
  it.each(ROWS)("$fixture → pip lines", ({ fixture, lines, hashed }) => {
    const got = resolvedOf(join(FIXTURES, fixture));
    expect(got.lines).toStrictEqual(lines);
    expect(got.resolved?.hashed).toBe(hashed);
    expect(got.hashes.every((count) => (hashed ? count > 0 : count === 0))).toBe(true);
    expect(got.resolved?.source?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("poetry.lock 1.x: hashes from [metadata.files], markers kept, dev category and local paths left out", () => {
    const root = tempProject({
      "pyproject.toml":
        '[tool.poetry]\nname = "a"\n\n[tool.poetry.dependencies]\npython = "^3.11"\nflask = "^3"\n',
      "poetry.lock": [
        '[[package]]\nname = "flask"\nversion = "3.1.3"\ncategory = "main"\n\n[package.source]\ntype = "legacy"\nurl = "https://pypi.example.com/simple"\nreference = "corp"\n',
        '[[package]]\nname = "colorama"\nversion = "0.4.6"\ncategory = "main"\nmarkers = "sys_platform == \\"win32\\""\n',
        '[[package]]\nname = "pytest"\nversion = "8.3.0"\ncategory = "dev"\n',
        '[[package]]\nname = "mylib"\nversion = "0.1.0"\ncategory = "main"\n\n[package.source]\ntype = "directory"\nurl = "../mylib"\n',
        '[metadata]\nlock-version = "1.1"\n\n[metadata.files]\nflask = [{file = "flask-3.1.3.whl", hash = "sha256:aa"}]\ncolorama = [{file = "colorama-0.4.6.whl", hash = "sha256:bb"}]\npytest = []\nmylib = []\n',
      ].join("\n"),
    });
    const got = resolvedOf(root.root);
    expect(got.resolved?.lines).toStrictEqual([
      "flask==3.1.3 \\\n    --hash=sha256:aa",
      'colorama==0.4.6 ; sys_platform == "win32" \\\n    --hash=sha256:bb',
    ]);
    expect(got.warnings.map((w) => w.code)).toStrictEqual([
      "W_LOCK_LOCAL_PACKAGE",
      "W_LOCK_OTHER_INDEX",
    ]);
  });

  it("poetry.lock 2.0 without package markers: a package only marked edges reach gets their marker (pywin32)", () => {
    const root = tempProject({
      "pyproject.toml":
        '[tool.poetry]\nname = "a"\n\n[tool.poetry.dependencies]\npython = "^3.10"\njupyter-core = "^5"\ncolorama = "*"\n',
      "poetry.lock": [
        '[[package]]\nname = "jupyter-core"\nversion = "5.3.0"\ncategory = "main"\noptional = false\n\n[package.dependencies]\nplatformdirs = ">=2.5"\npywin32 = {version = ">=300", markers = "sys_platform == \\"win32\\" and platform_python_implementation != \\"PyPy\\""}\ncolorama = {version = "*", markers = "sys_platform == \\"win32\\""}\n',
        '[[package]]\nname = "platformdirs"\nversion = "3.5.1"\ncategory = "main"\noptional = false\n',
        '[[package]]\nname = "pywin32"\nversion = "306"\ncategory = "main"\noptional = false\n',
        '[[package]]\nname = "colorama"\nversion = "0.4.6"\ncategory = "main"\noptional = false\n',
        '[metadata]\nlock-version = "2.0"\n',
      ].join("\n"),
    });
    expect(resolvedOf(root.root).lines).toStrictEqual([
      "jupyter-core==5.3.0",
      "platformdirs==3.5.1",
      'pywin32==306 ; sys_platform == "win32" and platform_python_implementation != "PyPy"',
      // declared by the project itself: always installed, whatever an edge says
      "colorama==0.4.6",
    ]);
  });

  it("uv.lock: a marker on an edge carries on to what that package pulls in", () => {
    const root = tempProject({
      "pyproject.toml": '[project]\nname = "a"\nversion = "1"\ndependencies = ["click", "web"]\n',
      "uv.lock": [
        'version = 1\n\n[[package]]\nname = "a"\nversion = "1"\nsource = { editable = "." }\ndependencies = [{ name = "click" }, { name = "web" }]\n',
        '[[package]]\nname = "click"\nversion = "8"\nsource = { registry = "https://pypi.org/simple" }\ndependencies = [{ name = "colorama", marker = "sys_platform == \'win32\'" }]\n',
        '[[package]]\nname = "colorama"\nversion = "0.4"\nsource = { registry = "https://pypi.org/simple" }\ndependencies = [{ name = "winhelper" }]\n',
        '[[package]]\nname = "winhelper"\nversion = "1"\nsource = { registry = "https://pypi.org/simple" }\n',
        '[[package]]\nname = "web"\nversion = "2"\nsource = { git = "https://github.com/o/web?rev=main#abc123" }\n',
        '[[package]]\nname = "pytest"\nversion = "8"\nsource = { registry = "https://pypi.org/simple" }\n',
      ].join("\n"),
    });
    expect(resolvedOf(root.root).lines).toStrictEqual([
      "click==8",
      "web @ git+https://github.com/o/web@abc123",
      "colorama==0.4 ; sys_platform == 'win32'",
      "winhelper==1 ; sys_platform == 'win32'",
    ]);
  });

  it("Pipfile.lock: markers, hashes and git sources of [default] only", () => {
    const root = tempProject({
      Pipfile: '[packages]\nflask = "*"\n',
      "Pipfile.lock": JSON.stringify({
        default: {
          flask: { version: "==3.1.3", hashes: ["sha256:aa"], markers: "python_version >= '3.9'" },
          tool: { git: "https://github.com/o/tool.git", ref: "abc" },
        },
        develop: { pytest: { version: "==8.3.0", hashes: ["sha256:cc"] } },
      }),
    });
    expect(resolvedOf(root.root).resolved?.lines).toStrictEqual([
      "flask==3.1.3 ; python_version >= '3.9'",
      "tool @ git+https://github.com/o/tool.git@abc",
    ]);
  });

  it("pdm.lock without groups: extras entries merged into one line naming the extra, edge markers kept, dev left out", () => {
    const root = tempProject({
      "pyproject.toml": '[project]\nname = "a"\nversion = "1"\ndependencies = ["fastapi[all]"]\n',
      "pdm.lock": [
        '[metadata]\nlock_version = "4.4"\nstrategy = ["cross_platform"]\n',
        '[[package]]\nname = "fastapi"\nversion = "1"\ndependencies = ["click"]\nfiles = [{file = "f.whl", hash = "sha256:f1"}]\n',
        '[[package]]\nname = "fastapi"\nversion = "1"\nextras = ["all"]\ndependencies = ["fastapi==1", "uvloop; sys_platform != \\"win32\\""]\nfiles = [{file = "f.whl", hash = "sha256:f1"}]\n',
        '[[package]]\nname = "click"\nversion = "8"\ndependencies = ["colorama; platform_system == \\"Windows\\""]\nfiles = [{file = "c.whl", hash = "sha256:c1"}]\n',
        '[[package]]\nname = "colorama"\nversion = "0.4"\nfiles = [{file = "co.whl", hash = "sha256:co"}]\n',
        '[[package]]\nname = "uvloop"\nversion = "0.19"\nfiles = [{file = "u.whl", hash = "sha256:u1"}]\n',
        '[[package]]\nname = "pytest"\nversion = "8"\nfiles = [{file = "p.whl", hash = "sha256:p1"}]\n',
      ].join("\n"),
    });
    expect(resolvedOf(root.root).lines).toStrictEqual([
      "fastapi[all]==1",
      "click==8",
      'colorama==0.4 ; platform_system == "Windows"',
      'uvloop==0.19 ; sys_platform != "win32"',
    ]);
  });

  it.each([
    [
      "uv.lock: fastapi-cli asks for uvicorn[standard]",
      {
        "pyproject.toml": '[project]\nname = "a"\nversion = "1"\ndependencies = ["fastapi-cli"]\n',
        "uv.lock": [
          'version = 1\nrequires-python = ">=3.12"\n',
          '[[package]]\nname = "a"\nversion = "1"\nsource = { virtual = "." }\ndependencies = [{ name = "fastapi-cli" }]\n',
          '[[package]]\nname = "fastapi-cli"\nversion = "0.0.5"\nsource = { registry = "https://pypi.org/simple" }\ndependencies = [{ name = "uvicorn", extra = ["standard"] }]\nwheels = [{ url = "https://files.example/fastapi_cli-0.0.5-py3-none-any.whl", hash = "sha256:f1" }]\n',
          '[[package]]\nname = "uvicorn"\nversion = "0.30.6"\nsource = { registry = "https://pypi.org/simple" }\n[package.optional-dependencies]\nstandard = [{ name = "httptools" }]\n',
          '[[package]]\nname = "httptools"\nversion = "0.6.1"\nsource = { registry = "https://pypi.org/simple" }\nsdist = { url = "https://files.example/httptools-0.6.1.tar.gz", hash = "sha256:h0" }\nwheels = [{ url = "https://files.example/httptools-0.6.1-cp312-cp312-manylinux_2_17_x86_64.whl#sha256=h1", hash = "sha256:h1" }]\n',
        ].join("\n"),
      },
      ["fastapi-cli==0.0.5", "uvicorn[standard]==0.30.6", "httptools==0.6.1"],
      ["httptools-0.6.1.tar.gz", "httptools-0.6.1-cp312-cp312-manylinux_2_17_x86_64.whl"],
    ],
    [
      "poetry.lock: fastapi asks for uvicorn[standard], an optional one's extras are not asked",
      {
        "pyproject.toml":
          '[tool.poetry]\nname = "a"\nversion = "1"\n[tool.poetry.dependencies]\npython = "^3.11"\nfastapi = "*"\n',
        "poetry.lock": [
          '[[package]]\nname = "fastapi"\nversion = "0.111.0"\ngroups = ["main"]\nfiles = [{file = "fastapi-0.111.0-py3-none-any.whl", hash = "sha256:f1"}]\n[package.dependencies]\nuvicorn = {version = ">=0.12.0", extras = ["standard"]}\nemail-validator = {version = ">=2", optional = true, extras = ["idna"]}\n',
          '[[package]]\nname = "uvicorn"\nversion = "0.30.1"\ngroups = ["main"]\nfiles = [{file = "uvicorn-0.30.1-py3-none-any.whl", hash = "sha256:u1"}]\n',
          '[[package]]\nname = "httptools"\nversion = "0.6.1"\npython-versions = ">=3.8.0"\ngroups = ["main"]\nfiles = [{file = "httptools-0.6.1-cp312-cp312-manylinux_2_17_x86_64.whl", hash = "sha256:h1"}]\n',
          '[metadata]\nlock-version = "2.0"\n',
        ].join("\n"),
      },
      ["fastapi==0.111.0", "uvicorn[standard]==0.30.1", "httptools==0.6.1"],
      ["httptools-0.6.1-cp312-cp312-manylinux_2_17_x86_64.whl"],
    ],
  ])(
    "%s: the pinned line names the extra; the lock's files are kept",
    (_name, tree, lines, httptools) => {
      const root = tempProject(tree);
      expect(resolvedOf(root.root).lines).toStrictEqual(lines);
      const files = scanProject(root.root);
      const deps = detectDependencies(files, detectProjectMeta(files), []);
      const locked = deps.lockedFiles?.find((release) => release.name === "httptools");
      expect(locked?.files.map((file) => file.filename)).toStrictEqual(httptools);
    },
  );
});
