import { describe, expect, it } from "vitest";
import { withResolveDateHint } from "../../src/build/resolve-date-hint.js";
import { PyshipError } from "../../src/core/errors.js";
import { planProject } from "../../src/plan/plan-project.js";
import { makeFacts, requirement } from "../plan/make-facts.js";

const failed = () =>
  new PyshipError("E_CONTAINER_EXITED", "demo:latest: the container exited with code 3", {
    hint: "the last log lines above say why",
  });

describe("a verify failure suggests --resolve-date when requirements are loose", () => {
  it.each([
    [
      "unpinned requirements",
      [requirement("flask", "flask"), requirement("gunicorn", "gunicorn==23.0.0")],
      {},
      true,
    ],
    [
      "every requirement pinned",
      [requirement("flask", "flask==3.1.3"), requirement("gunicorn", "gunicorn==23.0.0")],
      {},
      false,
    ],
    [
      "already resolved as of a day",
      [requirement("flask", "flask>=2")],
      { resolveDate: "2023-01-01" },
      false,
    ],
  ])("%s", (_name, requirements, options, suggested) => {
    const facts = makeFacts({ requirements });
    const error = withResolveDateHint(failed(), planProject(facts, options), requirements);
    expect(error.code).toBe("E_CONTAINER_EXITED");
    expect(error.hint?.startsWith("the last log lines above say why")).toBe(true);
    expect(error.hint?.includes("--resolve-date auto")).toBe(suggested);
  });
});
