import { describe, expect, it } from "vitest";
import { resolveDateRepair } from "../../src/build/resolve-date-repair.js";
import type { CommandExecutor } from "../../src/core/exec.js";
import { planProject } from "../../src/plan/plan-project.js";
import { makeFacts, requirement } from "../plan/make-facts.js";

/** git answering `log -1 --format=%cs` with `day` (or failing: not a repository). */
function git(day: string | null): CommandExecutor & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    run: (_command, args) => {
      asked.push([...args]);
      return Promise.resolve(
        day === null
          ? { exitCode: 128, stdout: "", stderr: "fatal: not a git repository" }
          : { exitCode: 0, stdout: `${day}\n`, stderr: "" },
      );
    },
  } as CommandExecutor & { asked: string[][] };
}

const loose = [requirement("fastapi"), requirement("jinja2", "jinja2>=3", "requirements.txt", 2)];
const pinned = [requirement("flask", "flask==3.0.3")];

describe("resolveDateRepair: unpinned old code on today's releases", () => {
  it.each([
    ["loose requirements in git: the manifest's day", loose, "2023-04-02", "2023-04-02"],
    [
      "every requirement pinned: their dependencies still resolve today",
      pinned,
      "2023-04-02",
      "2023-04-02",
    ],
    ["not in git: no day, no repair", loose, null, null],
    ["no requirements at all: nothing to resolve", [], "2023-04-02", null],
  ])("%s", async (_name, requirements, day, expected) => {
    const facts = makeFacts({ requirements });
    const plan = planProject(facts, {});
    const repair = await resolveDateRepair(git(day), "/project", plan, requirements);
    expect(repair?.resolveDate ?? null).toBe(expected);
    if (expected !== null && requirements === loose)
      expect(repair?.why).toContain("fastapi, jinja2 are not pinned");
    if (expected !== null && requirements === pinned)
      expect(repair?.why).toContain("pins only what it lists, not their dependencies");
  });

  it("Python 3.6: uv resolves the day's releases and cannot install there, so no repair", async () => {
    const plan = planProject(makeFacts({ requirements: loose }), { python: "3.6" });
    expect(await resolveDateRepair(git("2023-04-02"), "/project", plan, loose)).toBeNull();
  });

  it("a plan given the repair installs as of that day and says why", async () => {
    const facts = makeFacts({ requirements: loose });
    const repair = await resolveDateRepair(
      git("2023-04-02"),
      "/project",
      planProject(facts, {}),
      loose,
    );
    const plan = planProject(facts, { repairs: repair ? [repair] : [] });
    expect(plan.install.resolveDate).toBe("2023-04-02");
    expect(plan.warnings.map((w) => w.message).join("\n")).toContain(
      "repair: installs the releases of 2023-04-02",
    );
  });
});
