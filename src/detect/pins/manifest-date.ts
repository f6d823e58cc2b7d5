/*
 * `--resolve-date auto`: the day of the last commit that touched the dependency manifest or
 * the Python code — when the project's requirements last resolved for its author. Unpinned
 * requirements stay as they are while the code moves on to newer releases: Starlette's
 * example last changed requirements.txt in 2018 and app.py in 2022, for Starlette 0.13's
 * `Route`. Asked of git (`*.py` matches in every folder below the project); a project outside
 * git (or with the manifest never committed) has no such day, and says so.
 */
import { PyshipError } from "../../core/errors.js";
import type { CommandExecutor } from "../../core/exec.js";
import { msg } from "../../i18n/message.js";

export async function manifestDate(
  executor: CommandExecutor,
  root: string,
  files: readonly string[],
): Promise<string> {
  const paths = files.length > 0 ? [...files, "*.py"] : files;
  const result = await executor.run("git", ["log", "-1", "--format=%cs", "--", ...paths], {
    cwd: root,
    timeoutMs: 10_000,
  });
  const day = result.stdout.trim();
  if (result.exitCode === 0 && /^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  throw new PyshipError(
    "E_USAGE",
    msg("resolveDate.noCommit", { files: files.join(", ") || msg("resolveDate.aManifest") }),
    { hint: msg("resolveDate.noCommit.hint") },
  );
}
