/*
 * The repair for unpinned old code on today's releases (a library changed a signature since
 * the project was written): install the requirements as they resolved on the day git last
 * changed the manifest, as `--resolve-date auto` does. Offered by `pyship build` once, after
 * verification failed for a reason no known signature explains, and only for a requirements
 * file with loose entries and a manifest git knows: reported as a repair, never silent.
 */
import { isPyshipError } from "../core/errors.js";
import type { CommandExecutor } from "../core/exec.js";
import type { Plan, Repair, Requirement } from "../core/pipeline.js";
import { exactPins } from "../detect/pins/exact-pins.js";
import { manifestDate } from "../detect/pins/manifest-date.js";

export async function resolveDateRepair(
  executor: CommandExecutor,
  root: string,
  plan: Plan,
  requirements: readonly Requirement[],
): Promise<Repair | null> {
  const { install } = plan;
  const loose = requirements.filter((r) => exactPins([r]).length === 0);
  if (install.strategy !== "requirements" || install.resolveDate !== undefined) return null;
  if (loose.length === 0 || install.files.length === 0) return null;
  let day: string;
  try {
    day = await manifestDate(executor, root, install.files);
  } catch (error) {
    if (isPyshipError(error)) return null; // not in git: no day to go back to
    throw error;
  }
  const names = loose.map((r) => r.name);
  const listed = `${names.slice(0, 3).join(", ")}${names.length > 3 ? ", …" : ""}`;
  return {
    id: "resolve-date",
    packages: [],
    resolveDate: day,
    why: `${listed} ${names.length === 1 ? "is" : "are"} not pinned and the app failed on today's releases; ${day} is the last commit that touched ${install.files.join(", ")}`,
    evidence: { file: install.files[0] ?? ".", line: null, why: `unpinned: ${listed}` },
  };
}
