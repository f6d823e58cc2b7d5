import { describe, expect, it } from "vitest";
import type { CommandExecutor, RunResult } from "../../../src/core/exec.js";
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
      { args: ["log", "-1", "--format=%cs", "--", "requirements.txt"], cwd: "/project" },
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
