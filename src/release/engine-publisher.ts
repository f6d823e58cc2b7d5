/*
 * The publisher for one engine's single images: tag the built image under the registry
 * reference and push it with the engine's own client (its own login, its own transport).
 * A manifest list goes through the multi-platform build's pusher, wired in by the caller.
 */
import type { Engine } from "../build/engine.js";
import { engineFault } from "../build/engine-fault.js";
import { PyshipError } from "../core/errors.js";
import type { CommandExecutor } from "../core/exec.js";
import type { ReleaseImage } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import { registryBaseUrl } from "./registry-client.js";
import type { ImagePublisher } from "./release-ports.js";

export type ListPusher = (image: ReleaseImage, ref: string) => Promise<string | null>;

export function enginePublisher(
  executor: CommandExecutor,
  engine: Engine,
  pushList?: ListPusher,
): ImagePublisher {
  return {
    async push(image, ref) {
      if (image.kind === "manifest-list") {
        if (pushList) return pushList(image, ref);
        throw new PyshipError("E_PUSH_FAILED", msg("release.noListPusher", { image: image.local }));
      }
      await must(executor, engine, ["tag", image.local, ref], ref);
      const result = await must(executor, engine, [...pushHead(engine, ref), ref], ref);
      // docker: "1.2.3: digest: sha256:… size: 1234"; podman prints none (null: read later).
      return /digest: (sha256:[0-9a-f]{64})/.exec(result)?.[1] ?? null;
    },
  };
}

/** podman wants TLS unless told otherwise; docker already allows loopback over HTTP. */
function pushHead(engine: Engine, ref: string): string[] {
  const plainHttp = registryBaseUrl(ref.split("/")[0] ?? "").startsWith("http:");
  return engine.name === "podman" && plainHttp ? ["push", "--tls-verify=false"] : ["push"];
}

async function must(
  executor: CommandExecutor,
  engine: Engine,
  args: string[],
  ref: string,
): Promise<string> {
  const result = await executor.run(engine.client, args, { timeoutMs: 600_000 });
  if (result.exitCode === 0) return result.stdout;
  const fault = engineFault(engine.client, result.stderr);
  if (fault) throw fault;
  const unauthorized = /unauthorized|authentication required|denied/i.test(result.stderr);
  throw new PyshipError(
    unauthorized ? "E_REGISTRY_AUTH" : "E_PUSH_FAILED",
    msg("release.engineFailed", { client: engine.client, command: args[0] ?? "", ref }),
    {
      details: result.stderr.trim().split("\n").slice(-3).join("\n") || undefined,
      hint: unauthorized
        ? msg("release.login.hint", { client: engine.client, host: ref.split("/")[0] ?? "" })
        : msg("release.push.hint"),
    },
  );
}
