/*
 * `pyship release` end to end: a git repository made from test/fixtures/release-app (tagged
 * v1.2.3, a remote URL with a token in it), the real engine, and the loopback registry of
 * scripts/setup-registry.sh with htpasswd auth. The registry is read here through its own
 * HTTP API, not through pyship's client.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as Spec from "@cyclonedx/cyclonedx-library/Spec";
import * as Validation from "@cyclonedx/cyclonedx-library/Validation";
import { afterAll, beforeAll, expect, it } from "vitest";
import { EXIT_CODES } from "../../src/core/errors.js";
import { NodeExecutor } from "../../src/core/node-executor.js";
import { git, gitFixture } from "../release/fake-release.js";
import { describeE2e, REPO } from "./engine.js";
import { removeDir, removeImages } from "./pyship-cli.js";
import {
  listTags,
  loggedInConfig,
  manifestDigest,
  type TestRegistry,
  testRegistry,
  wrongConfig,
} from "./release-registry.js";

const executor = new NodeExecutor();
const CLI = join(REPO, "dist/cli.js");
// A namespace of its own per run: the registry outlives test runs.
const NAMESPACE = `pyship-release-e2e-${Date.now().toString(36)}`;
const NAME = `${NAMESPACE}/pyship-release-demo`;

/** The fixture as a repository: HEAD tagged, a remote whose URL carries a token. */
async function tagged(fixture: string, tag: string): Promise<string> {
  const dir = await gitFixture(fixture, tag);
  await git(
    dir,
    "remote",
    "add",
    "origin",
    "https://x-access-token:ghs_e2eFakeToken@example.com/acme/demo.git",
  );
  return dir;
}

describeE2e("pyship release on a real registry", (engine) => {
  let registry: TestRegistry;
  let config = "";
  let dir = "";
  let sha = "";
  const release = (args: readonly string[], dockerConfig = config) =>
    executor.run(process.execPath, [CLI, "release", ...args], {
      timeoutMs: 600_000,
      env: {
        PYSHIP_ENGINE: engine.client,
        PYSHIP_LANG: "en",
        NO_COLOR: "1",
        CI: "1",
        DOCKER_CONFIG: dockerConfig,
      },
    });
  const network = engine.network ? ["--network", engine.network] : [];

  beforeAll(async () => {
    registry = testRegistry();
    config = await loggedInConfig(engine.client, registry);
    dir = await tagged("release-app", "v1.2.3");
    sha = (await git(dir, "rev-parse", "--short=7", "HEAD")).trim();
  });
  afterAll(async () => {
    await removeImages(
      engine,
      ["1.2.3", "1.2", "1", "latest", `sha-${sha}`].map((t) => `${registry.host}/${NAME}:${t}`),
    );
    await removeDir(dir);
    await removeDir(config);
  });

  it("pushes 1.2.3, sha-<short>, 1.2, 1 and latest, with OCI labels and an SBOM", async () => {
    const sbom = join(dir, "..", `${NAMESPACE}.sbom.json`);
    const result = await release([
      dir,
      "--registry",
      `${registry.host}/${NAMESPACE}`,
      "--sbom",
      sbom,
      ...network,
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(await listTags(registry, NAME)).toStrictEqual(
      ["1", "1.2", "1.2.3", "latest", `sha-${sha}`].sort(),
    );
    const labels = await imageLabels(engine.client, `${registry.host}/${NAME}:1.2.3`);
    const commitTime = Number(await git(dir, "log", "-1", "--format=%ct"));
    expect(labels).toMatchObject({
      "org.opencontainers.image.version": "1.2.3",
      "org.opencontainers.image.revision": await git(dir, "rev-parse", "HEAD"),
      "org.opencontainers.image.source": "https://example.com/acme/demo",
      "org.opencontainers.image.created": new Date(commitTime * 1000)
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z"),
      "org.opencontainers.image.licenses": "MIT",
      "org.opencontainers.image.title": "pyship-release-demo",
    });
    const document = await readFile(sbom, "utf8");
    expect(
      await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(document),
    ).toBeNull();
    expect(document).toContain('"purl": "pkg:pypi/six@1.16.0"');
    expect(document).not.toContain("ghs_e2eFakeToken");
  });

  it("a re-run pushes nothing and passes: every tag already holds this image", async () => {
    const before = await manifestDigest(registry, NAME, "1.2.3");
    const result = await release([dir, "--registry", `${registry.host}/${NAMESPACE}`, ...network]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr.match(/^Skipped .*: the registry already has this image/gm)).toHaveLength(
      5,
    );
    expect(result.stderr).not.toMatch(/^Pushed /m);
    expect(await manifestDigest(registry, NAME, "1.2.3")).toBe(before);
  });

  it("refuses a different image under the existing release tag (E_TAG_EXISTS) and pushes nothing", async () => {
    const before = await manifestDigest(registry, NAME, "1.2.3");
    const served = join(dir, "serve.py");
    await writeFile(served, (await readFile(served, "utf8")).replace("hello from", "changed by"));
    await git(dir, "commit", "-qam", "same version, other content");
    await git(dir, "tag", "-f", "v1.2.3");
    const result = await release([dir, "--registry", `${registry.host}/${NAMESPACE}`, ...network]);
    expect(result.exitCode, result.stderr).toBe(EXIT_CODES.E_TAG_EXISTS);
    expect(result.stderr).toMatch(/\[E_TAG_EXISTS\] .*:1\.2\.3 already holds a different image/);
    expect(await manifestDigest(registry, NAME, "1.2.3")).toBe(before);
    expect(await listTags(registry, NAME)).toHaveLength(5);
  });

  it.each([
    [
      "wrong credentials",
      "wrong",
      EXIT_CODES.E_REGISTRY_AUTH,
      /^error \[E_REGISTRY_AUTH\] registry .* refused the credentials from .*config\.json$/m,
    ],
    [
      "an unreachable registry",
      "closed",
      EXIT_CODES.E_REGISTRY_UNREACHABLE,
      /^error \[E_REGISTRY_UNREACHABLE\] cannot reach registry 127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/m,
    ],
  ] as const)("%s: one clear line and its own exit code", async (_what, kind, code, line) => {
    const dockerConfig = kind === "wrong" ? await wrongConfig(registry) : config;
    const host = kind === "closed" ? await closedPort() : registry.host;
    const result = await release(
      [dir, "--dry-run", "--registry", `${host}/${NAMESPACE}`],
      dockerConfig,
    );
    expect(result.exitCode, result.stderr).toBe(code);
    expect(result.stderr).toMatch(line);
    expect(result.stderr).not.toContain(registry.password);
    if (kind === "wrong") await removeDir(dockerConfig);
  });
});

async function imageLabels(client: string, image: string): Promise<Record<string, string>> {
  const result = await executor.run(client, [
    "image",
    "inspect",
    "--format",
    "{{json .Config.Labels}}",
    image,
  ]);
  return JSON.parse(result.stdout) as Record<string, string>;
}

/** A loopback port nobody listens on: bound by the OS, then closed again. */
async function closedPort(): Promise<string> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  return `127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}
