/*
 * A Django ASGI module that imports its code before Django is set up: uvicorn serves
 * pyship's module instead, which the build context keeps; without that finding, the
 * project's app is served as it is.
 */
import { describe, expect, it } from "vitest";
import type { DjangoFacts } from "../../src/core/pipeline.js";
import { planProject } from "../../src/plan/plan-project.js";
import { at, candidate, makeFacts, requirement } from "./make-facts.js";

const DJANGO: DjangoFacts = {
  settings: "core.settings",
  settingsFile: "core/settings.py",
  manage: "manage.py",
  staticRoot: null,
  staticfiles: false,
  whitenoise: null,
  debug: false,
  allowedHosts: { hosts: ["*"], evidence: at("core/settings.py", 28, "ALLOWED_HOSTS") },
  secretKeyEnv: null,
  migrations: false,
};

function plan(early: boolean) {
  return planProject(
    makeFacts({
      entrypoints: [candidate("asgi", "core.asgi:application", "django", "core/settings.py", 73)],
      requirements: [requirement("django"), requirement("channels")],
      django: DJANGO,
      ...(early ? { djangoImportsEarly: at("core/asgi.py", 6, "import chat.routing") } : {}),
    }),
  );
}

describe("Django set up before an ASGI module that imports its code first", () => {
  it("serves pyship_django_asgi from /opt/pyship, naming the project's app and settings", () => {
    const planned = plan(true);
    expect(planned.command).toEqual([
      ...["python", "/opt/pyship/serve.py", "uvicorn", "pyship_django_asgi:application"],
      ...["--app-dir", "/opt/pyship", "--host", "0.0.0.0"],
    ]);
    expect(planned.server?.djangoSetup).toEqual({
      file: "pyship.django_asgi.py",
      path: "/opt/pyship/pyship_django_asgi.py",
      app: "core.asgi:application",
      settings: "core.settings",
    });
    expect(planned.dockerignore.keep).toContain("pyship.django_asgi.py");
    const why = planned.evidence.find((e) => e.file === "core/asgi.py" && e.line === 6)?.why;
    expect(why).toContain("works only under manage.py runserver");
  });

  it("serves the project's app itself otherwise", () => {
    const planned = plan(false);
    expect(planned.command).toContain("core.asgi:application");
    expect(planned.server?.djangoSetup).toBeUndefined();
  });
});
