/*
 * The files `pyship compose` writes, with what each write may do. compose.yaml is the user's
 * once written: it follows the Dockerfile's safety (a different file is only replaced with
 * consent). The env file and the ignore files are only ever appended to (existing secrets
 * and lines stay), so those writes need no consent: without them the secrets would reach git
 * or an image layer.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ignoreRules } from "../core/dockerignore-rules.js";
import type { ComposePlan, RenderedFile } from "../core/pipeline.js";
import { type RandomSecret, randomSecret, renderEnvFile } from "./compose-secrets.js";
import { renderCompose } from "./render-compose.js";

export interface ComposeFiles {
  /** Written with the usual safety (skip when different, unless forced or agreed). */
  readonly guarded: readonly RenderedFile[];
  /** Append-only updates, always written. */
  readonly appended: readonly RenderedFile[];
  /** Files only their owner may read (the secrets). */
  readonly private: readonly string[];
}

/**
 * The ignore files that must keep the secrets file out, and whether one is created when
 * missing. pyship's Dockerfile.dockerignore (src/plan/plan-dockerignore.ts) is what BuildKit
 * reads instead of .dockerignore when it exists; it is never created here.
 */
const IGNORE_FILES: ReadonlyArray<readonly [string, boolean]> = [
  [".gitignore", true],
  [".dockerignore", true],
  ["Dockerfile.dockerignore", false],
];

export function composeFiles(
  root: string,
  plan: ComposePlan,
  generate: RandomSecret = randomSecret,
): ComposeFiles {
  const appended: RenderedFile[] = [];
  const env = renderEnvFile(plan, readOrNull(root, plan.envFile), generate);
  if (env !== null) {
    appended.push({ path: plan.envFile, content: env });
    for (const [file, create] of IGNORE_FILES) {
      const existing = readOrNull(root, file);
      const content = existing === null && !create ? null : withIgnored(existing, plan.envFile);
      if (content !== null) appended.push({ path: file, content });
    }
  }
  const guarded = [{ path: plan.file, content: renderCompose(plan) }];
  return { guarded, appended, private: env === null ? [] : [plan.envFile] };
}

/**
 * The ignore file with `path` added, or null when a pattern already covers it. Docker's
 * matcher decides for both files: for a file at the top of the project the two syntaxes agree.
 */
function withIgnored(existing: string | null, path: string): string | null {
  if (existing !== null && ignoreRules(existing.split("\n")).ignores(path)) return null;
  const start =
    existing === null || existing === "" || existing.endsWith("\n")
      ? (existing ?? "")
      : `${existing}\n`;
  return `${start}# secrets for compose.yaml (pyship compose)\n${path}\n`;
}

function readOrNull(root: string, path: string): string | null {
  const file = join(root, path);
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}
