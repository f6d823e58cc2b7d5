import { describe, expect, it } from "vitest";
import type { Repair } from "../../src/core/pipeline.js";
import { planProject } from "../../src/plan/plan-project.js";
import { at, makeFacts, requirement } from "./make-facts.js";

const pins = (...specs: string[]) =>
  specs.map((spec, i) =>
    requirement(spec.split(/[=<>]/)[0]?.toLowerCase() ?? spec, spec, "requirements.txt", i + 1),
  );

describe("planProject: repairs for known breakages of old pins", () => {
  it.each([
    [
      "seed 003 (Flask 2.2.3, gunicorn 20.1.0)",
      pins("Flask==2.2.3", "gunicorn==20.1.0"),
      [
        { id: "werkzeug-before-3", packages: ["werkzeug<3"], line: 1 },
        { id: "setuptools-for-pkg-resources", packages: ["setuptools<82"], line: 2 },
      ],
    ],
    ["today's releases need nothing", pins("flask==3.1.3", "gunicorn==23.0.0"), []],
    ["a range is not a pin", pins("gunicorn>=20", "flask<2.3"), []],
    [
      "the project pins Werkzeug itself: its pin decides",
      pins("flask==2.2.3", "werkzeug==2.2.3", "gunicorn==23.0.0"),
      [],
    ],
  ])("%s", (_name, requirements, expected) => {
    const plan = planProject(makeFacts({ requirements }));
    expect(
      plan.repairs.map((r) => ({ id: r.id, packages: r.packages, line: r.evidence.line })),
    ).toEqual(expected);
    const added = expected.flatMap((r) => r.packages);
    expect(plan.install.extraPackages).toEqual(added);
    expect(plan.warnings.filter((w) => w.code === "W_REPAIR")).toHaveLength(expected.length);
  });

  it("MarkupSafe 1.0's sdist builds with setuptools<46: a build constraint, not an install", () => {
    const plan = planProject(makeFacts({ requirements: pins("MarkupSafe==1.0", "Flask==1.0.2") }));
    const repair = plan.repairs.find((r) => r.id === "build-setuptools-before-46");
    expect(repair?.buildConstraints).toEqual(["setuptools<46"]);
    expect(repair?.evidence.line).toBe(1);
    expect(plan.install.buildConstraints).toEqual(["setuptools<46"]);
    expect(plan.install.extraPackages).not.toContain("setuptools<46");
  });

  it("chained repairs that each lower the Python: the lowest holds", () => {
    const python = (id: string, version: string): Repair => ({
      id,
      packages: [],
      python: version,
      why: id,
      evidence: at("(build log)", null, id),
    });
    const plan = planProject(makeFacts(), {
      repairs: [
        python("python-with-cgi", "3.11"),
        python("python-with-inspect.getargspec", "3.10"),
      ],
    });
    expect(plan.python).toBe("3.10");
  });

  it("a repair found by a failed build joins the plan, said as loudly as the others", () => {
    const repair: Repair = {
      id: "setuptools-for-pkg-resources",
      packages: ["setuptools<82"],
      why: "the app failed with No module named 'pkg_resources'",
      evidence: at("(verify)", null, "ModuleNotFoundError: No module named 'pkg_resources'"),
    };
    const plan = planProject(makeFacts(), { repairs: [repair] });
    expect(plan.repairs).toEqual([repair]);
    expect(plan.install.extraPackages).toEqual(["setuptools<82"]);
    expect(plan.warnings).toContainEqual(
      expect.objectContaining({
        code: "W_REPAIR",
        message: expect.stringContaining("adds setuptools<82"),
      }),
    );
  });
});
