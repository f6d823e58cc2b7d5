/*
 * Every generated file, per fixture, as a file snapshot (test/render/__snapshots__/<fixture>/),
 * so a reviewer sees generated output change in the diff. Plus properties every Dockerfile
 * must have, checked on the parsed file rather than by eye.
 */
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import dockerignore from "@balena/dockerignore";
import { DockerfileParser } from "dockerfile-ast";
import { describe, expect, it } from "vitest";
import type { Plan, PlanOptions } from "../../src/core/pipeline.js";
import { detectProject } from "../../src/detect/detect-project.js";
import { fsContext } from "../../src/lint/build-context.js";
import { lintDockerfile } from "../../src/lint/lint-dockerfile.js";
import { planProject } from "../../src/plan/plan-project.js";
import { renderFiles } from "../../src/render/render-files.js";
import { makeFacts } from "../plan/make-facts.js";

// CommonJS factory typed as an ES default export (see src/render/render-dockerignore.ts).
const ignore = (
  typeof dockerignore === "function" ? dockerignore : dockerignore.default
) as typeof dockerignore.default;

const FIXTURES = new URL("../fixtures/", import.meta.url);

/** Fixtures that plan successfully, with the options they need. */
const RENDERED: ReadonlyArray<readonly [string, PlanOptions]> = [
  ["flask-module", {}],
  ["flask-factory", {}],
  ["fastapi-pep621", {}],
  ["django-site", {}],
  ["django-static", {}],
  ["django-platform-env", {}],
  ["django-settings-package", {}],
  ["streamlit-app", {}],
  ["celery-worker", {}],
  ["worker-script", {}],
  ["console-script", {}],
  ["poetry-lock", {}],
  ["poetry-nolock", {}],
  ["pipenv", {}],
  ["uv-lock", {}],
  ["pdm-lock", {}],
  ["setup-py", {}],
  ["requirements-split", {}],
  ["native-psycopg2", {}],
  ["procfile", {}],
  ["procfile-shell", {}],
  ["procfile-job", {}],
  ["poller-loop", {}],
  ["app-subroot", {}],
  ["multi-candidates", { app: "api:api" }],
  ["runtime-txt", {}],
  ["pyship-config", {}],
  ["seed-flask-hello", {}],
  ["pdm-lock-legacy", {}],
  ["pipfile-nolock", {}],
  ["missing-server", {}],
  ["requirements-utf16", {}],
  ["requirements-self-line", {}],
  ["flask-sqlite-init", {}],
  ["shiny-app", {}],
  ["pyramid-wiki", {}],
  ["django-sqlite-notes", {}],
  ["own-dockerignore", {}],
  // a Procfile saved by PowerShell (UTF-16), and the container's time zone from --tz
  ["procfile-utf16", { tz: "Asia/Shanghai" }],
  ["imports-only", {}],
  ["http-server-script", {}],
  ["uvicorn-console-script", {}],
  ["falcon-app", {}],
  ["dash-app", {}],
  ["sanic-app", {}],
  ["aiohttp-app", {}],
  ["aiohttp-config-main", {}],
  ["sdist-old-setuptools", {}],
  // the era's Python (known pins, applied by the async era step detectProject skips) as a flag
  ["django-1-10-era", { python: "3.6" }],
  ["gradio-app", {}],
  ["panel-app", {}],
  // one worker with 100 threads: a Socket.IO server holds every session
  ["flask-socketio-chat", {}],
  // the .env.example values reach only the test container, never the Dockerfile
  ["flask-env-template", {}],
  // uvicorn[standard]: its ASGI application routes a WebSocket consumer
  ["django-channels-echo", {}],
  // served through pyship_django_asgi: its asgi.py imports the routing before Django is set up
  ["django-channels-early", {}],
  // the layer's copy of requirements.txt loses its Windows-only lines
  ["requirements-windows-freeze", {}],
];

/** Fixtures planned on an end-of-life Python (their pins need it). */
const END_OF_LIFE = new Set(["django-1-10-era", "sdist-old-setuptools"]);

/** Fixtures with no manifest, whose requirements come from the imports. */
const INFERRED = new Set(["seed-flask-hello", "imports-only"]);

function planFor(name: string, options: PlanOptions): Plan {
  return planProject(detectProject(new URL(name, FIXTURES).pathname), options);
}

