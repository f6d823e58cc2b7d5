import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EXIT_CODES, type PyshipError } from "../../src/core/errors.js";
import type { ReleaseOptions } from "../../src/release/release-ports.js";
import { runRelease } from "../../src/release/run-release.js";
import { FakeRegistry, fakePorts, git, gitFixture, recorder } from "./fake-release.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function repo(tag: string | null, fixture = "release-app"): Promise<string> {
  const dir = await gitFixture(fixture, tag);
  dirs.push(dir);
  return dir;
}

function options(root: string, extra: Partial<ReleaseOptions> = {}): ReleaseOptions {
  return {
    dir: root,
    root,
    registry: "registry.example.com/team",
    dryRun: false,
    force: false,
    sbomFile: null,
    platforms: [],
    build: { noCache: false },
    ...extra,
  };
}

async function failure(run: Promise<unknown>): Promise<PyshipError> {
  try {
    await run;
  } catch (error) {
    return error as PyshipError;
  }
  throw new Error("expected the release to fail");
}

const REPOSITORY = "registry.example.com/team/pyship-release-demo";

describe("runRelease", () => {
  it("builds once with the commit time and pushes immutable tags first, floating ones last", async () => {
    const root = await repo("v1.2.3");
    const seen = recorder();
    const result = await runRelease(
      options(root),
      fakePorts(new FakeRegistry(), "sha256:aaa", seen),
    );
    const sha = await git(root, "rev-parse", "--short=7", "HEAD");
    expect(seen.pushes).toStrictEqual(
      ["1.2.3", `sha-${sha}`, "1.2", "1", "latest"].map((t) => `${REPOSITORY}:${t}`),
    );
    expect(seen.builds).toStrictEqual([Number(await git(root, "log", "-1", "--format=%ct"))]);
    expect(result.labels["org.opencontainers.image.version"]).toBe("1.2.3");
  });

  it("a re-run of the same image skips every tag", async () => {
    const root = await repo("v1.2.3");
    const registry = new FakeRegistry();
    await runRelease(options(root), fakePorts(registry, "sha256:aaa", recorder()));
    const again = recorder();
    await runRelease(options(root), fakePorts(registry, "sha256:aaa", again));
    expect(again.pushes).toStrictEqual([]);
    expect(again.done.map((o) => o.action)).toStrictEqual(Array(5).fill("skipped-same"));
  });

  it("a different image under a release tag is refused before anything is pushed", async () => {
    const root = await repo("v1.2.3");
    const registry = new FakeRegistry();
    registry.tags.set("1.2.3", { digest: "sha256:published", configDigests: ["sha256:old"] });
    const seen = recorder();
    const error = await failure(runRelease(options(root), fakePorts(registry, "sha256:new", seen)));
    expect([error.code, error.exitCode]).toStrictEqual(["E_TAG_EXISTS", EXIT_CODES.E_TAG_EXISTS]);
    expect(error.message).toContain(
      `${REPOSITORY}:1.2.3 already holds a different image (sha256:published)`,
    );
    expect(seen.pushes).toStrictEqual([]);
  });

  it("--force overwrites the release tag and says so", async () => {
    const root = await repo("v1.2.3");
    const registry = new FakeRegistry();
    registry.tags.set("1.2.3", { digest: "sha256:published", configDigests: ["sha256:old"] });
    const seen = recorder();
    await runRelease(options(root, { force: true }), fakePorts(registry, "sha256:new", seen));
    expect(seen.done[0]).toMatchObject({ action: "forced", ref: `${REPOSITORY}:1.2.3` });
  });

  it("a backport does not move latest: the registry's tags decide", async () => {
    const root = await repo("v1.9.1");
    writeFileSync(
      join(root, "pyproject.toml"),
      '[project]\nname = "pyship-release-demo"\nversion = "1.9.1"\n',
    );
    await git(root, "commit", "-qam", "1.9.1");
    await git(root, "tag", "-f", "v1.9.1");
    const registry = new FakeRegistry();
    for (const tag of ["2.0.1", "2.0", "2", "latest", "1.9.0", "1.9"])
      registry.tags.set(tag, { digest: "d", configDigests: ["sha256:other"] });
    const seen = recorder();
    const result = await runRelease(options(root), fakePorts(registry, "sha256:aaa", seen));
    expect(seen.pushes.map((p) => p.slice(p.lastIndexOf(":") + 1))).toStrictEqual([
      "1.9.1",
      expect.stringMatching(/^sha-/),
      "1.9",
    ]);
    expect(result.plan.held.map((t) => t.tag)).toStrictEqual(["1", "latest"]);
  });

  it("--dry-run reads the registry's tags, builds and pushes nothing", async () => {
    const root = await repo("v1.2.3");
    const registry = new FakeRegistry();
    const seen = recorder();
    const result = await runRelease(
      options(root, { dryRun: true }),
      fakePorts(registry, "sha256:aaa", seen),
    );
    expect([registry.reads, seen.builds.length, seen.pushes.length]).toStrictEqual([1, 0, 0]);
    expect(result.outcomes.map((o) => o.action)).toStrictEqual(Array(5).fill("planned"));
  });

  it("no tag on HEAD: sha-<short> only", async () => {
    const root = await repo(null);
    const seen = recorder();
    const result = await runRelease(
      options(root),
      fakePorts(new FakeRegistry(), "sha256:aaa", seen),
    );
    expect(result.plan.tags.map((t) => t.tag)).toStrictEqual([
      `sha-${await git(root, "rev-parse", "--short=7", "HEAD")}`,
    ]);
    expect(seen.pushes).toHaveLength(1);
  });

  it.each([
    [
      "a tag that is no version",
      "v1.2.x",
      "E_VERSION_MALFORMED",
      /git tag v1\.2\.x on HEAD is not a PEP 440 or SemVer version/,
    ],
    [
      "a tag that disagrees with pyproject.toml",
      "v1.2.4",
      "E_VERSION_MISMATCH",
      /git tag says 1\.2\.4 but pyproject\.toml says 1\.2\.3/,
    ],
  ] as const)("%s: %s", async (_what, tag, code, message) => {
    const root = await repo(tag);
    const error = await failure(
      runRelease(options(root), fakePorts(new FakeRegistry(), "sha256:aaa", recorder())),
    );
    expect([error.code, error.exitCode]).toStrictEqual([code, EXIT_CODES[code]]);
    expect(error.message).toMatch(message);
  });

  it("a mismatch names the file and line of the project's version", async () => {
    const root = await repo("v2.0.0");
    const error = await failure(
      runRelease(options(root), fakePorts(new FakeRegistry(), "sha256:aaa", recorder())),
    );
    expect([error.file, error.line]).toStrictEqual(["pyproject.toml", 3]);
  });

  it("a dirty tree is refused, naming the file", async () => {
    const root = await repo("v1.2.3");
    writeFileSync(join(root, "serve.py"), "# changed\n");
    const error = await failure(
      runRelease(options(root), fakePorts(new FakeRegistry(), "sha256:aaa", recorder())),
    );
    expect([error.code, error.exitCode, error.message]).toStrictEqual([
      "E_GIT_DIRTY",
      EXIT_CODES.E_GIT_DIRTY,
      "uncommitted changes in serve.py",
    ]);
  });

  it("a folder outside any git repository is refused", async () => {
    const root = mkdtempSync(join(tmpdir(), "pyship-release-nogit-"));
    dirs.push(root);
    writeFileSync(join(root, "app.py"), "print('hi')\n");
    const error = await failure(
      runRelease(options(root), fakePorts(new FakeRegistry(), "sha256:aaa", recorder())),
    );
    expect([error.code, error.exitCode]).toStrictEqual(["E_NO_GIT", EXIT_CODES.E_NO_GIT]);
  });

  it("distinct exit codes for every release failure", () => {
    const codes = [
      "E_NO_GIT",
      "E_GIT_DIRTY",
      "E_VERSION_MALFORMED",
      "E_VERSION_MISMATCH",
      "E_TAG_EXISTS",
      "E_REGISTRY_UNREACHABLE",
      "E_REGISTRY_AUTH",
      "E_REGISTRY",
    ] as const;
    const all = Object.values(EXIT_CODES);
    for (const code of codes) expect(all.filter((c) => c === EXIT_CODES[code])).toHaveLength(1);
  });
});
