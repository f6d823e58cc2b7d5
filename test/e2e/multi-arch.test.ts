/*
 * Multi-arch on this amd64 machine: `pyship build --platform linux/amd64,linux/arm64` on
 * podman builds both images (arm64 under qemu-user-static), verifies each — the arm64 one
 * really runs emulated: starts, answers, not root — and gathers them in one manifest list,
 * which `pushManifestList` (what `pyship release` calls) pushes whole: here into an OCI
 * layout on disk, since the registry is the release tests' business.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import type { BuildOutcome } from "../../src/build/build-ports.js";
import { detectEngine } from "../../src/build/detect-engine.js";
import { pushManifestList } from "../../src/build/push-manifest-list.js";
import { NodeExecutor } from "../../src/core/node-executor.js";
import type { BuildResult } from "../../src/core/pipeline.js";
import { check } from "./checks.js";
import { describeE2e } from "./engine.js";
import { podmanEngine } from "./podman-engine.js";
import {
  buildFlags,
  copyFixture,
  engineRun,
  recordMetrics,
  removeDir,
  runPyship,
} from "./pyship-cli.js";

const LIST = "pyship-e2e-multi-arch:test";
const PER_PLATFORM = ["linux-amd64", "linux-arm64"].map((suffix) => `${LIST}-${suffix}`);

type BuildJson = BuildResult & Pick<BuildOutcome, "platforms">;

describeE2e("multi-arch builds (podman, arm64 under qemu)", (docker) => {
  const engine = podmanEngine(docker);
  const dirs: string[] = [];
  afterAll(async () => {
    await engineRun(engine, ["manifest", "rm", LIST]);
    await engineRun(engine, ["rmi", "-f", ...PER_PLATFORM]);
    for (const dir of dirs) await removeDir(dir);
  });

  it("builds and verifies each platform and lists them under one name", async () => {
    const dir = await copyFixture("http-server-script");
    dirs.push(dir);
    const platforms = ["--platform", "linux/amd64,linux/arm64", "--tag", LIST, "--json"];
    const started = performance.now();
    const run = await runPyship(engine, ["build", dir, ...platforms, ...buildFlags(engine)]);
    expect(run.exitCode, run.stderr.split("\n").slice(-30).join("\n")).toBe(0);
    const built = JSON.parse(run.stdout) as BuildJson;
    expect(built.engine).toBe("podman");
    const images = built.platforms?.images ?? [];
    expect(images.map((image) => [image.platform, image.ref])).toEqual([
      ["linux/amd64", PER_PLATFORM[0]],
      ["linux/arm64", PER_PLATFORM[1]],
    ]);
    for (const { report } of images) {
      if (!report) throw new Error("a platform was not verified");
      expect(report.ok, JSON.stringify(report.checks)).toBe(true);
      expect(check(report, "http").status).toBe("pass");
      expect(report.uid).toBe(10001);
    }
    const arch = await engineRun(engine, [
      "image",
      "inspect",
      "--format",
      "{{.Architecture}}",
      PER_PLATFORM[1] ?? "",
    ]);
    expect(arch.stdout.trim()).toBe("arm64");
    const arm64 = images[1];
    await recordMetrics({
      fixture: "multi-arch:http-server-script",
      buildMs: Math.round(performance.now() - started),
      sizeMB: arm64?.report?.sizeBytes ? Math.round(arm64.report.sizeBytes / 1e6) : null,
      readyMs: arm64?.report?.readyMs ?? null,
      stopMs: arm64?.report?.stopMs ?? null,
    });
  });

  it("pushManifestList pushes the list with both images", async () => {
    const executor = new NodeExecutor();
    const podman = await detectEngine(executor, process.env, { wish: "podman" });
    const layout = await copyFixture("http-server-script");
    dirs.push(layout);
    const list = {
      ref: LIST,
      tags: [LIST],
      images: [
        { platform: "linux/amd64", ref: PER_PLATFORM[0] ?? "" },
        { platform: "linux/arm64", ref: PER_PLATFORM[1] ?? "" },
      ],
    };
    const oci = join(layout, "oci");
    const pushed = await pushManifestList(executor, podman, list, `oci:${oci}:1.0.0`);
    expect(pushed.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const index = JSON.parse(await readFile(join(oci, "index.json"), "utf8"));
    const top = index.manifests[0];
    expect(top.annotations["org.opencontainers.image.ref.name"]).toBe("1.0.0");
    const nested = JSON.parse(
      await readFile(join(oci, "blobs", ...top.digest.split(":")), "utf8"),
    ) as { manifests: { platform: { architecture: string } }[] };
    expect(nested.manifests.map((m) => m.platform.architecture)).toEqual(["amd64", "arm64"]);
  });
});
