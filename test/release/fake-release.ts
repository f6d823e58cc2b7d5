/*
 * Doubles for the release stage's ports: a registry that holds tags in memory (as a real one
 * would answer the HTTP API), a publisher that records pushes into it, a build that "builds"
 * an image with a given config digest, and a git repository made from a fixture in a temp
 * folder (git itself is real: it is what the stage reads).
 */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Engine } from "../../src/build/engine.js";
import { NodeExecutor } from "../../src/core/node-executor.js";
import type { ReleaseImage, TagOutcome } from "../../src/core/pipeline.js";
import type { RegistryClient, RemoteManifest } from "../../src/release/registry-client.js";
import type { ReleaseBuild, ReleasePorts } from "../../src/release/release-ports.js";

export const executor = new NodeExecutor();
const FIXTURES = resolve(import.meta.dirname, "../fixtures");

export class FakeRegistry implements RegistryClient {
  readonly tags = new Map<string, RemoteManifest>();
  reads = 0;
  async listTags(): Promise<readonly string[]> {
    this.reads++;
    return [...this.tags.keys()];
  }
  async manifest(_repository: string, tag: string): Promise<RemoteManifest | null> {
    return this.tags.get(tag) ?? null;
  }
}

export interface Recorder {
  readonly pushes: string[];
  readonly builds: number[];
  readonly done: TagOutcome[];
}

const ENGINE: Engine = {
  name: "docker-buildkit",
  client: "/usr/bin/docker",
  clientVersion: "20.10.24",
  capabilities: { buildkit: true, cacheMounts: true, buildx: false, platforms: [] },
  env: {},
  why: "fake",
};

/** Ports whose build makes an image with config `digest`; pushes land in `registry`. */
export function fakePorts(
  registry: FakeRegistry,
  digest: string,
  recorder: Recorder,
): ReleasePorts {
  const image: ReleaseImage = {
    kind: "image",
    local: digest,
    platforms: [],
    configDigests: [digest],
  };
  return {
    executor,
    build: async (options): Promise<ReleaseBuild> => {
      recorder.builds.push(options.sourceDateEpoch ?? -1);
      const result = {
        engine: ENGINE.name,
        tags: options.tags,
        imageId: digest,
        durationMs: 1,
        dockerfile: "",
        generated: true,
        logFile: null,
      };
      return {
        outcome: { result, report: null, repair: null, repairs: [], failure: null },
        image,
        engine: ENGINE,
      };
    },
    registry: () => registry,
    publisher: () => ({
      async push(pushed, ref) {
        recorder.pushes.push(ref);
        const tag = ref.slice(ref.lastIndexOf(":") + 1);
        registry.tags.set(tag, {
          digest: `manifest-of-${pushed.local}`,
          configDigests: pushed.configDigests,
        });
        return `manifest-of-${pushed.local}`;
      },
    }),
    events: {
      versionFound: () => {},
      planned: () => {},
      tagDone: (outcome) => recorder.done.push(outcome),
      sbomWritten: () => {},
    },
  };
}

export function recorder(): Recorder {
  return { pushes: [], builds: [], done: [] };
}

export async function git(dir: string, ...args: string[]): Promise<string> {
  const env = {
    GIT_AUTHOR_NAME: "t",
    GIT_AUTHOR_EMAIL: "t@example.com",
    GIT_COMMITTER_NAME: "t",
    GIT_COMMITTER_EMAIL: "t@example.com",
  };
  const result = await executor.run("git", ["-C", dir, ...args], { env });
  if (result.exitCode !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
}

/** test/fixtures/<name> committed in a fresh repository, HEAD tagged `tag` (if any). */
export async function gitFixture(name: string, tag: string | null): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `pyship-release-unit-${name}-`));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  await git(dir, "init", "-q");
  await git(dir, "add", "-A");
  await git(dir, "commit", "-qm", "release");
  if (tag) await git(dir, "tag", tag);
  return dir;
}
