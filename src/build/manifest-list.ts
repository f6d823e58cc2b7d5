/*
 * One name for the images of every platform: a manifest list (an OCI image index). podman
 * keeps one locally (`manifest create/add`, pushed with `manifest push --all`); docker's
 * buildx has none before a push, so there the per-platform images are pushed first and
 * `buildx imagetools create` writes the list in the registry.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PyshipError } from "../core/errors.js";
import type { CommandExecutor, RunResult } from "../core/exec.js";
import type { Engine } from "./engine.js";
import { engineFault } from "./engine-fault.js";
import { splitPlatform } from "./platforms.js";

/** One verified single-platform image, under its local per-platform name. */
export interface PlatformImage {
  readonly platform: string;
  readonly ref: string;
}

/** The images of one multi-platform build and the list that gathers them. */
export interface ManifestList {
  /** podman: the local list's name (the first tag); buildx: the first tag, made at push. */
  readonly ref: string;
  readonly tags: readonly string[];
  readonly images: readonly PlatformImage[];
}

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

/** Gathers the images in a local list under every tag (podman only; buildx: at push). */
export async function createManifestList(
  executor: CommandExecutor,
  engine: Engine,
  tags: readonly string[],
  images: readonly PlatformImage[],
): Promise<ManifestList> {
  const ref = tags[0] ?? "";
  const list: ManifestList = { ref, tags, images };
  if (engine.name !== "podman") return list;
  // `manifest create` refuses an existing name: a list from an earlier build goes first.
  await executor.run(engine.client, ["manifest", "rm", ref], { timeoutMs: 30_000 });
  await must(executor, engine, ["manifest", "create", ref]);
  for (const image of images) await must(executor, engine, addArgs(ref, image));
  for (const tag of tags.slice(1)) {
    await executor.run(engine.client, ["manifest", "rm", tag], { timeoutMs: 30_000 });
    await must(executor, engine, ["tag", ref, tag]);
  }
  return list;
}

function addArgs(ref: string, image: PlatformImage): string[] {
  const { os, architecture, variant } = splitPlatform(image.platform);
  return [
    "manifest",
    "add",
    "--os",
    os,
    "--arch",
    architecture,
    ...(variant ? ["--variant", variant] : []),
    ref,
    // Without the transport podman looks for the image in a registry; without a domain
    // containers-storage reads `shop:1` as docker.io/library/shop:1, not podman's localhost/.
    `containers-storage:${qualified(image.ref)}`,
  ];
}

/** `shop:1` → `localhost/shop:1`; `registry:5000/shop:1` and `localhost/shop:1` stay. */
function qualified(ref: string): string {
  const first = ref.split("/")[0] ?? "";
  const hasDomain = ref.includes("/") && (/[.:]/.test(first) || first === "localhost");
  return hasDomain ? ref : `localhost/${ref}`;
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

async function must(
  executor: CommandExecutor,
  engine: Engine,
  args: readonly string[],
): Promise<void> {
  const result = await executor.run(engine.client, args, { timeoutMs: 120_000 });
  if (result.exitCode === 0) return;
  throw new PyshipError("E_MANIFEST_FAILED", `\`${engine.client} ${args.join(" ")}\` failed`, {
    details: result.stderr.trim() || undefined,
    hint: "`pyship doctor` checks the engine; podman 4 or docker buildx make manifest lists",
  });
}

function pushFailed(destination: string, result: RunResult): PyshipError {
  return new PyshipError("E_PUSH_FAILED", `pushing the manifest list to ${destination} failed`, {
    details: result.stderr.trim().split("\n").slice(-5).join("\n") || undefined,
    hint: "check the registry in the destination and that you are logged in (`podman login REGISTRY`)",
  });
}

export function unsupported(engine: Engine): PyshipError {
  return new PyshipError(
    "E_PLATFORM_UNSUPPORTED",
    `${engine.name} cannot build several platforms into one manifest list`,
    {
      hint: "use --engine podman (with qemu-user-static for foreign architectures) or install the docker buildx plugin",
    },
  );
}
