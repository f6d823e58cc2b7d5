/*
 * `--sbom FILE`: lists what is installed in the built image (installed-packages.ts), finds
 * its base image (the Dockerfile's last FROM), and writes the CycloneDX document.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import type { Engine } from "../build/engine.js";
import { PyshipError } from "../core/errors.js";
import type { CommandExecutor } from "../core/exec.js";
import { msg } from "../i18n/message.js";
import { installedPackages } from "./installed-packages.js";
import type { ReleaseBuild, ReleaseEvents } from "./release-ports.js";
import { type BaseImage, sbomDocument, splitReference } from "./sbom-document.js";

export interface SbomRequest {
  /** The build context (its Dockerfile names the base image). */
  readonly context: string;
  readonly file: string;
  readonly commitTime: number;
  readonly events: ReleaseEvents;
}

export async function writeSbom(
  executor: CommandExecutor,
  built: ReleaseBuild,
  { context, file, commitTime, events }: SbomRequest,
): Promise<string> {
  const image = built.outcome.result.tags[0] ?? built.image.local;
  const packages = await installedPackages(executor, built.engine, image);
  const base = await baseImage(executor, built.engine, context);
  const [repository, version] = splitReference(image);
  const imageDigest = built.image.configDigests[0] ?? "";
  const document = sbomDocument({ repository, version, imageDigest, commitTime }, base, packages);
  try {
    writeFileSync(file, `${document}\n`);
  } catch (error) {
    throw new PyshipError("E_IO", msg("release.sbomWrite", { file }), { cause: error });
  }
  events.sbomWritten(file, packages.length + (base ? 1 : 0));
  return file;
}

/** The final stage's FROM, with its local id; null for `FROM scratch` or an earlier stage. */
async function baseImage(
  executor: CommandExecutor,
  engine: Engine,
  context: string,
): Promise<BaseImage | null> {
  const dockerfile = DockerfileParser.parse(readFileSync(join(context, "Dockerfile"), "utf8"));
  const froms = dockerfile.getFROMs();
  const last = froms.at(-1);
  const reference = last?.getImage() ?? null;
  const stages = new Set(froms.map((f) => f.getBuildStage()).filter(Boolean));
  if (!reference || reference === "scratch" || stages.has(reference)) return null;
  const inspect = await executor.run(
    engine.client,
    ["image", "inspect", "--format", "{{.Id}}", reference],
    { timeoutMs: 20_000 },
  );
  const id = inspect.exitCode === 0 ? inspect.stdout.trim() : "";
  return { reference, digest: id ? (id.startsWith("sha256:") ? id : `sha256:${id}`) : null };
}
