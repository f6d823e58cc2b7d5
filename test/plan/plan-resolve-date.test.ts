import { describe, expect, it } from "vitest";
import { planProject } from "../../src/plan/plan-project.js";
import { renderDockerfile } from "../../src/render/render-dockerfile.js";
import { makeFacts, requirement } from "./make-facts.js";

const unpinned = [
  requirement("flask", "flask"),
  requirement("gunicorn", "gunicorn", "requirements.txt", 2),
];

describe("--resolve-date: the newest releases on or before a day", () => {
  it("installs the requirements with uv --exclude-newer in a builder stage", () => {
    const plan = planProject(makeFacts({ requirements: unpinned }), { resolveDate: "2023-06-01" });
    expect(plan.install.resolveDate).toBe("2023-06-01");
    expect(plan.stages.map((s) => s.name)).toEqual(["builder", "runtime"]);
    expect(renderDockerfile(plan)).toContain(
      "/opt/tools/bin/uv pip compile --quiet --no-header --exclude-newer 2023-06-01T23:59:59Z --exclude-newer-package setuptools=false --exclude-newer-package wheel=false -o /tmp/pyship-locked.txt requirements.txt",
    );
  });

  it("with the pip installer, uv still resolves as of that day, in its own venv", () => {
    const plan = planProject(makeFacts({ requirements: unpinned }), {
      resolveDate: "2023-06-01",
      installer: "pip",
    });
    const dockerfile = renderDockerfile(plan);
    expect(dockerfile).toContain(
      "/opt/tools/bin/uv pip install --python /opt/venv/bin/python --exclude-newer 2023-06-01T23:59:59Z --exclude-newer-package setuptools=false --exclude-newer-package wheel=false -r requirements.txt",
    );
    expect(dockerfile).toContain("# uv lives in /opt/tools in the builder");
  });

  it("lifts the floor of the server pyship adds: no gunicorn 23 existed on 2022-05-16 (compose-django)", () => {
    const plan = planProject(makeFacts({ requirements: [requirement("django", "django")] }), {
      resolveDate: "2022-05-16",
    });
    expect(plan.install.extraPackages).toContain("gunicorn<28");
    expect(plan.install.extraPackages).not.toContain("gunicorn>=23,<28");
    expect(plan.evidence.some((e) => e.why.includes("requirements resolve as of 2022-05-16"))).toBe(
      true,
    );
  });

  it("is never applied unless asked", () => {
    const plan = planProject(makeFacts({ requirements: unpinned }));
    expect(plan.install.resolveDate).toBeUndefined();
    expect(renderDockerfile(plan)).not.toContain("exclude-newer");
  });

  it.each(["2023-13-45", "yesterday", "2023/06/01"])("rejects %s with a usage error", (date) => {
    expect(() => planProject(makeFacts(), { resolveDate: date })).toThrow(
      expect.objectContaining({ code: "E_USAGE" }),
    );
  });

  it("a lock file already pins everything: ignored, with a warning", () => {
    const facts = makeFacts({
      install: { tool: "uv", strategy: "uv-lock", files: ["pyproject.toml", "uv.lock"] },
    });
    const plan = planProject(facts, { resolveDate: "2023-06-01" });
    expect(plan.install.resolveDate).toBeUndefined();
    expect(plan.warnings.map((w) => w.code)).toContain("W_RESOLVE_DATE_IGNORED");
  });
});
