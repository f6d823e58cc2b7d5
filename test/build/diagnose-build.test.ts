import { describe, expect, it } from "vitest";
import { diagnoseBuild } from "../../src/build/diagnose-build.js";
import type { Engine } from "../../src/build/engine.js";
import { failedStep } from "../../src/build/read-build-log.js";
import { say } from "../../src/cli/i18n.js";

const ENGINE: Engine = {
  name: "docker-buildkit",
  client: "/usr/bin/docker",
  clientVersion: "20.10.24",
  capabilities: { buildkit: true, cacheMounts: true, buildx: false, platforms: [] },
  env: { DOCKER_BUILDKIT: "1" },
  why: "test",
};

const buildkit = (step: string, output: string[]) => [
  "#1 [internal] load build definition from Dockerfile",
  "#1 DONE 0.0s",
  `#9 ${step}`,
  ...output.map((line, i) => `#9 ${(i * 0.1 + 0.5).toFixed(3)} ${line}`),
  "#9 ERROR: executor failed running [/bin/sh -c pip install -r requirements.txt]: exit code: 1",
  "------",
  ` > ${step}:`,
  "------",
  "error: failed to solve: exit code: 1",
];

const legacy = (step: string, output: string[]) => [
  "Sending build context to Docker daemon  4.096kB",
  "Step 1/7 : FROM python:3.13-slim",
  " ---> de5c9bfa209f",
  `Step 5/7 : ${step}`,
  " ---> Running in 0c1f",
  ...output,
  "The command '/bin/sh -c pip install -r requirements.txt' returned a non-zero code: 1",
];

const PIP_RUN = "[builder 4/6] RUN pip install -r requirements.txt";
const UV_RUN =
  "[builder 5/5] RUN /opt/tools/bin/uv pip compile --quiet --no-header -o /tmp/pyship-locked.txt requirements.txt";
const COLLECTSTATIC =
  "[runtime 7/7] RUN DJANGO_SETTINGS_MODULE=shop.settings python manage.py collectstatic --noinput";

