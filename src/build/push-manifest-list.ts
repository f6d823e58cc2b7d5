/*
 * Pushes a manifest list (manifest-list.ts) and every image in it: podman with one
 * `manifest push --all`; buildx by pushing each image as `TAG-os-arch` and writing the list
 * in the registry (`buildx imagetools create`). Returns the list's digest in the registry.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PyshipError } from "../core/errors.js";
import type { CommandExecutor, RunResult } from "../core/exec.js";
import { msg } from "../i18n/message.js";
import type { Engine } from "./engine.js";
import { engineFault } from "./engine-fault.js";
import { type ManifestList, must, unsupported } from "./manifest-list.js";

export interface PushOptions {
  /** false for a plain-HTTP or self-signed registry (podman `--tls-verify=false`). */
  readonly tlsVerify?: boolean;
  /** podman's auth file; absent: the engine's own login (`podman login`, docker config). */
  readonly authFile?: string;
  readonly onLine?: (line: string) => void;
}

export interface PushedList {
  readonly destination: string;
  /** The list's digest in the registry (sha256:…), null when the engine doesn't say. */
  readonly digest: string | null;
}
/**
 * Pushes the list and every image in it to `destination`: a registry reference
 * (`registry:5000/team/shop:1.2.0`), or with podman any containers/image destination
 * (`oci:/tmp/layout:1.2.0`).
 */
export async function pushManifestList(
  executor: CommandExecutor,
  engine: Engine,
  list: ManifestList,
  destination: string,
  options: PushOptions = {},
): Promise<PushedList> {
  if (engine.name === "podman") return podmanPush(executor, engine, list, destination, options);
  if (engine.name === "buildx") return buildxPush(executor, engine, list, destination, options);
  throw unsupported(engine);
}

async function podmanPush(
  executor: CommandExecutor,
  engine: Engine,
  list: ManifestList,
  destination: string,
  options: PushOptions,
): Promise<PushedList> {
  const dir = await mkdtemp(join(tmpdir(), "pyship-manifest-"));
  try {
    const digestFile = join(dir, "digest");
    const args = [
      "manifest",
      "push",
      "--all",
      "--digestfile",
      digestFile,
      ...(options.tlsVerify === false ? ["--tls-verify=false"] : []),
      ...(options.authFile ? ["--authfile", options.authFile] : []),
      list.ref,
      withTransport(destination),
    ];
    await push(executor, engine, args, destination, options);
    const digest = (await readFile(digestFile, "utf8").catch(() => "")).trim();
    return { destination, digest: digest || null };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// A registry reference unless the destination names a containers/image transport
// (`oci:DIR:TAG`, `dir:DIR`, `docker://…`), e.g. an OCI layout on disk.
const TRANSPORT = /^(docker:\/\/|(oci|oci-archive|dir|docker-archive|containers-storage):)/;

function withTransport(destination: string): string {
  return TRANSPORT.test(destination) ? destination : `docker://${destination}`;
}

/** buildx: each image under `<destination>-<os>-<arch>`, then the list in the registry. */
async function buildxPush(
  executor: CommandExecutor,
  engine: Engine,
  list: ManifestList,
  destination: string,
  options: PushOptions,
): Promise<PushedList> {
  const pushed: string[] = [];
  for (const image of list.images) {
    const remote = `${destination}-${image.platform.replaceAll("/", "-")}`;
    await must(executor, engine, ["tag", image.ref, remote]);
    await push(executor, engine, ["push", remote], remote, options);
    pushed.push(remote);
  }
  const create = ["buildx", "imagetools", "create", "-t", destination, ...pushed];
  await push(executor, engine, create, destination, options);
  const inspect = await executor.run(engine.client, [
    "buildx",
    "imagetools",
    "inspect",
    destination,
  ]);
  const digest = /^Digest:\s*(sha256:[0-9a-f]+)/m.exec(inspect.stdout)?.[1] ?? null;
  return { destination, digest };
}

async function push(
  executor: CommandExecutor,
  engine: Engine,
  args: readonly string[],
  destination: string,
  options: PushOptions,
): Promise<void> {
  const result = await executor.run(engine.client, args, { onLine: options.onLine });
  if (result.exitCode === 0) return;
  throw engineFault(engine.client, result.stderr) ?? pushFailed(destination, result);
}

function pushFailed(destination: string, result: RunResult): PyshipError {
  return new PyshipError("E_PUSH_FAILED", msg("manifest.pushFailed", { destination }), {
    details: result.stderr.trim().split("\n").slice(-5).join("\n") || undefined,
    hint: msg("manifest.pushFailed.hint"),
  });
}
