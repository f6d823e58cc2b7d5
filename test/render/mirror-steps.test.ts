/*
 * The rendered mirror and secret steps as file snapshots (test/render/__snapshots__/mirrors/),
 * and the properties that make them safe: empty defaults (the file builds anywhere), no
 * credential in any line, lint clean, and a refusal instead of a leak without BuildKit.
 */
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { IndexSettings, Plan, PlanOptions } from "../../src/core/pipeline.js";
import { detectProject } from "../../src/detect/detect-project.js";
import { fsContext } from "../../src/lint/build-context.js";
import { lintDockerfile } from "../../src/lint/lint-dockerfile.js";
import { planProject } from "../../src/plan/plan-project.js";
import { renderDockerfile } from "../../src/render/render-dockerfile.js";
import { renderFiles } from "../../src/render/render-files.js";

const FIXTURES = new URL("../fixtures/", import.meta.url);

const AUTH_INDEX: IndexSettings = {
  indexUrl: null,
  extraIndexUrls: ["https://pypi.corp.example/simple"],
  trustedHosts: [],
  evidence: [],
  warnings: [],
  credentials: [
    {
      host: "pypi.corp.example",
      username: "ada",
      password: "s3cret-never-rendered",
      evidence: { file: "/etc/pip.conf", line: 2, why: "" },
    },
  ],
};

/** fixture, snapshot name, options. */
const CASES: ReadonlyArray<readonly [string, string, PlanOptions]> = [
  [
    "native-psycopg2",
    "tuna-registry.Dockerfile",
    { buildkit: true, mirror: "tuna", baseRegistry: "docker.m.daocloud.io" },
  ],
  [
    "pyship-config",
    "apt-mirror-legacy.Dockerfile",
    { aptMirror: "http://127.0.0.1:3142/deb.debian.org/debian" },
  ],
  [
    "flask-module",
    "index-url-pip.Dockerfile",
    { installer: "pip", mirror: "https://nexus.corp.example/pypi/simple" },
  ],
  ["flask-module", "secret-uv.Dockerfile", { buildkit: true, index: AUTH_INDEX }],
  [
    "setup-py",
    "secret-setup-py.Dockerfile",
    { buildkit: true, index: AUTH_INDEX, mirror: "aliyun" },
  ],
];

function planFor(name: string, options: PlanOptions): Plan {
  return planProject(detectProject(new URL(name, FIXTURES).pathname), options);
}

describe.each(CASES)("%s with %s", (name, snapshot, options) => {
  const plan = planFor(name, options);
  const dockerfile = renderDockerfile(plan);

  it("matches the snapshot", async () => {
    await expect(dockerfile).toMatchFileSnapshot(`__snapshots__/mirrors/${snapshot}`);
  });

  it("gives every mirror argument an empty default and no credential any line", () => {
    expect(dockerfile).not.toMatch(/ARG PYSHIP_(APT_MIRROR|BASE_REGISTRY)=\S/);
    // The values come at build time: no mirror's address is in the file.
    expect(dockerfile).not.toMatch(/tsinghua|aliyun\.com|daocloud|nexus\.corp|:3142/);
    expect(dockerfile).not.toContain("s3cret");
  });

  it("passes pyship lint with no warning or error", () => {
    const root = join(mkdtempSync(join(tmpdir(), "pyship-mirrors-render-")), name);
    cpSync(new URL(name, FIXTURES), root, { recursive: true });
    for (const file of renderFiles(plan)) writeFileSync(join(root, file.path), file.content);
    const findings = lintDockerfile(dockerfile, {
      file: "Dockerfile",
      build: fsContext(root, "Dockerfile"),
    });
    const codes = findings.filter((finding) => finding.severity !== "info").map((f) => f.code);
    expect([...new Set(codes)]).toStrictEqual([]);
  });
});

it("mounts the secret on every RUN that reaches the index, and on no other", () => {
  const dockerfile = renderDockerfile(planFor("setup-py", { buildkit: true, index: AUTH_INDEX }));
  const runs = dockerfile.split(/\n(?=RUN )/).filter((part) => part.startsWith("RUN "));
  const installs = runs.filter((run) => /pip install|uv pip|uv sync/.test(run));
  expect(installs.length).toBeGreaterThan(1);
  for (const run of installs) expect(run).toContain("--mount=type=secret,id=pyship_index_netrc");
  for (const run of runs.filter((r) => !installs.includes(r)))
    expect(run).not.toContain("type=secret");
});

it("refuses index credentials without BuildKit instead of leaking them into ARG or ENV", () => {
  expect(() => planFor("flask-module", { index: AUTH_INDEX })).toThrow(
    expect.objectContaining({
      code: "E_SECRET_UNSUPPORTED",
      message: expect.stringMatching(/^\/etc\/pip\.conf:2: /),
    }),
  );
});

it("renders nothing of mirrors without a mirror, and nothing for --mirror off", () => {
  const plain = renderDockerfile(planFor("native-psycopg2", { buildkit: true }));
  expect(renderDockerfile(planFor("native-psycopg2", { buildkit: true, mirror: "off" }))).toBe(
    plain,
  );
  expect(plain).not.toContain("PYSHIP_");
});
