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

/** `requirement/` and `requirement.txt` too: the singular is common (pear-admin-flask). */
const REQUIREMENTS_FILE = /^requirements?[^/]*\.txt$|^requirements?\/[^/]+\.txt$/;
const PRODUCTION = new Set(["prod", "production", "deploy", "release", "runtime"]);
const BASE = new Set(["base", "common", "main", "core", "requirements", "default"]);

/** Lower rank wins. */
function rank(path: string): number {
  const role = roleOf(path);
  if (PRODUCTION.has(role)) return 0;
  if (path === "requirements.txt" || path === "requirement.txt") return 1;
  return BASE.has(role) ? 2 : Number.POSITIVE_INFINITY;
}

/** `requirements-prod.txt` → prod, `requirements/dev.txt` → dev, `requirements.txt` → "". */
function roleOf(path: string): string {
  const stem = posix.basename(path, ".txt").toLowerCase();
  // In a folder, `requirement/requirement-dev.txt` is dev too; `requirements/requirements.txt` stays itself.
  return /^requirements?\//.test(path)
    ? stem.replace(/^requirements?[-_.](?=.)/, "")
    : stem.replace(/^requirements?[-_.]?/, "");
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

/** Files for a developer's machine: the whole app plus its tools (never test or docs lists). */
const DEVELOPMENT = new Set(["dev", "develop", "development", "local"]);

/**
 * A development file, when a project has no other list at all (pear-admin-flask's only
 * manifest is requirement/requirement-dev.txt, which its own Dockerfile installs). The
 * caller decides whether it is the app's list (detect-dependencies.ts).
 */
export function developmentRequirements(files: ProjectFiles): FormatMatch | null {
  const candidates = requirementsFiles(files);
  const chosen = candidates.find((file) => DEVELOPMENT.has(roleOf(file)));
  if (chosen === undefined || candidates.some((file) => rank(file) < Number.POSITIVE_INFINITY))
    return null;
  const found = fromFile(files, chosen, candidates);
  if (found.kind !== "match") return null;
  const why = because(msg("ev.deps.developmentOnly", { file: chosen }));
  return { ...found, evidence: { ...found.evidence, ...why } };
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