describe.each(RENDERED)("renderFiles(%s)", (name, options) => {
  it("matches the snapshots", async () => {
    for (const file of renderFiles(planFor(name, options))) {
      await expect(file.content).toMatchFileSnapshot(`__snapshots__/${name}/${file.path}`);
    }
  });

  it("is a Dockerfile pyship would ship", () => {
    const plan = planFor(name, options);
    const dockerfile = renderFiles(plan).find((file) => file.path === "Dockerfile")?.content ?? "";
    checkShippable(dockerfile, plan);
  });

  it("passes pyship lint with no warning or error", () => {
    // Lint sees the project as a build would: the fixture plus the files init writes.
    const root = join(mkdtempSync(join(tmpdir(), "pyship-render-")), name);
    cpSync(new URL(name, FIXTURES), root, { recursive: true });
    const files = renderFiles(planFor(name, options));
    for (const file of files) writeFileSync(join(root, file.path), file.content);
    const dockerfile = files.find((file) => file.path === "Dockerfile")?.content ?? "";
    const build = fsContext(root, "Dockerfile");
    const findings = lintDockerfile(dockerfile, { file: "Dockerfile", build });
    // Requirements inferred from imports are unpinned by design; the plan says so (W_DEPS_FROM_IMPORTS).
    // An era's end-of-life Python is the project's need, and lint rightly still says so.
    const expected = INFERRED.has(name) ? ["PY203"] : END_OF_LIFE.has(name) ? ["PY103"] : [];
    const codes = findings.filter((finding) => finding.severity !== "info").map((f) => f.code);
    expect([...new Set(codes)]).toStrictEqual(expected);
  });
});

it("renders BuildKit cache mounts only when the plan allows them", async () => {
  const plan = planFor("native-psycopg2", { buildkit: true });
  const [dockerfile] = renderFiles(plan);
  await expect(dockerfile?.content).toMatchFileSnapshot(
    "__snapshots__/native-psycopg2/Dockerfile.buildkit",
  );
  expect(dockerfile?.content).toContain("RUN --mount=type=cache,target=/root/.cache pip install");
  expect(dockerfile?.content).not.toContain("PIP_NO_CACHE_DIR");
  // Compilers: the builder installs, with uv from a stage of its own (fetched while apt runs).
  expect(dockerfile?.content).toMatch(/^FROM \S+ AS uv$/m);
  expect(dockerfile?.content).toContain("--mount=type=bind,from=uv,source=/opt/tools");
  expect(dockerfile?.content).toContain("COPY --from=builder /opt/venv-image /opt/venv");
  expect(renderFiles(planFor("native-psycopg2", {}))[0]?.content).not.toContain("--mount=");
});

/**
 * BuildKit variants of the uv layer for each kind of manifest (the snapshots above are the
 * legacy builder's), pip as the installer, and the user's index settings as build arguments.
 */
const VARIANTS: ReadonlyArray<readonly [string, string, PlanOptions]> = [
  ["flask-module", "Dockerfile.buildkit", { buildkit: true }],
  ["fastapi-pep621", "Dockerfile.buildkit", { buildkit: true }],
  ["uv-lock", "Dockerfile.buildkit", { buildkit: true }],
  ["pipfile-nolock", "Dockerfile.buildkit", { buildkit: true }],
  ["setup-py", "Dockerfile.buildkit", { buildkit: true }],
  ["flask-module", "Dockerfile.pip", { installer: "pip" }],
  ["uv-lock", "Dockerfile.pip-buildkit", { installer: "pip", buildkit: true }],
  [
    "flask-module",
    "Dockerfile.index",
    {
      buildkit: true,
      index: {
        indexUrl: "https://pypi.corp.example/simple",
        extraIndexUrls: ["https://a.example/simple", "https://b.example/simple"],
        trustedHosts: ["a.example"],
        evidence: [],
        warnings: [],
      },
    },
  ],
];

describe.each(VARIANTS)("renderFiles(%s) as %s", (name, snapshot, options) => {
  it("matches the snapshot and is a Dockerfile pyship would ship", async () => {
    const plan = planFor(name, options);
    const dockerfile = renderFiles(plan).find((file) => file.path === "Dockerfile")?.content ?? "";
    await expect(dockerfile).toMatchFileSnapshot(`__snapshots__/${name}/${snapshot}`);
    checkShippable(dockerfile, plan);
    // uv and its cache never reach the final image: only a RUN of the final stage may
    // mount them (its mounts and exports end with it), no ENV or COPY names them.
    const final = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
    expect(withoutRuns(final)).not.toMatch(/\/opt\/tools|UV_|pyship-venv/);
  });
});

