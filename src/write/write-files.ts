/*
 * RenderedFiles → files on disk, safely. Each file is create / overwrite / skip / unchanged
 * with a unified diff; an existing different file is only replaced with `force`; identical
 * content is left alone (mtime untouched); a dry run decides exactly the same but writes
 * nothing. Every path is checked to stay inside the project before anything is written, and
 * writes go to a temp file renamed into place, so a failure never leaves half a Dockerfile.
 */
import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { createTwoFilesPatch } from "diff";
import { PyshipError } from "../core/errors.js";
import type { RenderedFile, RenderedFiles, WriteOutcome, WriteResult } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";

export interface WriteOptions {
  readonly dryRun: boolean;
  readonly force: boolean;
}

export function writeFiles(root: string, files: RenderedFiles, options: WriteOptions): WriteResult {
  // Decide everything first: a refused path must stop the run before any file changes.
  const decided = files.map((file) => ({ file, target: guardedPath(root, file.path) }));
  const outcomes = decided.map(({ file, target }) => decide(file, target, options.force));
  if (!options.dryRun) {
    decided.forEach(({ file, target }, index) => {
      const action = outcomes[index]?.action;
      if (action === "create" || action === "overwrite") writeAtomically(target, file);
    });
  }
  return { dryRun: options.dryRun, files: outcomes };
}

/** Absolute target path; E_PATH_OUTSIDE when it (or a symlinked parent) leaves the root. */
function guardedPath(root: string, path: string): string {
  const absoluteRoot = resolve(root);
  const target = resolve(absoluteRoot, path);
  if (
    !inside(absoluteRoot, target) ||
    !inside(realpathOr(absoluteRoot), realpathOr(dirname(target)))
  ) {
    throw new PyshipError("E_PATH_OUTSIDE", msg("write.outside", { path, root: absoluteRoot }), {
      file: path,
      hint: msg("write.outside.hint"),
    });
  }
  return target;
}

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** realpath of the nearest existing ancestor, so a symlinked directory is followed. */
function realpathOr(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  const rest = relative(current, path);
  return resolve(realpathSync(current), rest);
}

function decide(file: RenderedFile, target: string, force: boolean): WriteOutcome {
  const existing = readExisting(target, file.path);
  if (existing === null)
    return { path: file.path, action: "create", diff: diffOf(file.path, "", file.content) };
  if (existing === file.content) return { path: file.path, action: "unchanged", diff: "" };
  const diff = diffOf(file.path, existing, file.content);
  if (force) return { path: file.path, action: "overwrite", diff };
  return {
    path: file.path,
    action: "skip",
    diff,
    reason: "exists with different content; pass --force to overwrite",
  };
}

function readExisting(target: string, path: string): string | null {
  try {
    return readFileSync(target, "utf8");
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw ioError("io.read", path, cause);
  }
}

function diffOf(path: string, before: string, after: string): string {
  return createTwoFilesPatch(
    before === "" ? "/dev/null" : `a/${path}`,
    `b/${path}`,
    before,
    after,
    "",
    "",
    {
      context: 3,
    },
  );
}

/**
 * Temp file in the same directory (same file system), then rename: all or nothing. Missing
 * parent folders (.github/workflows) are made; the path guard already kept them inside.
 */
function writeAtomically(target: string, { path, content }: RenderedFile): void {
  const temp = `${target}.pyship-${randomBytes(4).toString("hex")}.tmp`;
  try {
    mkdirSync(dirname(target), { recursive: true });
    const mode = existsSync(target) ? statSync(target).mode & 0o777 : 0o644;
    writeFileSync(temp, content, { mode });
    renameSync(temp, target);
  } catch (cause) {
    rmSync(temp, { force: true });
    throw ioError("io.write", path, cause);
  }
}

function ioError(key: "io.read" | "io.write", file: string, cause: unknown): PyshipError {
  const reason = (cause as NodeJS.ErrnoException)?.code ?? "error";
  return new PyshipError("E_IO", msg(key, { path: file, reason }), {
    file,
    hint: msg("io.write.hint"),
    cause,
  });
}
