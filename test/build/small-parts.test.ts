import { describe, expect, it } from "vitest";
import type { BuildSession } from "../../src/build/build-ports.js";
import { withPlanInputs } from "../../src/build/build-secrets.js";
import { defaultTags } from "../../src/build/default-tags.js";
import { dockerfileNeeds } from "../../src/build/dockerfile-needs.js";
import { engineFault } from "../../src/build/engine-fault.js";
import { parsePlatforms } from "../../src/build/probe-docker.js";
import type { Plan } from "../../src/core/pipeline.js";
import { planProject } from "../../src/plan/plan-project.js";
import { makeFacts } from "../plan/make-facts.js";
import { DAEMON_DOWN, NO_BUILDX, SOCKET_DENIED } from "./fake-engines.js";

describe("defaultTags", () => {
  it.each<[string, string | null, string[]]>([
    ["shop", "1.2.0", ["shop:1.2.0", "shop:latest"]],
    ["shop", null, ["shop:latest"]],
    ["My_Shop", "1.0+local", ["my_shop:1.0-local", "my_shop:latest"]],
    ["shop", "latest", ["shop:latest"]],
  ])("%s %s", (name, version, tags) => {
    expect(defaultTags(name, version)).toEqual(tags);
  });
});

describe("dockerfileNeeds", () => {
  it("finds RUN --mount and its line", () => {
    const text =
      "FROM python:3.13-slim\nRUN echo hi\nRUN --mount=type=cache,target=/root/.cache pip install flask\n";
    expect(dockerfileNeeds(text)).toEqual({ cacheMounts: true, mountLine: 3 });
  });
  it("a plain Dockerfile needs nothing special", () => {
    expect(
      dockerfileNeeds("FROM python:3.13-slim\nRUN pip install --no-cache-dir flask\n").cacheMounts,
    ).toBe(false);
  });
});

describe("engineFault", () => {
  it.each([
    [DAEMON_DOWN, "E_ENGINE_UNAVAILABLE"],
    [SOCKET_DENIED, "E_ENGINE_PERMISSION"],
    [NO_BUILDX, "E_BUILDKIT_UNSUPPORTED"],
    // what docker 20.10 printed when the test daemon was stopped during `RUN sleep 30`
    ["#5 [2/2] RUN sleep 30\n#5 sha256:ee48\nunexpected EOF", "E_ENGINE_LOST"],
    ["ERROR: error reading from server: EOF", "E_ENGINE_LOST"],
    [
      "#5 [2/2] RUN sleep 61\ncannot write /tmp/b/iid because server did not provide an image ID",
      "E_ENGINE_LOST",
    ],
    ["#7 0.41 pip: unexpected EOF", undefined],
    ["#5 0.2 head: error writing 'standard output': No space left on device", "E_DISK_FULL"],
    [
      "Error response from daemon: write /var/lib/docker/tmp/x/layer.tar: no space left on device",
      "E_DISK_FULL",
    ],
    ["some other error", undefined],
  ])("%s", (stderr, code) => {
    expect(engineFault("docker", stderr)?.code).toBe(code);
  });
});

describe("parsePlatforms", () => {
  it("reads the Platforms line of buildx inspect", () => {
    expect(parsePlatforms("Name: x\nDriver: docker\nPlatforms: linux/amd64, linux/386*\n")).toEqual(
      ["linux/amd64", "linux/386"],
    );
  });
});

describe("withPlanInputs: the plan's verify environment", () => {
  const session = (verifyEnv?: Plan["verifyEnv"]) =>
    withPlanInputs(
      {
        options: {
          dir: ".",
          root: "/p",
          tags: [],
          buildArgs: [],
          noCache: false,
          verify: true,
          push: false,
        },
        ports: {} as BuildSession["ports"],
        engine: {} as BuildSession["engine"],
      },
      { ...planProject(makeFacts()), ...(verifyEnv ? { verifyEnv } : {}) },
    ).options.verifyEnv;

  it("goes to the test container only, as NAME → value", () => {
    const evidence = { file: "site/production.py", line: 6, why: "ALLOWED_HOSTS" };
    expect(session([{ name: "WEBSITE_HOSTNAME", value: "127.0.0.1", evidence }])).toEqual({
      WEBSITE_HOSTNAME: "127.0.0.1",
    });
  });

  it("is absent when the plan has none", () => {
    expect(session()).toBeUndefined();
  });
});
