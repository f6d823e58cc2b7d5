/*
 * `-e .` in a requirements file: the dependency layer's copy loses the line, the project's
 * install_requires join that layer, and the project follows the code — with its
 * dependencies when setup.py computes them (pyship cannot read them then).
 */
import { describe, expect, it } from "vitest";
import { planProject } from "../../src/plan/plan-project.js";
import { renderDockerfile } from "../../src/render/render-dockerfile.js";
import { makeFacts, requirement } from "../plan/make-facts.js";

const selfLine = { file: "requirements.txt", line: 2 };

const dockerfile = (projectRequirements: readonly string[] | undefined, installer = "uv") =>
  renderDockerfile(
    planProject(
      makeFacts({
        install: {
          installProject: true,
          selfLine,
          ...(projectRequirements ? { projectRequirements } : {}),
        },
        requirements: [
          requirement("flask", "Flask>=3", "setup.py", 7),
          requirement("gunicorn", "gunicorn==23.0.0", "setup.py", 8),
        ],
      }),
      { installer: installer as "uv" | "pip" },
    ),
  );

describe("a requirements line that installs the project (-e .)", () => {
  it.each(["uv", "pip"])("%s: the line leaves the layer's copy before the install", (installer) => {
    const text = dockerfile(["Flask>=3", "gunicorn==23.0.0"], installer);
    const sed = text.indexOf("sed -i -E");
    const install =
      installer === "uv" ? text.indexOf("uv pip compile") : text.indexOf("pip install -r");
    expect(sed).toBeGreaterThan(0);
    expect(sed).toBeLessThan(install);
    expect(text).toContain('"Flask>=3" "gunicorn==23.0.0"');
    expect(text).toContain("pip install --no-deps .");
  });

  it("setup.py computing its install_requires: the project installs with its dependencies", () => {
    const text = dockerfile(undefined);
    expect(text).toMatch(/RUN pip install \. /);
    expect(text).not.toContain("pip install --no-deps .");
  });

  it("no such line: nothing changes", () => {
    const text = renderDockerfile(planProject(makeFacts({}), {}));
    expect(text).not.toContain("sed -i");
  });
});
