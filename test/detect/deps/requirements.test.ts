// pip requirements files: line syntax, includes, split layouts, and the errors users hit.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Warning } from "../../../src/core/pipeline.js";
import { detectDependencies } from "../../../src/detect/deps/detect-dependencies.js";
import { detectProjectMeta } from "../../../src/detect/project-meta.js";
import { tempProject, thrown } from "./temp-project.js";

function deps(files: Record<string, string>) {
  const project = tempProject(files);
  const warnings: Warning[] = [];
  const facts = detectDependencies(project, detectProjectMeta(project), warnings);
  return { ...facts, warnings };
}

describe("requirements lines", () => {
  it.each([
    { text: "Flask==3.1.0\n", names: ["flask"], specs: ["Flask==3.1.0"] },
    { text: "# comment\n\nflask  # web framework\n", names: ["flask"], specs: ["flask"] },
    {
      text: "--index-url https://mirror.example/simple\n--extra-index-url https://x/simple\n--no-binary :all:\nrequests\n",
      names: ["requests"],
      specs: ["requests"],
    },
    {
      text: 'requests[socks,security]>=2.31,<3 ; python_version >= "3.8"\n',
      names: ["requests"],
      specs: ['requests[socks,security]>=2.31,<3 ; python_version >= "3.8"'],
    },
    {
      text: "psycopg2==2.9.10 \\\n    --hash=sha256:aaa \\\n    --hash=sha256:bbb\n",
      names: ["psycopg2"],
      specs: ["psycopg2==2.9.10"],
    },
    {
      text: "Django_REST.framework~=3.15\n",
      names: ["django-rest-framework"],
      specs: ["Django_REST.framework~=3.15"],
    },
    {
      text: "mylib @ https://example.com/mylib-1.0.tar.gz\n",
      names: ["mylib"],
      specs: ["mylib @ https://example.com/mylib-1.0.tar.gz"],
    },
    {
      text: "git+https://github.com/org/tool.git@v1#egg=Tool_X\n",
      names: ["tool-x"],
      specs: ["git+https://github.com/org/tool.git@v1#egg=Tool_X"],
    },
    {
      text: "-e git+https://github.com/org/lib.git#egg=lib\n",
      names: ["lib"],
      specs: ["git+https://github.com/org/lib.git#egg=lib"],
    },
    { text: "flask\\\n>=3\n", names: ["flask"], specs: ["flask >=3"] },
  ])("$text", ({ text, names, specs }) => {
    const facts = deps({ "requirements.txt": text });
    expect(facts.requirements.map((req) => req.name)).toStrictEqual(names);
    expect(facts.requirements.map((req) => req.spec)).toStrictEqual(specs);
  });

  it("records the first physical line of a continued requirement", () => {
    const facts = deps({
      "requirements.txt": "# pins\nflask==3.1.0 \\\n  --hash=sha256:abc\ngunicorn\n",
    });
    expect(facts.requirements.map((req) => [req.name, req.evidence.line])).toStrictEqual([
      ["flask", 2],
      ["gunicorn", 4],
    ]);
  });

  it.each([
    { text: "-e .\nflask\n", self: true },
    { text: ".[prod]\nflask\n", self: true },
    { text: "flask\n", self: false },
  ])("installProject for $text", ({ text, self }) => {
    expect(deps({ "requirements.txt": text }).install.installProject).toBe(self);
  });

  it("copies local path requirements with the dependency layer", () => {
    const facts = deps({
      "requirements.txt": "./libs/shared\nflask\n",
      "libs/shared/setup.py": "",
    });
    expect(facts.install.files).toStrictEqual(["requirements.txt", "libs/shared"]);
  });
});

describe("requirements includes", () => {
  it("follows -r and -c recursively, relative to the including file", () => {
    const facts = deps({
      "requirements.txt": "-r requirements/prod.txt\n",
      "requirements/prod.txt": "-r base.txt\n--constraint constraints.txt\ngunicorn\n",
      "requirements/base.txt": "flask\n",
      "requirements/constraints.txt": "werkzeug<4\n",
    });
    expect(facts.install.files).toStrictEqual([
      "requirements/prod.txt",
      "requirements/base.txt",
      "requirements/constraints.txt",
    ]);
    expect(facts.requirements.map((req) => req.name)).toStrictEqual(["flask", "gunicorn"]);
  });

  // typeidea: `-i http://127.0.0.1:18080/simple`, the author's own pypiserver.
  it.each([
    ["-i http://127.0.0.1:18080/simple", "http://127.0.0.1:18080/simple"],
    ["--index-url=http://localhost:8080/simple/", "http://localhost:8080/simple/"],
    ["--extra-index-url http://user@[::1]:3141/root/pypi", "http://user@[::1]:3141/root/pypi"],
    ["-f http://127.0.1.1/wheels", "http://127.0.1.1/wheels"],
    ["-i https://pypi.tuna.tsinghua.edu.cn/simple", null],
    ["-i http://10.0.0.5/simple", null],
  ])("%s: a loopback index is a warning naming its line", (option, url) => {
    const facts = deps({ "requirements.txt": `# deps\n${option}\nflask\n` });
    const found = facts.warnings.filter((w) => w.code === "W_INDEX_LOOPBACK");
    expect(found.map((w) => [w.file, w.line])).toStrictEqual(url ? [["requirements.txt", 2]] : []);
    if (url) expect(found[0]?.message).toContain(`${url} is on loopback`);
    expect(facts.requirements.map((r) => r.name)).toStrictEqual(["flask"]);
  });

  it("stops include cycles with a warning", () => {
    const facts = deps({
      "requirements.txt": "-r other.txt\nflask\n",
      "other.txt": "-r requirements.txt\ngunicorn\n",
    });
    expect(facts.requirements.map((req) => req.name)).toStrictEqual(["gunicorn", "flask"]);
    expect(facts.warnings.map((w) => [w.code, w.file, w.line])).toStrictEqual([
      ["REQ_INCLUDE_CYCLE", "other.txt", 1],
    ]);
  });

  it.each([
    { text: "flask\n-r missing.txt\n", line: 2, message: "included file not found: missing.txt" },
    {
      text: "-c ../constraints.txt\n",
      line: 1,
      message: "include outside the project: ../constraints.txt",
    },
  ])("$message", ({ text, line, message }) => {
    const error = thrown(() => deps({ "requirements.txt": text }));
    expect({
      code: error.code,
      file: error.file,
      line: error.line,
      message: error.message,
    }).toStrictEqual({
      code: "E_PARSE",
      file: "requirements.txt",
      line,
      message,
    });
  });
});

