/*
 * Pushes a release's tags without ever overwriting a published release by accident. Every
 * tag's remote state is read first: an immutable tag that is absent is pushed, one holding
 * this very image is skipped (so a re-run passes), one holding another image stops the whole
 * release with E_TAG_EXISTS before anything is pushed, unless --force. Floating tags move
 * (or are skipped when they already point here) and go last, after every immutable tag.
 */
import { PyshipError } from "../core/errors.js";
import type { PlannedTag, ReleaseImage, TagAction, TagOutcome, TagPlan } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import type { RegistryClient, RemoteManifest } from "./registry-client.js";
import type { ImagePublisher } from "./release-ports.js";

export interface PublishRequest {
  /** `host/namespace/name`: what the engine pushes to. */
  readonly repository: string;
  /** `namespace/name`: the registry API's name. */
  readonly name: string;
  readonly plan: TagPlan;
  readonly image: ReleaseImage;
  readonly force: boolean;
  readonly registry: RegistryClient;
  readonly publisher: ImagePublisher;
  readonly onDone: (outcome: TagOutcome) => void;
}

interface Decision {
  readonly tag: PlannedTag;
  readonly remote: RemoteManifest | null;
  readonly action: TagAction | "conflict";
}

export async function publishTags(request: PublishRequest): Promise<TagOutcome[]> {
  const decisions: Decision[] = [];
  for (const tag of request.plan.tags) {
    const remote = await request.registry.manifest(request.name, tag.tag);
    decisions.push({ tag, remote, action: decide(tag, remote, request) });
  }
  const conflicts = decisions.filter((d) => d.action === "conflict");
  if (conflicts.length > 0) throw tagExists(request, conflicts);
  const outcomes: TagOutcome[] = [];
  for (const decision of decisions) {
    const outcome = await carryOut(decision, request);
    request.onDone(outcome);
    outcomes.push(outcome);
  }
  return outcomes;
}

function decide(
  tag: PlannedTag,
  remote: RemoteManifest | null,
  request: PublishRequest,
): Decision["action"] {
  if (remote === null) return "pushed";
  if (sameImage(remote, request.image)) return "skipped-same";
  if (!tag.immutable) return "pushed";
  return request.force ? "forced" : "conflict";
}

/** Same config digests: the same image, however its layers were compressed on the way. */
export function sameImage(remote: RemoteManifest, image: ReleaseImage): boolean {
  const mine = [...image.configDigests].sort();
  const theirs = [...remote.configDigests].sort();
  return mine.length === theirs.length && mine.every((digest, i) => digest === theirs[i]);
}

async function carryOut(decision: Decision, request: PublishRequest): Promise<TagOutcome> {
  const ref = `${request.repository}:${decision.tag.tag}`;
  if (decision.action === "skipped-same")
    return {
      ref,
      tag: decision.tag,
      action: "skipped-same",
      digest: decision.remote?.digest ?? null,
    };
  const digest = await request.publisher.push(request.image, ref);
  return { ref, tag: decision.tag, action: decision.action as TagAction, digest };
}

function tagExists(request: PublishRequest, conflicts: readonly Decision[]): PyshipError {
  const first = conflicts[0] as Decision;
  const names = conflicts.map((c) => c.tag.tag).join(", ");
  return new PyshipError(
    "E_TAG_EXISTS",
    msg("release.tagExists", {
      repository: request.repository,
      tag: first.tag.tag,
      digest: first.remote?.digest ?? msg("release.unknownDigest"),
    }),
    {
      details: `release tags are immutable: ${names}; this build's image config is ${request.image.configDigests.join(", ")}`,
      hint: msg("release.tagExists.hint"),
    },
  );
}
