// Writes a throwaway project to a temp dir and scans it, so tests go through the real
// ProjectFiles (and its TOML errors) instead of a hand-made fake.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";
import { type ProjectFiles, scanProject } from "../../../src/detect/project-files.js";

const made: string[] = [];

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}, 120_000);

export function tempProject(
  files: Record<string, string | undefined>,
  name = "demo",
): ProjectFiles {
  const root = join(mkdtempSync(join(tmpdir(), "pyship-deps-")), name);
  made.push(dirname(root));
  const dirs = new Set<string>();
  for (const [path, text] of Object.entries(files)) {
    const dir = dirname(join(root, path));
    if (!dirs.has(dir)) mkdirSync(dir, { recursive: true });
    dirs.add(dir);
    if (text !== undefined) writeFileSync(join(root, path), text);
  }
  mkdirSync(root, { recursive: true });
  return scanProject(root);
}

export const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");

/** Runs fn and returns the PyshipError it throws (fails the test when it doesn't throw). */
export function thrown(fn: () => unknown): {
  code: string;
  file?: string;
  line?: number;
  message: string;
  hint?: string;
} {
  try {
    fn();
  } catch (error) {
    return error as { code: string; file?: string; line?: number; message: string; hint?: string };
  }
  throw new Error("expected an error");
}