describe("invalid requirements", () => {
  it.each([
    { text: "flask\nrequests>=>2\n", line: 2 },
    { text: "flask==\n", line: 1 },
    { text: "flask[bad extra]\n", line: 1 },
    { text: "flask ; \n", line: 1 },
    { text: "\n\n@@@\n", line: 3 },
    { text: "pkg @ not-a-url\n", line: 1 },
  ])("$text → E_PARSE at line $line", ({ text, line }) => {
    const error = thrown(() => deps({ "requirements.txt": text }));
    expect([error.code, error.file, error.line]).toStrictEqual([
      "E_PARSE",
      "requirements.txt",
      line,
    ]);
    expect(error.hint).toMatch(/PEP 508/);
  });
});

describe("split layouts", () => {
  it.each([
    { files: ["requirements.txt", "requirements-dev.txt"], chosen: "requirements.txt" },
    { files: ["requirements.txt", "requirements-prod.txt"], chosen: "requirements-prod.txt" },
    {
      files: ["requirements/base.txt", "requirements/dev.txt", "requirements/production.txt"],
      chosen: "requirements/production.txt",
    },
    { files: ["requirements/base.txt", "requirements/test.txt"], chosen: "requirements/base.txt" },
    { files: ["requirements/dev.txt", "requirements/test.txt"], chosen: null },
    // The singular, as in pear-admin-flask's requirement/ folder.
    { files: ["requirement.txt", "requirement-dev.txt"], chosen: "requirement.txt" },
    {
      files: ["requirement/prod.txt", "requirement/requirement-dev.txt"],
      chosen: "requirement/prod.txt",
    },
  ])("$files → $chosen", ({ files, chosen }) => {
    const facts = deps(Object.fromEntries(files.map((file) => [file, "flask\n"])));
    expect(facts.install.strategy).toBe(chosen === null ? "none" : "requirements");
    expect(facts.install.files).toStrictEqual(chosen === null ? [] : [chosen]);
    expect(facts.ignored.map((entry) => entry.file).sort()).toStrictEqual(
      files.filter((file) => file !== chosen).sort(),
    );
  });

  it.each([
    ["requirement/requirement-dev.txt", "flask==2.0.2\nflask-sqlalchemy==2.5.1\npytest\n", true],
    ["requirements-dev.txt", "Flask==2.0.2\nblack\n", true],
    // A list of tools, not of the app: the imports are read instead.
    ["requirements-dev.txt", "pytest\nblack\nruff\n", false],
    // Test lists never stand for the app.
    ["requirements/test.txt", "flask\nflask-sqlalchemy\npytest\n", false],
  ])("the only list is %s: the app's when it lists what the code imports", (file, text, used) => {
    const code =
      "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\napp = Flask(__name__)\n";
    const warnings: Warning[] = [];
    const project = tempProject({ "app.py": code, [file]: text });
    const facts = detectDependencies(project, detectProjectMeta(project), warnings);
    expect(facts.install.strategy).toBe(used ? "requirements" : "imports");
    expect(facts.install.files).toStrictEqual(used ? [file] : []);
    expect(warnings.some((w) => w.code === "W_DEV_REQUIREMENTS")).toBe(used);
  });

  it("a requirements file with only comments installs nothing", () => {
    const facts = deps({ "requirements.txt": "# nothing yet\n" });
    expect(facts.install.strategy).toBe("none");
    expect(facts.ignored).toMatchObject([
      { file: "requirements.txt", line: null, why: "lists no packages" },
    ]);
  });
});

describe("requirements encodings (pip's auto_decode)", () => {
  const utf16 = (text: string, bom: number[], littleEndian: boolean) => {
    const units = Buffer.from(text, "utf16le");
    if (!littleEndian) units.swap16();
    return Buffer.concat([Buffer.from(bom), units]).toString("latin1");
  };

  it.each([
    ["UTF-8 with a BOM and CRLF", `\uFEFFflask==3.1\r\ngunicorn\r\n`],
    ["UTF-16 LE with a BOM", utf16("flask==3.1\r\ngunicorn\r\n", [0xff, 0xfe], true)],
    ["UTF-16 BE with a BOM", utf16("flask==3.1\ngunicorn\n", [0xfe, 0xff], false)],
  ])("%s reads like plain UTF-8", (_, text) => {
    const encoding = text.startsWith("\uFEFF") ? "utf8" : "latin1";
    const project = tempProject({ "requirements.txt": "" });
    writeFileSync(join(project.root, "requirements.txt"), Buffer.from(text, encoding));
    const read = detectDependencies(project, detectProjectMeta(project), []);
    expect(read.requirements.map((req) => [req.spec, req.evidence.line])).toStrictEqual([
      ["flask==3.1", 1],
      ["gunicorn", 2],
    ]);
  });
});
