/*
 * Reproducible releases on the engine here that supports them (podman 4.3: --timestamp in
 * the OCI format, see src/build/reproducible-builds.ts): two clean builds of one commit give
 * one image. The first release pushes; the second builds the same commit from scratch again
 * and must find the registry already holding that very image (same config digest) and skip
 * every tag. Docker 20.10 here cannot (its BuildKit predates SOURCE_DATE_EPOCH): doctor says so.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { NodeExecutor } from "../../src/core/node-executor.js";
import { gitFixture } from "../release/fake-release.js";
import { describeE2e, REPO } from "./engine.js";
import { removeDir } from "./pyship-cli.js";
import { listTags, manifestDigest, type TestRegistry, testRegistry } from "./release-registry.js";

const executor = new NodeExecutor();
const CLI = join(REPO, "dist/cli.js");
const NAMESPACE = `pyship-release-repro-${Date.now().toString(36)}`;
const NAME = `${NAMESPACE}/pyship-release-demo`;

async function must(
  command: string,
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<string> {
  const result = await executor.run(command, args, { ...options, timeoutMs: 300_000 });
  if (result.exitCode !== 0) throw new Error(`${command} ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
}

/** The generated Dockerfile's base, in podman's store (from docker's stand-in when missing). */
async function podmanBase(docker: string, image: string): Promise<void> {
  const found = await executor.run("podman", ["image", "exists", image]);
  if (found.exitCode === 0) return;
  const archive = join(await mkdtemp(join(tmpdir(), "pyship-release-base-")), "base.tar");
  await must(docker, ["save", "-o", archive, image]);
  await must("podman", ["load", "-i", archive]);
  await removeDir(join(archive, ".."));
}

describeE2e("pyship release is reproducible on podman", (engine) => {
  let registry: TestRegistry;
  let dir = "";
  let auth = "";
  const release = () =>
    executor.run(
      process.execPath,
      [CLI, "release", dir, "--engine", "podman", "--registry", `${registry.host}/${NAMESPACE}`],
      {
        timeoutMs: 600_000,
        env: {
          PYSHIP_LANG: "en",
          NO_COLOR: "1",
          CI: "1",
          REGISTRY_AUTH_FILE: join(auth, "auth.json"),
        },
      },
    );

  beforeAll(async () => {
    registry = testRegistry();
    await podmanBase(engine.client, "python:3.13-slim");
    auth = await mkdtemp(join(tmpdir(), "pyship-release-podman-auth-"));
    await must(
      "podman",
      [
        "login",
        "--tls-verify=false",
        "--authfile",
        join(auth, "auth.json"),
        "-u",
        registry.user,
        "--password-stdin",
        registry.host,
      ],
      { input: registry.password },
    );
    dir = await gitFixture("release-app", "v1.2.3");
  });
  afterAll(async () => {
    const tags = (await listTags(registry, NAME)).map((t) => `${registry.host}/${NAME}:${t}`);
    if (tags.length > 0)
      await executor.run("podman", ["rmi", "-f", ...tags], { timeoutMs: 60_000 });
    await removeDir(dir);
    await removeDir(auth);
  });

  it("two clean builds of one commit give one image: the second release skips every tag", async () => {
    const first = await release();
    expect(first.exitCode, first.stderr).toBe(0);
    const published = await manifestDigest(registry, NAME, "1.2.3");
    expect(published).toMatch(/^sha256:[0-9a-f]{64}$/);
    const second = await release();
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/Building .*:1\.2\.3/);
    expect(second.stderr.match(/^Skipped .*: the registry already has this image/gm)).toHaveLength(
      5,
    );
    expect(await manifestDigest(registry, NAME, "1.2.3")).toBe(published);
  });
});
