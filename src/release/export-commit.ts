/*
 * The build context of a release: the committed tree of HEAD (for DIR inside a larger
 * repository, that folder of it), unpacked in a temp folder. Untracked and ignored files can't
 * reach the image, pyship's generated files don't land in the user's tree, and every file
 * carries the commit's time (git archive), which a reproducible build needs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PyshipError } from "../core/errors.js";
import type { CommandExecutor } from "../core/exec.js";
import { msg } from "../i18n/message.js";

export interface Checkout {
  readonly root: string;
  readonly remove: () => void;
}

export async function exportCommit(executor: CommandExecutor, root: string): Promise<Checkout> {
  const scratch = mkdtempSync(join(tmpdir(), "pyship-release-"));
  const remove = () => rmSync(scratch, { recursive: true, force: true });
  try {
    const prefix = await executor.run("git", ["-C", root, "rev-parse", "--show-prefix"]);
    const tree = `HEAD:${prefix.stdout.trim()}`;
    const archive = join(scratch, "commit.tar");
    const treeRoot = join(scratch, "src");
    await must(executor, "git", ["-C", root, "archive", "--format=tar", "-o", archive, tree]);
    await must(executor, "mkdir", ["-p", treeRoot]);
    await must(executor, "tar", ["-xf", archive, "-C", treeRoot]);
    rmSync(archive);
    return { root: treeRoot, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

async function must(executor: CommandExecutor, command: string, args: string[]): Promise<void> {
  const result = await executor.run(command, args, { timeoutMs: 120_000 });
  if (result.exitCode === 0) return;
  throw new PyshipError("E_IO", msg("release.exportFailed", { command, verb: args[0] ?? "" }), {
    details: result.stderr.trim() || undefined,
  });
}