describe("diagnoseBuild: known failures", () => {
  it.each<[string, string[], string, RegExp]>([
    [
      "missing libpq header (BuildKit)",
      buildkit(PIP_RUN, [
        "In file included from psycopg/adapter_asis.c:28:",
        "./psycopg/psycopg.h:35:10: fatal error: libpq-fe.h: No such file or directory",
      ]),
      "E_BUILD_FAILED",
      /build = \["libpq-dev"\], runtime = \["libpq5"\]/,
    ],
    [
      "pg_config missing (legacy)",
      legacy("RUN pip install -r requirements.txt", ["Error: pg_config executable not found."]),
      "E_BUILD_FAILED",
      /\[tool\.pyship\.apt\].*libpq-dev/,
    ],
    [
      "no compiler",
      buildkit(PIP_RUN, ["error: command 'gcc' failed: No such file or directory"]),
      "E_BUILD_FAILED",
      /build-essential/,
    ],
    [
      "pip cannot resolve the index host",
      buildkit(PIP_RUN, [
        "WARNING: Retrying ... Temporary failure in name resolution",
        "ERROR: Could not find a version that satisfies the requirement flask==3.1.3 (from versions: none)",
      ]),
      "E_NETWORK",
      /--network host/,
    ],
    [
      "uv cannot resolve the index host",
      buildkit(UV_RUN, [
        "error: Request failed after 3 retries",
        "  Caused by: Failed to fetch: `https://pypi.org/simple/flask/`",
        "  Caused by: dns error: failed to lookup address information",
      ]),
      "E_NETWORK",
      /--network host/,
    ],
    [
      "uv finds no release matching the pin",
      buildkit(UV_RUN, [
        "  × No solution found when resolving dependencies:",
        "  ╰─▶ Because there is no version of flask==9.9 and you require flask==9.9, we can conclude that your requirements are unsatisfiable.",
      ]),
      "E_BUILD_FAILED",
      /pin a release of flask the index still has \(`pip index versions flask`\)/,
    ],
    [
      "a pin only a newer Python gets: not called missing",
      legacy("RUN pip install -r requirements.txt", [
        "ERROR: Ignored the following versions that require a different python version: 3.1.3 Requires-Python >=3.9",
        "ERROR: Could not find a version that satisfies the requirement flask==3.1.3 (from versions: 2.0.0)",
      ]),
      "E_BUILD_FAILED",
      /pip or uv saw/,
    ],
    [
      "pip sees versions, none matching",
      legacy("RUN pip install -r requirements.txt", [
        "ERROR: Could not find a version that satisfies the requirement flask==9.9 (from versions: 3.0.0, 3.1.3)",
      ]),
      "E_BUILD_FAILED",
      /pin/,
    ],
    [
      "apt package name wrong",
      buildkit("[builder 2/6] RUN apt-get install -y libpq", ["E: Unable to locate package libpq"]),
      "E_BUILD_FAILED",
      /tool\.pyship\.apt/,
    ],
    [
      "collectstatic without a variable the settings require",
      buildkit(COLLECTSTATIC, ["Traceback (most recent call last):", "KeyError: 'DATABASE_URL'"]),
      "E_BUILD_FAILED",
      /give DATABASE_URL a default \(os\.environ\.get\("DATABASE_URL", ""\)\)/,
    ],
    [
      "collectstatic with settings that query at import",
      buildkit(COLLECTSTATIC, [
        'django.db.utils.OperationalError: connection to server at "db" failed',
      ]),
      "E_BUILD_FAILED",
      /no database and no secrets/,
    ],
  ])("%s → %s", (_name, lines, code, hint) => {
    const error = diagnoseBuild(ENGINE, lines, 1, "/tmp/build.log");
    expect(error.code).toBe(code);
    expect(error.hint).toMatch(hint);
    expect(error.details).toContain("full log: /tmp/build.log");
  });

  it("says the cause and the hint in zh-CN and zh-TW (English stays in message and hint)", () => {
    const lines = ["#9 [builder 4/6] RUN pip install -r requirements.txt", "Read timed out."];
    const error = diagnoseBuild(ENGINE, lines, 1, "/tmp/b.log");
    expect(error.message).toMatch(/^build failed.*: the package index answered too slowly/);
    expect(say("zh-CN", error.text)).toMatch(/^构建失败.*：软件包索引响应太慢/);
    expect(say("zh-TW", error.hintText ?? "")).toContain("鏡像站");
  });

  it("pip's list of releases ignored for other packages does not hide a missing pin", () => {
    const lines = [
      "#10 [runtime 6/7] RUN pip install --require-hashes --no-deps -r pyship.requirements.txt",
      "#10 75.83 ERROR: Ignored the following versions that require a different python version: 0.15.0 Requires-Python >=3.8; 2.32.0 Requires-Python >=3.8",
      "#10 75.86 ERROR: Could not find a version that satisfies the requirement requests-async==0.5.0 (from versions: 0.1.0, 0.2.4)",
    ];
    const error = diagnoseBuild(ENGINE, lines, 1, "/tmp/b.log");
    expect(error.message).toContain("requests-async==0.5.0 is not on the package index");
  });

  it("a pinned release the index does not have is called broken upstream", () => {
    const lines = [
      "#10 [builder 5/5] RUN /opt/tools/bin/uv pip compile -o /tmp/pyship-locked.txt requirements.txt",
      "#10 0.532   cause: Because there is no version of requests-async==0.5.0 and you require requests-async==0.5.0, we can conclude that your requirements are unsatisfiable.",
    ];
    const error = diagnoseBuild(ENGINE, lines, 1, "/tmp/b.log");
    expect(error.message).toMatch(
      /the pinned release requests-async==0\.5\.0 is not on the package index: removed upstream or never published \(the project is broken upstream/,
    );
  });

  it("base image missing, registry unreachable (BuildKit)", () => {
    const lines = [
      "#3 [internal] load metadata for docker.io/library/python:3.8-slim",
      '#3 ERROR: failed to do request: Head "https://registry-1.docker.io/v2/library/python/manifests/3.8-slim": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host',
      "------",
      " > [internal] load metadata for docker.io/library/python:3.8-slim:",
      "------",
      "failed to solve with frontend dockerfile.v0: failed to create LLB definition: failed to do request",
    ];
    const error = diagnoseBuild(ENGINE, lines, 1, "/tmp/b.log");
    expect(error.code).toBe("E_BASE_IMAGE_MISSING");
    expect(error.message).toContain("python:3.8-slim");
    expect(error.hint).toMatch(/docker pull.*--base-image/);
  });

  it("base image missing (legacy builder)", () => {
    const lines = [
      "Step 1/2 : FROM python:3.8-slim",
      'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host',
    ];
    const error = diagnoseBuild(ENGINE, lines, 1, "/tmp/b.log");
    expect(error.code).toBe("E_BASE_IMAGE_MISSING");
    expect(error.message).toContain("python:3.8-slim");
  });

  it.each<[string, string, string]>([
    [
      "daemon stopped mid-build",
      "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
      "E_ENGINE_UNAVAILABLE",
    ],
    [
      "legacy builder meets RUN --mount",
      "the --mount option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/",
      "E_BUILDKIT_UNSUPPORTED",
    ],
    [
      "client without buildx told to use BuildKit",
      "ERROR: BuildKit is enabled but the buildx component is missing or broken.",
      "E_BUILDKIT_UNSUPPORTED",
    ],
  ])("engine fault in the build log: %s → %s", (_name, line, code) => {
    expect(diagnoseBuild(ENGINE, [line], 1, "/tmp/b.log").code).toBe(code);
  });

  it("unknown failure: E_BUILD_FAILED naming the step, with its last lines", () => {
    const error = diagnoseBuild(
      ENGINE,
      buildkit("[runtime 6/7] RUN python scripts/prepare.py", [
        "Traceback (most recent call last):",
        "KeyError: 'SECRET_KEY'",
      ]),
      1,
      "/tmp/b.log",
    );
    expect(error.code).toBe("E_BUILD_FAILED");
    expect(error.message).toContain("[runtime 6/7] RUN python scripts/prepare.py");
    expect(error.details).toContain("KeyError: 'SECRET_KEY'");
    expect(error.details).not.toContain("#9 0.");
    expect(error.hint).toContain("/tmp/b.log");
  });
});

describe("failedStep", () => {
  it("BuildKit: the step whose id has the ERROR line, output without the #N time prefix", () => {
    const step = failedStep(buildkit(PIP_RUN, ["Collecting flask", "boom"]));
    expect(step?.step).toBe(PIP_RUN);
    expect(step?.output.slice(0, 2)).toEqual(["Collecting flask", "boom"]);
  });

  it("legacy: the last Step line, output without ---> lines", () => {
    const step = failedStep(
      legacy("RUN pip install -r requirements.txt", ["Collecting flask", "boom"]),
    );
    expect(step?.step).toBe("Step 5/7: RUN pip install -r requirements.txt");
    expect(step?.output).toContain("boom");
    expect(step?.output.some((l) => l.includes("--->"))).toBe(false);
  });

  it("no recognizable step → null", () => {
    expect(failedStep(["something else"])).toBeNull();
  });
});
