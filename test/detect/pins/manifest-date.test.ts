import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CommandExecutor, RunResult } from "../../../src/core/exec.js";
import { NodeExecutor } from "../../../src/core/node-executor.js";
import { manifestDate } from "../../../src/detect/pins/manifest-date.js";

function git(answer: Partial<RunResult>) {
  const calls: { args: readonly string[]; cwd?: string }[] = [];
  const executor: CommandExecutor = {
    run: (_command, args, options) => {
      calls.push({ args, cwd: options?.cwd });
      return Promise.resolve({ exitCode: 0, stdout: "", stderr: "", ...answer } as RunResult);
    },
    which: () => Promise.resolve("/usr/bin/git"),
  };
  return { executor, calls };
}

describe("manifestDate: --resolve-date auto", () => {
  it("is the day of the last commit touching the manifest", async () => {
    const { executor, calls } = git({ stdout: "2021-03-04\n" });
    expect(await manifestDate(executor, "/project", ["requirements.txt"])).toBe("2021-03-04");
    expect(calls).toEqual([
      { args: ["log", "-1", "--format=%cs", "--", "requirements.txt", "*.py"], cwd: "/project" },
    ]);
  });

  it.each([
    ["not a git repository", { exitCode: 128, stderr: "fatal: not a git repository" }],
    ["the manifest was never committed", { stdout: "" }],
  ])("%s: a usage error with a hint", async (_name, answer) => {
    await expect(
      manifestDate(git(answer).executor, "/project", ["requirements.txt"]),
    ).rejects.toMatchObject({
      code: "E_USAGE",
    });
  });
});

describe("manifestDate on a real git repository", () => {
  /** One commit per [day, files]: Starlette's example, requirements.txt in 2018, app.py in 2022. */
  function repository(commits: [string, Record<string, string>][]): string {
    const dir = mkdtempSync(join(tmpdir(), "pyship-date-"));
    const run = (args: string[], day?: string) =>
      execFileSync("git", args, {
        cwd: dir,
        env: {
          ...process.env,
          ...(day
            ? { GIT_AUTHOR_DATE: `${day}T12:00:00Z`, GIT_COMMITTER_DATE: `${day}T12:00:00Z` }
            : {}),
        },
      });
    run(["init", "-q"]);
    for (const [day, files] of commits) {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(dir, path, ".."), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      run(["add", "."]);
      run(["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", day], day);
    }
    return dir;
  }

  it.each<[string, [string, Record<string, string>][], string]>([
    [
      "the code changed after the manifest: the code's day",
      [
        ["2018-11-08", { "requirements.txt": "starlette\n", "app.py": "v1\n" }],
        ["2022-11-10", { "app/routes.py": "from starlette.routing import Route\n" }],
        ["2023-05-01", { "README.md": "a typo\n" }],
      ],
      "2022-11-10",
    ],
    [
      "the manifest changed last: its day",
      [
        ["2020-01-02", { "requirements.txt": "flask\n", "app.py": "v1\n" }],
        ["2021-06-07", { "requirements.txt": "flask\nredis\n" }],
      ],
      "2021-06-07",
    ],
  ])("%s", async (_label, commits, day) => {
    const dir = repository(commits);
    try {
      expect(await manifestDate(new NodeExecutor(), dir, ["requirements.txt"])).toBe(day);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
