/*
 * What `pyship release` adds to a build: its OCI labels, and the commit time where each
 * engine can use it (podman: --timestamp, the OCI format and no layer cache).
 */
import { describe, expect, it } from "vitest";
import { buildCommand } from "../../src/build/build-command.js";
import { detectEngine } from "../../src/build/detect-engine.js";
import { type FakeClient, FakeEngines, PATH_ENV } from "./fake-engines.js";

const REQUEST = {
  context: "/p",
  dockerfile: "/p/Dockerfile",
  tags: ["reg/app:1.2.3"],
  buildArgs: [],
  labels: { "org.opencontainers.image.version": "1.2.3" },
  sourceDateEpoch: 1_764_000_000,
};

describe("buildCommand for a release", () => {
  it.each<[string, FakeClient, string[]]>([
    [
      "podman",
      { path: "/usr/bin/podman" },
      [
        "--build-arg",
        "SOURCE_DATE_EPOCH=1764000000",
        "--timestamp",
        "1764000000",
        "--format",
        "oci",
        "--no-cache",
      ],
    ],
    [
      "BuildKit",
      { path: "/usr/bin/docker", buildkit: true },
      ["--build-arg", "SOURCE_DATE_EPOCH=1764000000"],
    ],
    [
      "legacy builder",
      { path: "/usr/bin/docker" },
      ["--build-arg", "SOURCE_DATE_EPOCH=1764000000"],
    ],
  ])("%s", async (_name, client, tail) => {
    const engine = await detectEngine(new FakeEngines([client]), PATH_ENV);
    const { args } = buildCommand(engine, REQUEST, "/tmp/iid");
    expect(args.slice(-tail.length - 3)).toStrictEqual([
      "--label",
      "org.opencontainers.image.version=1.2.3",
      ...tail,
      "/p",
    ]);
  });

  it("a plain build gets none of it (podman keeps the docker format for HEALTHCHECK)", async () => {
    const engine = await detectEngine(new FakeEngines([{ path: "/usr/bin/podman" }]), PATH_ENV);
    const { args } = buildCommand(
      engine,
      { ...REQUEST, labels: undefined, sourceDateEpoch: undefined },
      "/tmp/iid",
    );
    expect(
      args.filter((a) => /label|timestamp|SOURCE_DATE_EPOCH|--format|^docker$|^oci$/.test(a)),
    ).toStrictEqual(["--format", "docker"]);
  });
});
