// STUB — owned by the plan/render/write helper.
import type { RenderedFiles, WriteResult } from "../core/pipeline.js";

export interface WriteOptions {
  readonly dryRun: boolean;
  readonly force: boolean;
}

export function writeFiles(_root: string, _files: RenderedFiles, options: WriteOptions): WriteResult {
  return { dryRun: options.dryRun, files: [] };
}
