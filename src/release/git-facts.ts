/*
 * What git says about the commit a release builds: its sha, the tags on it, its time (the
 * images's `created` and SOURCE_DATE_EPOCH) and where it comes from (the remote, without
 * credentials). A dirty tree or no repository stops the release: the image must be the commit.
 */
import { PyshipError } from "../core/errors.js";
import type { CommandExecutor } from "../core/exec.js";
import type { GitFacts } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import { publicSource } from "./public-source.js";

export async function readGitFacts(executor: CommandExecutor, root: string): Promise<GitFacts> {
  const git = (...args: string[]) =>
    executor.run("git", ["-C", root, ...args], { timeoutMs: 20_000 });
  const head = await git("rev-parse", "--verify", "HEAD");
  if (head.exitCode !== 0) throw noRepository(root, head.stderr);
  await refuseDirty(executor, root);
  const sha = head.stdout.trim();
  const [short, tags, time, remote] = await Promise.all([
    git("rev-parse", "--short=7", "HEAD"),
    git("tag", "--points-at", "HEAD"),
    git("log", "-1", "--format=%ct", "HEAD"),
    firstRemoteUrl(executor, root),
  ]);
  return {
    sha,
    shortSha: short.stdout.trim() || sha.slice(0, 7),
    tags: tags.stdout
      .split("\n")
      .map((t) => t.trim())
      .filter(Boolean),
    commitTime: Number(time.stdout.trim()),
    source: remote === null ? null : publicSource(remote),
  };
}

function noRepository(root: string, stderr: string): PyshipError {
  const noCommit = /unknown revision|ambiguous argument 'HEAD'|Needed a single revision/.test(
    stderr,
  );
  return new PyshipError(
    "E_NO_GIT",
    noCommit ? msg("release.noCommit", { root }) : msg("release.noGit", { root }),
    {
      hint: msg("release.noGit.hint"),
    },
  );
}

/** Tracked changes only: the build context is the commit itself, so untracked files can't leak in. */
async function refuseDirty(executor: CommandExecutor, root: string): Promise<void> {
  const status = await executor.run(
    "git",
    ["-C", root, "status", "--porcelain", "--untracked-files=no", "--", "."],
    { timeoutMs: 20_000 },
  );
  const changed = status.stdout.split("\n").filter((l) => l.trim() !== "");
  if (changed.length === 0) return;
  const files = changed.map((l) => l.slice(3));
  throw new PyshipError(
    "E_GIT_DIRTY",
    msg("release.dirty", {
      files: files.slice(0, 3).join(", "),
      more: files.length > 3 ? msg("release.dirty.more", { count: files.length - 3 }) : "",
    }),
    { hint: msg("release.dirty.hint") },
  );
}

/** `origin` when there is one, else the first remote git lists. */
async function firstRemoteUrl(executor: CommandExecutor, root: string): Promise<string | null> {
  const remotes = await executor.run("git", ["-C", root, "remote"], { timeoutMs: 20_000 });
  const names = remotes.stdout
    .split("\n")
    .map((r) => r.trim())
    .filter(Boolean);
  const name = names.includes("origin") ? "origin" : names[0];
  if (!name) return null;
  const url = await executor.run("git", ["-C", root, "remote", "get-url", name], {
    timeoutMs: 20_000,
  });
  return url.exitCode === 0 ? url.stdout.trim() || null : null;
}