/** A Dockerfile without its RUN instructions (continuation lines included). */
function withoutRuns(text: string): string {
  return text.replace(/^RUN (?:.*\\\n)*.*$/gm, "");
}

it("keeps a BuildKit venv in a locked cache mount per project, Python and base image", () => {
  const plan = planFor("flask-module", { buildkit: true });
  const dockerfile = renderFiles(plan)[0]?.content ?? "";
  // Nothing to compile: the runtime stage syncs the venv itself, uv bind-mounted from the builder.
  expect(dockerfile).toContain(
    "--mount=type=cache,id=pyship-venv-flask-module-py3.13-python-3.13-slim,target=/opt/pyship-venv,sharing=locked",
  );
  expect(dockerfile).toContain(
    "--mount=type=bind,from=builder,source=/opt/tools,target=/opt/tools",
  );
  expect(dockerfile).toContain("rm /opt/venv && cp -a /opt/pyship-venv /opt/venv");
  expect(dockerfile).not.toContain("COPY --from=builder");
  const legacy = renderFiles(planFor("flask-module", {}))[0]?.content ?? "";
  expect(legacy).toContain("COPY --from=builder /opt/venv /opt/venv");
  expect(legacy).toContain("UV_NO_CACHE=1");
});

it("keeps the venv cache but no stage bind mount for an engine without them (podman)", () => {
  const plan = planFor("flask-module", { buildkit: true, stageMounts: false });
  const dockerfile = renderFiles(plan)[0]?.content ?? "";
  expect(dockerfile).toMatch(/--mount=type=cache,id=pyship-venv-[^ ]*,sharing=locked/);
  expect(dockerfile).not.toContain("--mount=type=bind");
  expect(dockerfile).toContain("COPY --from=builder /opt/venv-image /opt/venv");
});

/** The rules from the brief, on the parsed Dockerfile. */
function checkShippable(text: string, plan: Plan): void {
  const instructions = DockerfileParser.parse(text).getInstructions();
  const keywords = instructions.map((instruction) => instruction.getKeyword());
  expect(text).not.toMatch(/^#\s*syntax=/m);
  const lastFrom = keywords.lastIndexOf("FROM");
  const final = instructions.slice(lastFrom);
  const finalText = final.map((instruction) => instruction.getTextContent()).join("\n");
  expect(finalText).not.toMatch(/\b(gcc|g\+\+|build-essential|libc6-dev|-dev)\b/);
  expect(final.find((i) => i.getKeyword() === "USER")?.getTextContent()).toBe(
    `USER ${plan.user.uid}:${plan.user.uid}`,
  );
  expect(finalText).toContain(`--uid ${plan.user.uid}`);
  const cmd = final.find((i) => i.getKeyword() === "CMD")?.getTextContent() ?? "";
  expect(JSON.parse(cmd.replace(/^CMD\s+/, ""))).toStrictEqual(plan.command);
  expect(text.includes("--mount=")).toBe(plan.buildkit);
  expect(keywords.filter((k) => k === "FROM")).toHaveLength(plan.stages.length);
  expect(finalText).toContain(`io.pyship.kind="${plan.kind}"`);
  // Dependencies before code: the first COPY of the whole project comes after every install.
  const copyAll = final.findIndex((i) =>
    /^COPY (--chown=\S+ )?\. \.$/.test(i.getTextContent() ?? ""),
  );
  expect(copyAll).toBeGreaterThan(0);
  if (plan.port !== null) expect(keywords).toContain("HEALTHCHECK");
  expect(keywords.includes("STOPSIGNAL")).toBe(plan.stopSignal !== null);
}

it(".dockerignore never hides a file the build needs", () => {
  const facts = makeFacts({
    meta: {
      name: "demo",
      version: "1.0",
      buildNeeds: ["README.md", "build/schema.json", ".env.defaults"],
      scripts: {},
      evidence: { file: "pyproject.toml", line: 2, why: "name" },
    },
  });
  const text =
    renderFiles(planProject(facts)).find((f) => f.path === ".dockerignore")?.content ?? "";
  const rules = ignore().add(text.split("\n"));
  expect(
    ["README.md", "build/schema.json", ".env.defaults", "requirements.txt"].filter((p) =>
      rules.ignores(p),
    ),
  ).toStrictEqual([]);
  expect(["build/lib/x.py", ".env.local"].filter((p) => !rules.ignores(p))).toStrictEqual([]);
  expect(text).toContain("!build/schema.json");
  expect(text).not.toContain("!README.md"); // no pattern excludes it, so no exception is needed
});
