/*
 * Writes the compose files: compose.yaml with the Dockerfile's safety (src/write; `agreed`
 * holds the paths a person consented to replace), the append-only files always. A dry run
 * decides the same and writes nothing. The env file is readable by its owner only.
 */
import { chmodSync } from "node:fs";
import { join } from "node:path";
import type { WriteOutcome } from "../core/pipeline.js";
import { writeFiles } from "../write/write-files.js";
import type { ComposeFiles } from "./compose-files.js";

export interface ComposeWriteOptions {
  readonly dryRun: boolean;
  readonly force: boolean;
  readonly agreed?: ReadonlySet<string>;
}

export function writeCompose(
  root: string,
  files: ComposeFiles,
  options: ComposeWriteOptions,
): WriteOutcome[] {
  const agreed = options.agreed ?? new Set<string>();
  const forced = [...files.appended, ...files.guarded.filter((f) => agreed.has(f.path))];
  const guarded = files.guarded.filter((f) => !agreed.has(f.path));
  const dryRun = options.dryRun;
  const outcomes = [
    ...writeFiles(root, guarded, { dryRun, force: options.force }).files,
    ...writeFiles(root, forced, { dryRun, force: true }).files,
  ];
  if (!dryRun) for (const path of files.private) chmodSync(join(root, path), 0o600);
  return outcomes;
}
