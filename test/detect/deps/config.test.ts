// [tool.pyship] / pyship.toml: every key, and every way to get one wrong.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/detect/config.js";
import { tempProject, thrown } from "./temp-project.js";

const inPyproject = (body: string) => ({
  "pyproject.toml": `[project]\nname = "x"\n\n[tool.pyship]\n${body}`,
});

describe("loadConfig", () => {
  it("no settings → empty config", () => {
    expect(loadConfig(tempProject({ "app.py": "" }))).toStrictEqual({ source: null });
    expect(loadConfig(tempProject({ "pyproject.toml": '[project]\nname = "x"\n' }))).toStrictEqual({
      source: null,
    });
  });

  it.each([
    { body: 'command = ["gunicorn", "app:app"]\n', expected: { command: ["gunicorn", "app:app"] } },
    {
      body: "command = \"uvicorn main:api --host '0.0.0.0'\"\n",
      expected: { command: ["uvicorn", "main:api", "--host", "0.0.0.0"] },
    },
    {
      body: 'command = "python seed.py && gunicorn app:app"\n',
      expected: {
        command: ["gunicorn", "app:app"],
        commandShell: {
          script: "set -e; python seed.py && exec gunicorn app:app",
          last: ["gunicorn", "app:app"],
          execd: true,
        },
      },
    },
    { body: "port = 8080\n", expected: { port: 8080 } },
    { body: 'python = "3.12"\n', expected: { python: "3.12" } },
    {
      body: 'base-image = "registry.local/python:3.12-slim"\n',
      expected: { baseImage: "registry.local/python:3.12-slim" },
    },
    {
      body: 'apt = { runtime = ["libpq5"] }\n',
      expected: { apt: { build: [], runtime: ["libpq5"] } },
    },
    {
      body: '[tool.pyship.apt]\nbuild = ["gcc", "libpq-dev"]\nruntime = ["libpq5"]\n',
      expected: { apt: { build: ["gcc", "libpq-dev"], runtime: ["libpq5"] } },
    },
    {
      body: 'user = { name = "web", uid = 10001 }\n',
      expected: { user: { name: "web", uid: 10001 } },
    },
    { body: '[tool.pyship.lint]\nignore = ["PS001"]\n', expected: {} },
  ])("$body", ({ body, expected }) => {
    const config = loadConfig(tempProject(inPyproject(body)));
    expect(config).toStrictEqual({
      ...expected,
      source: { file: "pyproject.toml", line: 4, why: "[tool.pyship]" },
    });
  });

  it("reads pyship.toml when pyproject has no [tool.pyship]", () => {
    const config = loadConfig(
      tempProject({ "pyproject.toml": '[project]\nname = "x"\n', "pyship.toml": "port = 5000\n" }),
    );
    expect(config).toStrictEqual({
      port: 5000,
      source: { file: "pyship.toml", line: null, why: "pyship.toml" },
    });
  });

  it("[tool.pyship] wins over pyship.toml and says so", () => {
    const config = loadConfig(
      tempProject({ ...inPyproject("port = 1\n"), "pyship.toml": "port = 2\n" }),
    );
    expect(config.port).toBe(1);
    expect(config.source?.why).toBe("[tool.pyship] (pyship.toml is ignored)");
  });
});

describe("config errors name the key, file and line", () => {
  it.each([
    {
      body: "port = 8000\nprot = 1\n",
      line: 6,
      message: 'unknown key "prot" in [tool.pyship]',
      hint: /did you mean "port"/,
    },
    {
      body: 'port = "8000"\n',
      line: 5,
      message: "[tool.pyship] port must be an integer from 1 to 65535",
    },
    {
      body: "port = 70000\n",
      line: 5,
      message: "[tool.pyship] port must be an integer from 1 to 65535",
    },
    {
      body: "port = 80.5\n",
      line: 5,
      message: "[tool.pyship] port must be an integer from 1 to 65535",
    },
    { body: "command = []\n", line: 5, message: "[tool.pyship] command must not be empty" },
    {
      body: "command = [1, 2]\n",
      line: 5,
      message: "[tool.pyship] command must be a string or an array of strings",
    },
    {
      body: 'command = "gunicorn \'app:app"\n',
      line: 5,
      message: "[tool.pyship] command has an unclosed quote",
    },
    { body: "python = 3.12\n", line: 5, message: /python must be one of "3.6"/ },
    { body: 'python = "2.7"\n', line: 5, message: /python must be one of/ },
    {
      body: 'base-image = "python:3.12 slim"\n',
      line: 5,
      message: /base-image must be an image reference/,
    },
    {
      body: 'apt = ["gcc"]\n',
      line: 5,
      message: "[tool.pyship] apt must be a table with build and runtime",
    },
    {
      body: '[tool.pyship.apt]\nruntime = ["libpq5; rm -rf /"]\n',
      line: 6,
      message: /apt.runtime has "libpq5; rm -rf \/"/,
    },
    {
      body: '[tool.pyship.apt]\nbuild = ["gcc"]\nrun = ["x"]\n',
      line: 7,
      message: "[tool.pyship] apt.run is not a known key (use build or runtime)",
    },
    {
      body: '[tool.pyship.user]\nname = "web"\nuid = 0\n',
      line: 7,
      message: /user.uid must be a non-zero integer user id/,
    },
    {
      body: 'user = { name = "Web User", uid = 1000 }\n',
      line: 5,
      message: "[tool.pyship] user.name must be a lower-case user name",
    },
  ])("$body", ({ body, line, message, hint }) => {
    const error = thrown(() => loadConfig(tempProject(inPyproject(body))));
    expect([error.code, error.file, error.line]).toStrictEqual([
      "E_CONFIG",
      "pyproject.toml",
      line,
    ]);
    if (typeof message === "string") expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    if (hint) expect(error.hint).toMatch(hint);
  });

  it("pyship.toml errors point into pyship.toml", () => {
    const error = thrown(() =>
      loadConfig(tempProject({ "pyship.toml": "# settings\nport = 1\nworkers = 4\n" })),
    );
    expect([error.code, error.file, error.line, error.message]).toStrictEqual([
      "E_CONFIG",
      "pyship.toml",
      3,
      'unknown key "workers" in pyship.toml',
    ]);
  });

  it("malformed TOML is E_PARSE with its line", () => {
    const error = thrown(() =>
      loadConfig(tempProject({ "pyship.toml": "port = 1\ncommand = [\n" })),
    );
    expect([error.code, error.file]).toStrictEqual(["E_PARSE", "pyship.toml"]);
    expect(error.line).toBeGreaterThan(0);
  });
});
