/*
 * The repair for unpinned old code on today's releases (a library changed a signature since
 * the project was written): install the requirements as they resolved on the day git last
 * changed the manifest or the code, as `--resolve-date auto` does. Offered by `pyship build` once, after
 * verification failed for a reason no known signature explains, and only for a requirements
 * file (loose entries, or pins whose own dependencies are loose) whose manifest git knows:
 * reported as a repair, never silent. Locks pin everything and are never re-resolved.
 */
import { isPyshipError } from "../core/errors.js";
import type { CommandExecutor } from "../core/exec.js";
import type { Plan, Repair, Requirement } from "../core/pipeline.js";
import { OWN_PIP } from "../core/python-versions.js";
import { exactPins } from "../detect/pins/exact-pins.js";
import { manifestDate } from "../detect/pins/manifest-date.js";
import { because, msg } from "../i18n/message.js";

export async function resolveDateRepair(
  executor: CommandExecutor,
  root: string,
  plan: Plan,
  requirements: readonly Requirement[],
): Promise<Repair | null> {
  const { install } = plan;
  const loose = requirements.filter((r) => exactPins([r]).length === 0);
  if (install.strategy !== "requirements" || install.resolveDate !== undefined) return null;
  // The day's releases are resolved by uv, which does not install into Python 3.6/3.7.
  if (OWN_PIP[plan.python] !== undefined) return null;
  if (requirements.length === 0 || install.files.length === 0) return null;
  let day: string;
  try {
    day = await manifestDate(executor, root, install.files);
  } catch (error) {
    if (isPyshipError(error)) return null; // not in git: no day to go back to
    throw error;
  }
  const names = loose.map((r) => r.name);
  const listed = `${names.slice(0, 3).join(", ")}${names.length > 3 ? ", …" : ""}`;
  // Pinned entries still pull in their dependencies unpinned (environs==7.3.1 → marshmallow).
  const files = install.files.join(", ");
  const what =
    names.length > 0
      ? msg(names.length === 1 ? "repair.dated.one" : "repair.dated.many", { names: listed })
      : msg("repair.dated.pinsOnly", { files });
  return {
    id: "resolve-date",
    packages: [],
    resolveDate: day,
    ...because(msg("repair.dated", { what, day, files })),
    evidence: {
      file: install.files[0] ?? ".",
      line: null,
      ...because(
        names.length > 0
          ? msg("repair.dated.unpinned", { names: listed })
          : msg("repair.dated.deps"),
      ),
    },
  };
}
