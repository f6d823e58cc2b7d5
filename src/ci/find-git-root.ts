/*
 * Where the project's git work tree starts, and its default branch, from the files git keeps
 * (no git binary needed). CI files only make sense in a repository: a GitHub workflow must sit
 * in the work tree root's .github/workflows, .gitlab-ci.yml at its root.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { Evidence } from "../core/pipeline.js";

export interface GitFacts {
  readonly root: string;
  readonly defaultBranch: string;
  readonly evidence: Evidence;
}

const FALLBACK_BRANCH = "main";

/** The nearest enclosing work tree, or null when `dir` is in none. */
export function findGitRoot(dir: string): GitFacts | null {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const dotGit = join(current, ".git");
    if (existsSync(dotGit)) return { root: current, ...defaultBranch(gitDir(dotGit, current)) };
    if (dirname(current) === current) return null;
  }
}

/** `.git` is the directory itself, or (worktrees, submodules) a file `gitdir: PATH`. */
function gitDir(dotGit: string, root: string): string {
  if (statSync(dotGit).isDirectory()) return dotGit;
  const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, "utf8"))?.[1]?.trim() ?? "";
  return isAbsolute(pointer) ? pointer : resolve(root, pointer);
}

/**
 * The remote's default branch (what a clone checks out) beats the branch checked out here,
 * which may be a feature branch; a fresh repository without either gets `main`.
 */
function defaultBranch(dir: string): Omit<GitFacts, "root"> {
  const candidates = [
    { file: join(dir, "refs/remotes/origin/HEAD"), prefix: "refs/remotes/origin/" },
    { file: join(dir, "HEAD"), prefix: "refs/heads/" },
  ];
  for (const { file, prefix } of candidates) {
    const ref = readRef(file);
    if (ref?.startsWith(prefix)) {
      const branch = ref.slice(prefix.length);
      const why = `the default branch is ${branch}`;
      return { defaultBranch: branch, evidence: { file: relativeGit(file), line: 1, why } };
    }
  }
  const why = `no branch recorded: pushes to ${FALLBACK_BRANCH} build`;
  return { defaultBranch: FALLBACK_BRANCH, evidence: { file: ".git", line: null, why } };
}

function readRef(file: string): string | null {
  try {
    return /^ref:\s*(\S+)/.exec(readFileSync(file, "utf8"))?.[1] ?? null;
  } catch {
    return null;
  }
}

function relativeGit(file: string): string {
  const at = file.lastIndexOf("/.git/");
  return at === -1 ? file : file.slice(at + 1);
}
