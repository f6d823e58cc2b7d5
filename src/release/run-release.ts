/*
 * The release stage behind `pyship release [DIR]`: read the commit (git-facts.ts) and the
 * version it is tagged with (checked against the project's), read the registry's tags, plan
 * the tags (plan-tags.ts); unless a dry run, build and verify the commit through the build
 * stage with OCI labels and the commit time, write the SBOM, and push tag by tag without
 * overwriting a published release (publish-tags.ts). Never prints: events and a value.
 */
import type { GitFacts, ReleaseResult, TagPlan } from "../core/pipeline.js";
import { exportCommit } from "./export-commit.js";
import { readGitFacts } from "./git-facts.js";
import { ociLabels } from "./oci-labels.js";
import { planTags } from "./plan-tags.js";
import { readProjectReleaseMeta } from "./project-release-meta.js";
import { publishTags } from "./publish-tags.js";
import { type RegistryTarget, registryTarget } from "./registry-target.js";
import type { ReleaseOptions, ReleasePorts } from "./release-ports.js";
import { releaseVersion } from "./release-version-check.js";
import { writeSbom } from "./write-sbom.js";

export async function runRelease(
  options: ReleaseOptions,
  ports: ReleasePorts,
): Promise<ReleaseResult> {
  const git = await readGitFacts(ports.executor, options.root);
  const project = readProjectReleaseMeta(options.root);
  const version = releaseVersion(git, project);
  ports.events.versionFound(version, git);
  const target = registryTarget(options.registry, project.name, options.dryRun);
  const registry = target ? ports.registry(target.host) : null;
  const remoteTags = registry && target ? await registry.listTags(target.name) : [];
  const plan = planTags(version, remoteTags, git.shortSha);
  ports.events.planned(target?.repository ?? project.name, plan);
  const labels = ociLabels(project, version, git);
  const base = { repository: target?.repository ?? project.name, git, plan, labels };
  if (options.dryRun || !registry || !target)
    return {
      ...base,
      image: null,
      outcomes: planned(base.repository, plan),
      sbomFile: null,
      dryRun: true,
    };
  return {
    ...(await buildAndPush(options, ports, {
      target,
      git,
      plan,
      labels,
      registry,
    })),
    dryRun: false,
  };
}

interface Release {
  readonly target: RegistryTarget;
  readonly git: GitFacts;
  readonly plan: TagPlan;
  readonly labels: Record<string, string>;
  readonly registry: ReturnType<ReleasePorts["registry"]>;
}

async function buildAndPush(
  options: ReleaseOptions,
  ports: ReleasePorts,
  release: Release,
): Promise<Omit<ReleaseResult, "dryRun">> {
  const { target, git, plan, labels } = release;
  const checkout = await exportCommit(ports.executor, options.root);
  try {
    const built = await buildCommit(options, ports, release, checkout.root);
    // A broken image is never published: verification failed, nothing is pushed.
    if (built.outcome.failure) throw built.outcome.failure;
    const sbomFile = options.sbomFile
      ? await writeSbom(ports.executor, built, {
          context: checkout.root,
          file: options.sbomFile,
          commitTime: git.commitTime,
          events: ports.events,
        })
      : null;
    const outcomes = await publishTags({
      repository: target.repository,
      name: target.name,
      plan,
      image: built.image,
      force: options.force,
      registry: release.registry,
      publisher: ports.publisher(built),
      onDone: ports.events.tagDone,
    });
    return {
      repository: target.repository,
      git,
      plan,
      labels,
      image: built.image,
      outcomes,
      sbomFile,
    };
  } finally {
    checkout.remove();
  }
}

/** The build stage on the exported commit, with the labels and the commit's time. */
function buildCommit(
  options: ReleaseOptions,
  ports: ReleasePorts,
  { target, git, plan, labels }: Release,
  root: string,
): ReturnType<ReleasePorts["build"]> {
  const first = plan.tags[0]?.tag ?? `sha-${git.shortSha}`;
  return ports.build({
    ...options.build,
    dir: options.dir,
    root,
    tags: [`${target.repository}:${first}`],
    buildArgs: [],
    noCache: options.build.noCache,
    // Several platforms: the build stage's multi-platform build (a manifest list).
    platform: options.platforms.length > 0 ? options.platforms.join(",") : undefined,
    verify: true,
    push: false,
    labels,
    sourceDateEpoch: git.commitTime,
  });
}

function planned(repository: string, plan: TagPlan): ReleaseResult["outcomes"] {
  return plan.tags.map((tag) => ({
    ref: `${repository}:${tag.tag}`,
    tag,
    action: "planned",
    digest: null,
  }));
}
