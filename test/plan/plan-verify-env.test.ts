/*
 * The build's test container environment: the probe's host for ALLOWED_HOSTS's variable,
 * then the project's example values for what its code cannot start without. Never the
 * image's: the Dockerfile carries none of them.
 */
import { describe, expect, it } from "vitest";
import type { EnvTemplateFacts, ProjectFacts } from "../../src/core/pipeline.js";
import { planProject } from "../../src/plan/plan-project.js";
import { renderDockerfile } from "../../src/render/render-dockerfile.js";
import { at, candidate, makeFacts, requirement } from "./make-facts.js";

function provided(name: string, value: string, line: number) {
  return {
    name,
    value,
    evidence: at(".env.example", line, `${name}=${value}`),
    readAt: at("app.py", 9, "read"),
  };
}

const TEMPLATE: EnvTemplateFacts = {
  file: ".env.example",
  provides: [provided("API_TOKEN", "example-token", 2), provided("HOSTS", "example.com", 3)],
};

function facts(overrides: Partial<ProjectFacts>): ProjectFacts {
  return makeFacts({
    entrypoints: [candidate("wsgi", "app:app", "flask")],
    requirements: [requirement("flask"), requirement("gunicorn")],
    ...overrides,
  });
}

describe("planVerifyEnv", () => {
  it("gives the test container the template's values, saying where each is read", () => {
    const plan = planProject(facts({ envTemplate: TEMPLATE }));
    expect(plan.verifyEnv?.map((v) => `${v.name}=${v.value}`)).toEqual([
      "API_TOKEN=example-token",
      "HOSTS=example.com",
    ]);
    const note = plan.evidence.find((e) => e.file === ".env.example" && e.line === 2);
    expect(note?.why).toContain("API_TOKEN is read at app.py:9 with no default");
    expect(note?.why).toContain("the image does not");
  });

  it("keeps the probe's host for ALLOWED_HOSTS's variable over the template's domain", () => {
    const django = {
      settings: "app.settings",
      settingsFile: "app/settings.py",
      manage: "manage.py",
      staticRoot: null,
      staticfiles: false,
      whitenoise: null,
      debug: false,
      allowedHosts: {
        hosts: null,
        evidence: at("app/settings.py", 12, "ALLOWED_HOSTS"),
        env: { name: "HOSTS", separator: null },
      },
      secretKeyEnv: null,
      migrations: false,
    };
    const plan = planProject(facts({ envTemplate: TEMPLATE, django }));
    expect(plan.verifyEnv?.map((v) => `${v.name}=${v.value}`)).toEqual([
      "HOSTS=127.0.0.1",
      "API_TOKEN=example-token",
    ]);
  });

  it("puts none of them in the Dockerfile", () => {
    const dockerfile = renderDockerfile(planProject(facts({ envTemplate: TEMPLATE })));
    expect(dockerfile).not.toContain("example-token");
    expect(dockerfile).not.toContain("API_TOKEN");
  });

  it("has no verify environment without a template or hosts variable", () => {
    expect(planProject(facts({})).verifyEnv).toBeUndefined();
  });
});
