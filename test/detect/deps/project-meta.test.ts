// Project name, version, scripts and build-needed files, from each metadata source.
import { describe, expect, it } from "vitest";
import { detectProjectMeta, dockerSafeName } from "../../../src/detect/project-meta.js";
import { tempProject } from "./temp-project.js";

describe("detectProjectMeta", () => {
  it.each([
    {
      name: "PEP 621",
      files: { "pyproject.toml": '[project]\nname = "My_App"\nversion = "1.2.0"\n' },
      expected: { name: "my_app", version: "1.2.0", file: "pyproject.toml", line: 2 },
    },
    {
      name: "dynamic version",
      files: { "pyproject.toml": '[project]\nname = "x"\ndynamic = ["version"]\n' },
      expected: { name: "x", version: null, file: "pyproject.toml", line: 2 },
    },
    {
      name: "Poetry",
      files: { "pyproject.toml": '[tool.poetry]\nname = "shop"\nversion = "0.3.0"\n' },
      expected: { name: "shop", version: "0.3.0", file: "pyproject.toml", line: 2 },
    },
    {
      name: "setup.cfg",
      files: { "setup.cfg": "[metadata]\nname = Legacy.App\nversion = attr: legacy.__version__\n" },
      expected: { name: "legacy.app", version: null, file: "setup.cfg", line: 2 },
    },
    {
      name: "setup.py",
      files: { "setup.py": "setup(\n    name='old-app',\n    version=\"2.0\",\n)\n" },
      expected: { name: "old-app", version: "2.0", file: "setup.py", line: 2 },
    },
    {
      // typeidea: a release script fills it in; in a LABEL the Dockerfile would expand it.
      name: "setup.py with a placeholder version",
      files: { "setup.py": "setup(\n    name='typeidea',\n    version='\u0024{version}',\n)\n" },
      expected: { name: "typeidea", version: null, file: "setup.py", line: 2 },
    },
    {
      name: "directory",
      files: { "app.py": "" },
      expected: { name: "demo", version: null, file: ".", line: null },
    },
  ])("$name", ({ files, expected }) => {
    const meta = detectProjectMeta(tempProject(files));
    expect({
      name: meta.name,
      version: meta.version,
      file: meta.evidence.file,
      line: meta.evidence.line,
    }).toStrictEqual(expected);
  });

  it.each([
    ["My App", "my-app"],
    ["--weird__name..", "weird-name"],
    ["项目", "app"],
    ["Django_Site.v2", "django_site.v2"],
  ])("docker-safe %s → %s", (raw, safe) => {
    expect(dockerSafeName(raw)).toBe(safe);
  });

  it("collects console scripts from every source, earlier ones winning", () => {
    const meta = detectProjectMeta(
      tempProject({
        "pyproject.toml":
          '[project]\nname = "x"\n[project.scripts]\nserve = "x.cli:serve"\n[tool.poetry.scripts]\nserve = "other:main"\nmigrate = { reference = "x.db:migrate", type = "console" }\n',
        "setup.cfg": "[options.entry_points]\nconsole_scripts =\n    cfg-tool = x.cfg:main\n",
        "setup.py": "setup(entry_points={'console_scripts': ['py-tool = x.py:main']})\n",
      }),
    );
    expect(meta.scripts).toStrictEqual({
      serve: "x.cli:serve",
      migrate: "x.db:migrate",
      "cfg-tool": "x.cfg:main",
      "py-tool": "x.py:main",
    });
  });

  it("lists only existing files the build reads", () => {
    const meta = detectProjectMeta(
      tempProject({
        "pyproject.toml":
          '[project]\nname = "x"\nreadme = { file = "README.rst" }\nlicense = { file = "LICENSE" }\nlicense-files = ["LICEN[CS]E*", "AUTHORS*"]\n',
        "README.rst": "",
        LICENSE: "",
        "LICENSE-APACHE": "",
      }),
    );
    expect(meta.buildNeeds).toStrictEqual(["LICENSE", "LICENSE-APACHE", "README.rst"]);
  });

  it("finds files setup.py and setup.cfg read", () => {
    const meta = detectProjectMeta(
      tempProject({
        "setup.py":
          "setup(long_description=open('README.md').read(), version=open('VERSION').read())\n",
        "setup.cfg": "[metadata]\nlong_description = file: CHANGES.md\n",
        "README.md": "",
        VERSION: "1.0",
        "CHANGES.md": "",
      }),
    );
    expect(meta.buildNeeds).toStrictEqual(["CHANGES.md", "README.md", "VERSION"]);
  });
});
