/*
 * pip requirements files, including split layouts (requirements/prod.txt + base.txt + dev.txt).
 * One file is chosen by name: an explicitly production file first (it is what the authors
 * deploy), then the conventional root requirements.txt, then a base/common file; dev, test
 * and docs files are never installed in the image.
 */
import { posix } from "node:path";
import type { Evidence } from "../../core/pipeline.js";
import { because, type Message, msg } from "../../i18n/message.js";
import type { ProjectFiles } from "../project-files.js";
import type { DependencyFormat, FormatMatch, FormatSkip } from "./dependency-format.js";
import { readRequirementsFile } from "./read-requirements-file.js";

const REQUIREMENTS_FILE = /^requirements[^/]*\.txt$|^requirements\/[^/]+\.txt$/;
const PRODUCTION = new Set(["prod", "production", "deploy", "release", "runtime"]);
const BASE = new Set(["base", "common", "main", "core", "requirements", "default"]);

/** Lower rank wins. */
function rank(path: string): number {
  const role = roleOf(path);
  if (PRODUCTION.has(role)) return 0;
  if (path === "requirements.txt") return 1;
  return BASE.has(role) ? 2 : Number.POSITIVE_INFINITY;
}

/** `requirements-prod.txt` → prod, `requirements/dev.txt` → dev, `requirements.txt` → "". */
function roleOf(path: string): string {
  const stem = posix.basename(path, ".txt").toLowerCase();
  return path.startsWith("requirements/") ? stem : stem.replace(/^requirements[-_.]?/, "");
}

export const requirementsFormat: DependencyFormat = {
  name: "requirements",
  manifests: requirementsFiles,
  detect({ files }) {
    const candidates = requirementsFiles(files).sort(
      (a, b) => rank(a) - rank(b) || a.localeCompare(b),
    );
    const chosen = candidates[0];
    if (chosen === undefined || rank(chosen) === Number.POSITIVE_INFINITY) {
      return { kind: "skip", ignored: candidates.map((file) => notProduction(file)) };
    }
    return fromFile(files, chosen, candidates);
  },
};

/** `<root>/requirements.txt` of an app that lives in a subdirectory, when there is one. */
export function appRequirements(
  files: ProjectFiles,
  root: string,
): FormatMatch | FormatSkip | null {
  const file = `${root}/requirements.txt`;
  return files.has(file) ? fromFile(files, file, [file]) : null;
}

function fromFile(
  files: ProjectFiles,
  chosen: string,
  candidates: readonly string[],
): FormatMatch | FormatSkip {
  const read = readRequirementsFile(files, chosen);
  const others = candidates.filter((file) => !read.files.includes(file));
  const ignored = others.map((file) =>
    rank(file) === Number.POSITIVE_INFINITY
      ? notProduction(file)
      : { file, line: null, ...because(msg("ev.deps.notUsed.preferred", { file: chosen })) },
  );
  if (read.requirements.length === 0 && read.selfLine === null && read.files.length === 1) {
    return {
      kind: "skip",
      ignored: [{ file: chosen, line: null, ...because(msg("ev.deps.listsNone")) }, ...ignored],
    };
  }
  const via =
    read.files.length > 1 ? msg("ev.deps.with", { files: read.files.slice(1).join(", ") }) : "";
  return {
    kind: "match",
    tool: "pip",
    strategy: "requirements",
    files: read.files,
    requirements: read.requirements,
    evidence: {
      file: chosen,
      line: null,
      ...because(
        msg("ev.deps.requirements", {
          tool: "pip",
          file: chosen,
          via,
          reason: whyChosen(chosen),
        }),
      ),
    },
    ignored,
    warnings: read.warnings,
    ...(read.selfLine
      ? {
          selfLine: read.selfLine,
          installsProject: {
            ...read.selfLine,
            ...because(msg("ev.deps.selfLine", { file: read.selfLine.file })),
          },
        }
      : {}),
  };
}

function whyChosen(path: string): Message | string {
  if (rank(path) === 0) return msg("ev.deps.production");
  return path === "requirements.txt" ? "" : msg("ev.deps.base");
}

function notProduction(file: string): Evidence {
  return {
    file,
    line: null,
    ...because(msg("ev.deps.notUsed.role", { role: roleOf(file) })),
  };
}

function requirementsFiles(files: ProjectFiles): string[] {
  return files.paths.filter((path) => REQUIREMENTS_FILE.test(path));
}
