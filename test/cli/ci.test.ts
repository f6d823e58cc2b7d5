import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCi } from "../../src/cli/commands/ci.js";
import { main } from "../../src/cli/main.js";
import { EXIT_CODES } from "../../src/core/errors.js";
import { captureContext } from "../support/capture-context.js";

const fixture = new URL("../fixtures/flask-factory", import.meta.url).pathname;

/** A copy of a fixture project, as a git repository unless told otherwise. */
function project(git = true): string {
  const dir = join(mkdtempSync(join(tmpdir(), "pyship-ci-cli-")), "app");
  cpSync(fixture, dir, { recursive: true });
  if (git) {
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, ".git/HEAD"), "ref: refs/heads/main\n");
  }
  return dir;
}

const WORKFLOW = ".github/workflows/pyship.yml";

describe("pyship ci", () => {
  it("writes the workflow at the repository root and says what to do next", async () => {
    const dir = project();
    const ctx = captureContext({ cwd: dir });
    expect(await main(["ci", "github"], ctx)).toBe(0);
    expect(readFileSync(join(dir, WORKFLOW), "utf8")).toContain("release . --registry");
    expect(ctx.stdout[0]).toMatch(new RegExp(`^created\\s+${WORKFLOW}$`));
    expect(ctx.stdout.at(-1)).toMatch(/^Next: commit \.github\/workflows\/pyship\.yml and push/);
  });

  it("without git: one line on stderr and exit E_NO_GIT", async () => {
    const ctx = captureContext({ cwd: project(false) });
    expect(await main(["ci", "gitlab"], ctx)).toBe(EXIT_CODES.E_NO_GIT);
    expect(ctx.stderr[0]).toMatch(/is not inside a git repository$/);
    expect(existsSync(join(ctx.cwd, ".gitlab-ci.yml"))).toBe(false);
  });

  it("never overwrites a different pipeline file without consent; shows the diff", async () => {
    const dir = project();
    writeFileSync(join(dir, ".gitlab-ci.yml"), "test:\n  script: [pytest]\n");
    const ctx = captureContext({ cwd: dir });
    expect(await main(["ci", "gitlab"], ctx)).toBe(EXIT_CODES.E_FILE_EXISTS);
    expect(readFileSync(join(dir, ".gitlab-ci.yml"), "utf8")).toBe("test:\n  script: [pytest]\n");
    const out = ctx.stdout.join("\n");
    expect(out).toMatch(/skipped\s+\.gitlab-ci\.yml/);
    expect(out).toContain("-  script: [pytest]");
    expect(out).toContain("+pyship-release:");
  });

  it.each([
    ["--force", { force: true }, false, true],
    ["a yes at the prompt", {}, true, true],
    ["a no at the prompt", {}, false, false],
  ])("replaces it after %s", async (_, flags, answer, replaced) => {
    const dir = project();
    writeFileSync(join(dir, ".gitlab-ci.yml"), "old: {}\n");
    const ctx = captureContext({ cwd: dir, interactive: true });
    const asked: string[] = [];
    const ask = async (path: string) => {
      asked.push(path);
      return answer;
    };
    expect(await runCi("gitlab", ".", flags, ctx, ask)).toBe(0);
    expect(readFileSync(join(dir, ".gitlab-ci.yml"), "utf8") !== "old: {}\n").toBe(replaced);
    expect(asked).toStrictEqual("force" in flags ? [] : [".gitlab-ci.yml"]);
  });

  it("--dry-run writes nothing and shows the file to be", async () => {
    const dir = project();
    const ctx = captureContext({ cwd: dir });
    expect(await main(["ci", "gitlab", "--engine", "podman", "--dry-run"], ctx)).toBe(0);
    expect(existsSync(join(dir, ".gitlab-ci.yml"))).toBe(false);
    expect(ctx.stdout.join("\n")).toContain('+    - echo "$CI_REGISTRY_PASSWORD" | podman login');
  });
});

describe("pyship init --ci", () => {
  it("writes the Dockerfile, .dockerignore and the workflow together", async () => {
    const dir = project();
    const ctx = captureContext({ cwd: dir });
    expect(await main(["init", "--ci", "github"], ctx)).toBe(0);
    for (const file of ["Dockerfile", ".dockerignore", WORKFLOW])
      expect(existsSync(join(dir, file)), file).toBe(true);
  });

  it("refuses a project without git before writing anything", async () => {
    const dir = project(false);
    const ctx = captureContext({ cwd: dir });
    expect(await main(["init", "--ci", "gitlab", "--ci-engine", "podman"], ctx)).toBe(
      EXIT_CODES.E_NO_GIT,
    );
    expect(existsSync(join(dir, "Dockerfile"))).toBe(false);
  });

  it("a project in a subfolder of its repository is sent to pyship ci", async () => {
    const repo = project();
    const sub = join(repo, "api");
    cpSync(fixture, sub, { recursive: true });
    const ctx = captureContext({ cwd: sub });
    expect(await main(["init", "--ci", "github"], ctx)).toBe(EXIT_CODES.E_USAGE);
    expect(ctx.stderr.join("\n")).toContain("pyship ci github api");
    expect(existsSync(join(sub, "Dockerfile"))).toBe(false);
  });
});
