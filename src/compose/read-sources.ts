/*
 * The files the compose stage reads: the project's Python code (settings, task modules,
 * Alembic's env.py, but not tests, docs or examples, whose variables the app never reads)
 * and alembic.ini. Files larger than a settings module could be are skipped.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { scanProject } from "../detect/project-files.js";
import type { SourceText } from "./plan-processes.js";

const NOT_THE_APP = /(^|\/)(tests?|testing|docs?|examples?|samples?|vendor|third_party)\//;
const TEST_FILE = /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/;
const MAX_BYTES = 512 * 1024;

export function readSources(root: string): SourceText[] {
  const files = scanProject(root);
  return files.paths
    .filter(
      (path) =>
        path === "alembic.ini" ||
        (path.endsWith(".py") && !NOT_THE_APP.test(path) && !TEST_FILE.test(path)),
    )
    .filter((path) => statSync(join(root, path)).size <= MAX_BYTES)
    .flatMap((path) => {
      try {
        return [{ file: path, text: files.read(path) }];
      } catch {
        return []; // unreadable: detect already warned about it
      }
    });
}
