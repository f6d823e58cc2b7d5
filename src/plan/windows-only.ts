/*
 * Distributions that exist only for Windows: they publish Windows wheels and an sdist that
 * cannot build anywhere else. A `pip freeze` run on Windows lists them without the marker
 * their dependents declare (Twisted asks for `twisted-iocpsupport; platform_system ==
 * "Windows"`), and the Linux image's install then fails compiling them. The dependency
 * layer's copy of the requirements file loses those lines (render/self-line.ts), said with
 * each line; a line with its own marker is left to the installer.
 */
import type { Plan, Requirement } from "../core/pipeline.js";
import { msg, withText } from "../i18n/message.js";
import type { Notes } from "./notes.js";

/** Normalized names; each checked on PyPI to ship only win32/win_amd64 wheels. */
export const WINDOWS_ONLY: ReadonlySet<string> = new Set([
  "pywin32",
  "pypiwin32",
  "twisted-iocpsupport",
  "pywinpty",
  "windows-curses",
  "winkerberos",
]);

type WindowsOnly = NonNullable<Plan["install"]["windowsOnly"]>;

export function windowsOnlyLines(
  requirements: readonly Requirement[],
  files: readonly string[],
  notes: Notes,
): Pick<Plan["install"], "windowsOnly"> {
  const found: WindowsOnly = requirements
    .filter((r) => WINDOWS_ONLY.has(r.name) && !r.spec.includes(";"))
    .filter((r) => files.includes(r.evidence.file) && r.evidence.line !== null)
    .map((r) => ({ name: r.name, file: r.evidence.file, line: r.evidence.line as number }));
  for (const line of found) {
    const text = withText(msg("warn.windowsOnly", line));
    notes.warnings.push({ code: "W_WINDOWS_ONLY", ...text, file: line.file, line: line.line });
  }
  return found.length > 0 ? { windowsOnly: found } : {};
}
