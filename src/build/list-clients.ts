/*
 * Every executable of one name on PATH, in PATH order. Not just the first: a machine often
 * has two docker clients (a new one without the buildx plugin first on PATH, the distro's
 * older one that builds with BuildKit later), and the first is not always the usable one.
 */
import { realpathSync } from "node:fs";
import { delimiter, join } from "node:path";
import type { CommandExecutor } from "../core/exec.js";

export async function listClients(
  executor: CommandExecutor,
  env: Readonly<Record<string, string | undefined>>,
  name: string,
): Promise<string[]> {
  const dirs = (env.PATH ?? "").split(delimiter).filter((dir) => dir !== "");
  const found: string[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    const path = await executor.which(join(dir, name));
    if (path === null) continue;
    // /bin and /usr/bin are often the same directory (merged /usr): one client, not two.
    const real = realpathOr(path);
    if (seen.has(real)) continue;
    seen.add(real);
    found.push(path);
  }
  return found;
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
