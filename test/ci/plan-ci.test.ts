import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ciOptions, planCi } from "../../src/ci/plan-ci.js";
import { EXIT_CODES, PyshipError } from "../../src/core/errors.js";

/** A folder with the given files (a `.git/HEAD` makes it a repository). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "pyship-ci-plan-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const thrown = (run: () => unknown): PyshipError => {
  try {
    run();
  } catch (error) {
    if (error instanceof PyshipError) return error;
    throw error;
  }
  throw new Error("expected a PyshipError");
};

const github = ciOptions("github");

describe("planCi", () => {
  it.each([
    ["the checked-out branch", { ".git/HEAD": "ref: refs/heads/trunk\n" }, "trunk", ".git/HEAD"],
    [
      "the remote's default over a feature branch",
      {
        ".git/HEAD": "ref: refs/heads/feature/x\n",
        ".git/refs/remotes/origin/HEAD": "ref: refs/remotes/origin/develop\n",
      },
      "develop",
      ".git/refs/remotes/origin/HEAD",
    ],
    [
      "main when HEAD is detached",
      { ".git/HEAD": "3d3c42e5aac5ba805825da76410c181273ba90b1\n" },
      "main",
      ".git",
    ],
  ])("default branch: %s", (_, files, branch, file) => {
    const root = tree(files);
    const plan = planCi(root, github, "1.0.0");
    expect(plan).toMatchObject({ repoRoot: root, projectDir: ".", defaultBranch: branch });
    expect(plan.evidence[0]?.file).toBe(file);
  });

  it("a project in a subfolder is named relative to the repository root", () => {
    const root = tree({ ".git/HEAD": "ref: refs/heads/main\n", "services/api/app.py": "" });
    const plan = planCi(join(root, "services/api"), github, "1.0.0");
    expect(plan).toMatchObject({ repoRoot: root, projectDir: "services/api" });
  });

  it("follows a worktree's .git file to its git directory", () => {
    const root = tree({
      "main/.git/worktrees/wt/HEAD": "ref: refs/heads/wip\n",
      "wt/.git": "gitdir: ../main/.git/worktrees/wt\n",
    });
    expect(planCi(join(root, "wt"), github, "1.0.0").defaultBranch).toBe("wip");
  });

  it("no git repository: E_NO_GIT, its own exit code, one line with a hint", () => {
    const error = thrown(() => planCi(tree({ "app.py": "" }), github, "1.0.0"));
    expect(error.code).toBe("E_NO_GIT");
    expect(error.exitCode).toBe(EXIT_CODES.E_NO_GIT);
    expect(Object.entries(EXIT_CODES).filter(([, code]) => code === error.exitCode)).toHaveLength(
      1,
    );
    expect(error.message).toMatch(/is not inside a git repository$/);
    expect(error.hint).toContain("git init");
  });

  it.each([
    ["an unknown provider", () => ciOptions("jenkins"), /unknown CI provider "jenkins"/],
    ["an unknown engine", () => ciOptions("gitlab", "kaniko"), /unknown CI engine "kaniko"/],
    [
      "podman on GitHub",
      () => planCi(tree({ ".git/HEAD": "" }), ciOptions("github", "podman"), "1.0.0"),
      /--ci-engine podman is not available for github/,
    ],
  ])("%s is a usage error", (_, run, message) => {
    const error = thrown(run);
    expect(error.code).toBe("E_USAGE");
    expect(error.message).toMatch(message);
  });
});
