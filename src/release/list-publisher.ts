/*
 * The manifest-list half of the release's publisher (engine-publisher.ts): a multi-platform
 * release pushes its local list and every image in it under each tag with the build stage's
 * pushManifestList. podman needs `--tls-verify=false` for a plain-HTTP (loopback) registry,
 * as for single images; credentials stay the engine's own login (podman reads its auth file,
 * REGISTRY_AUTH_FILE included), never passed or printed here.
 */
import { pushManifestList } from "../build/push-manifest-list.js";
import type { CommandExecutor } from "../core/exec.js";
import type { ListPusher } from "./engine-publisher.js";
import { registryBaseUrl } from "./registry-client.js";
import type { ReleaseBuild } from "./release-ports.js";

/** A pusher for the build's manifest list; undefined when the build made a single image. */
export function listPusher(executor: CommandExecutor, built: ReleaseBuild): ListPusher | undefined {
  const list = built.outcome.platforms?.manifestList;
  if (!list) return undefined;
  return async (_image, ref) => {
    const host = ref.split("/")[0] ?? "";
    const tlsVerify = !registryBaseUrl(host).startsWith("http:");
    const pushed = await pushManifestList(executor, built.engine, list, ref, { tlsVerify });
    return pushed.digest;
  };
}
