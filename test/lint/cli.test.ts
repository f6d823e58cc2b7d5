import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { RULES } from "../../src/lint/rule-catalog.js";
import { captureContext } from "../support/capture-context.js";
import { CLEAN, CONTEXT_FILES } from "./lint-helpers.js";

const BAD = CLEAN.replace("USER app\n", "").replace("EXPOSE 8000", "EXPOSE 5000");

function project(dockerfile: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "pyship-lint-"));
  for (const [name, text] of Object.entries({
    ...CONTEXT_FILES,
    ...extra,
    Dockerfile: dockerfile,
  })) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function run(args: string[], cwd: string, lang: "en" | "zh" = "en") {
  const ctx = captureContext({ cwd, lang });
  const code = await main(args, ctx);
  return { code, out: ctx.stdout.join("\n"), err: ctx.stderr.join("\n") };
}

describe("pyship lint", () => {
  it("prints file:line:col CODE severity message with the offending line, exit 1", async () => {
    const { code, out } = await run(["lint"], project(BAD));
    expect(code).toBe(1);
    expect(out).toMatch(/^Dockerfile:1:1 PY302 warning the container runs as root/m);
    expect(out).toContain("   1 | FROM python:3.12-slim");
    expect(out).toMatch(/Dockerfile:9:1 PY306 warning EXPOSE 5000 but the command listens on 8000/);
  });

  it("exits 0 on a clean Dockerfile and says so", async () => {
    const { code, out } = await run(["lint", "Dockerfile"], project(CLEAN));
    expect(code).toBe(0);
    expect(out).toContain("no problems found");
  });

  it.each([
    ["error", 0],
    ["warning", 1],
    ["info", 1],
  ])("--fail-level %s → exit %i when the worst finding is a warning", async (level, expected) => {
    expect((await run(["lint", "--fail-level", String(level)], project(BAD))).code).toBe(expected);
  });

  it("json: an array of {file, line, column, endLine, code, severity, message, fix}", async () => {
    const { out } = await run(["lint", "--format", "json"], project(BAD));
    const rows = JSON.parse(out);
    expect(rows.map((r: { code: string }) => r.code)).toEqual(["PY302", "PY306"]);
    expect(Object.keys(rows[1])).toEqual([
      "file",
      "line",
      "column",
      "endLine",
      "code",
      "severity",
      "message",
      "fix",
    ]);
    expect(rows[1].fix).toMatchObject({ safe: true, edits: [{ newText: "8000" }] });
  });

  it("sarif: a 2.1.0 log with rules and located results", async () => {
    const { out } = await run(["lint", "--format", "sarif"], project(BAD));
    const log = JSON.parse(out);
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toContain("sarif-2.1.0");
    const [sarifRun] = log.runs;
    expect(sarifRun.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(
      RULES.map((r) => r.code),
    );
    const result = sarifRun.results.find((r: { ruleId: string }) => r.ruleId === "PY306");
    expect(sarifRun.tool.driver.rules[result.ruleIndex].id).toBe("PY306");
    expect(result.level).toBe("warning");
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "Dockerfile" },
      region: { startLine: 9, startColumn: 1, endLine: 9 },
    });
    expect(result.fixes[0].artifactChanges[0].replacements[0].insertedContent.text).toBe("8000");
  });

  it("github: workflow annotations", async () => {
    const { out } = await run(["lint", "--format", "github"], project(BAD));
    expect(out.split("\n")[0]).toBe(
      "::warning file=Dockerfile,line=1,col=1,endLine=1,title=PY302 (pyship lint)::PY302 the container runs as root (no USER instruction): a compromised app owns the container",
    );
  });

  it.each([
    ["a missing path", ["lint", "nope/Dockerfile"], "nope/Dockerfile: no such file"],
    ["a directory", ["lint", "."], "is a directory"],
    ["an unknown --format", ["lint", "--format", "xml"], "--format must be one of"],
  ])("%s is a usage/input error: exit 2, one line, no stack", async (_what, args, message) => {
    const { code, err } = await run(args, project(CLEAN));
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it.each([
    ["empty", "", "is empty"],
    ["binary", "FROM x\u0000\u0001", "binary"],
    [
      "unknown instruction",
      "FROM python:3.12-slim\nRUNN echo\n",
      "Dockerfile:2: unknown instruction `RUNN`",
    ],
    ["no FROM", "RUN echo hi\n", "Dockerfile:1: a Dockerfile must start with FROM"],
  ])("an unparsable Dockerfile (%s) → exit 2 naming the line", async (_what, text, message) => {
    const { code, err } = await run(["lint"], project(text));
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it("--fix writes the safe fixes back and reports what is left", async () => {
    const dir = project(BAD);
    const { code, out } = await run(["lint", "--fix"], dir);
    expect(out).toContain("applied 1 fix(es)");
    expect(readFileSync(join(dir, "Dockerfile"), "utf8")).toContain("EXPOSE 8000");
    expect(code).toBe(1);
  });

  it("--dry-run prints the diff and writes nothing", async () => {
    const dir = project(BAD);
    const { out } = await run(["lint", "--fix", "--dry-run"], dir);
    expect(out).toContain("-EXPOSE 5000\n+EXPOSE 8000");
    expect(readFileSync(join(dir, "Dockerfile"), "utf8")).toBe(BAD);
  });

  it("reads [tool.pyship.lint] ignore and severity from pyproject.toml", async () => {
    const pyproject =
      '[tool.pyship.lint]\nignore = ["root-user"]\nseverity = { PY306 = "error" }\n';
    const { out } = await run(
      ["lint", "--format", "json"],
      project(BAD, { "pyproject.toml": pyproject }),
    );
    expect(
      JSON.parse(out).map((r: { code: string; severity: string }) => `${r.code}:${r.severity}`),
    ).toEqual(["PY306:error"]);
  });

  it("reads [lint] from pyship.toml", async () => {
    const { code } = await run(
      ["lint"],
      project(BAD, { "pyship.toml": '[lint]\nignore = ["PY302", "PY306"]\n' }),
    );
    expect(code).toBe(0);
  });

  it.each([
    [
      '[tool.pyship.lint]\nignore = ["PY999"]\n',
      "pyproject.toml:2: [tool.pyship.lint] ignore has an unknown rule",
    ],
    [
      '[tool.pyship.lint]\nseverity = { PY302 = "loud" }\n',
      "pyproject.toml:2: [tool.pyship.lint] PY302 must be one of",
    ],
    [
      "[tool.pyship.lint]\nfail = 1\n",
      "pyproject.toml:2: [tool.pyship.lint] fail is not a lint setting",
    ],
    ["[tool.pyship.lint\n", "pyproject.toml:1: invalid TOML"],
  ])(
    "bad lint settings are an input error naming file and line (%#)",
    async (pyproject, message) => {
      const { code, err } = await run(["lint"], project(BAD, { "pyproject.toml": pyproject }));
      expect(code).toBe(2);
      expect(err).toContain(message);
    },
  );

  it("honours # pyship: ignore=CODE on the line before an instruction", async () => {
    const text = BAD.replace(
      "EXPOSE 5000",
      "# port is remapped by the proxy\n# pyship: ignore=PY306\nEXPOSE 5000",
    );
    const { out } = await run(["lint", "--format", "json"], project(text));
    expect(JSON.parse(out).map((r: { code: string }) => r.code)).toEqual(["PY302"]);
  });

  it("--context points at another build context", async () => {
    const context = project(CLEAN);
    const dockerDir = mkdtempSync(join(tmpdir(), "pyship-lint-df-"));
    writeFileSync(join(dockerDir, "Dockerfile"), CLEAN);
    expect(
      (await run(["lint", join(dockerDir, "Dockerfile"), "--fail-level", "info"], dockerDir)).code,
    ).toBe(1);
    expect(
      (await run(["lint", join(dockerDir, "Dockerfile"), "--context", context], dockerDir)).code,
    ).toBe(0);
  });

  it("speaks Chinese when asked", async () => {
    const { out } = await run(["lint"], project(BAD), "zh");
    expect(out).toContain("共 2 个问题");
  });
});

describe("pyship explain", () => {
  it("prints rationale and a before/after example by code or name", async () => {
    for (const key of ["PY202", "pip-cache", "py202"]) {
      const { code, out } = await run(["explain", key], tmpdir());
      expect(code).toBe(0);
      expect(out).toContain("PY202 pip-cache (warning)");
      expect(out).toContain("Before\n    RUN pip install -r requirements.txt");
      expect(out).toContain("After\n    RUN pip install --no-cache-dir -r requirements.txt");
    }
  });

  it("lists every rule without an argument", async () => {
    const { out } = await run(["explain"], tmpdir());
    for (const rule of RULES)
      expect(out).toContain(`${rule.code}  ${rule.severity.padEnd(7)}  ${rule.name}`);
  });

  it("rejects an unknown code with exit 2", async () => {
    const { code, err } = await run(["explain", "DL3008"], tmpdir());
    expect(code).toBe(2);
    expect(err).toContain('unknown lint rule "DL3008"');
  });

  it("has Chinese headings", async () => {
    expect((await run(["explain", "PY303"], tmpdir(), "zh")).out).toContain("修改前");
  });
});
