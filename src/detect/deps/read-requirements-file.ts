/*
 * Reads one pip requirements file the way pip does: joins `\` continuations, drops comments,
 * hashes and per-line options, follows `-r`/`-c` includes (relative to the including file,
 * cycles stopped), and notes `-e .` (install the project itself) and local paths.
 */

import { posix } from "node:path";
import { PyshipError } from "../../core/errors.js";
import { normalizeName } from "../../core/package-name.js";
import type { Requirement, Warning } from "../../core/pipeline.js";
import { because, msg, withText } from "../../i18n/message.js";
import type { ProjectFiles } from "../project-files.js";
import { parseRequirement } from "./parse-requirement.js";
import { loopbackIndex, readRequirementOption } from "./requirement-options.js";
import { readRequirementsText } from "./requirements-text.js";

export interface RequirementsRead {
  readonly requirements: Requirement[];
  /** Every file the install needs: the file itself, its includes, local path requirements. */
  readonly files: string[];
  /** Line that asks to install the project itself (`-e .` or `.`), if any. */
  selfLine: { file: string; line: number } | null;
  readonly warnings: Warning[];
}

interface LogicalLine {
  readonly text: string;
  readonly line: number;
}

export function readRequirementsFile(files: ProjectFiles, path: string): RequirementsRead {
  const read: RequirementsRead = { requirements: [], files: [], selfLine: null, warnings: [] };
  visit(files, path, "requirement", read, []);
  return read;
}

function visit(
  files: ProjectFiles,
  path: string,
  mode: "requirement" | "constraint",
  read: RequirementsRead,
  stack: readonly string[],
): void {
  read.files.push(path);
  const content = readRequirementsText(files.root, path, () => files.read(path));
  for (const { text, line } of logicalLines(content)) {
    const at = { file: path, line };
    if (text.startsWith("-")) {
      const option = readRequirementOption(text);
      if (option.kind === "include")
        include(files, option.path, option.mode, at, read, [...stack, path]);
      else if (option.kind === "editable") addTarget(option.target, at, read);
      else if (loopbackIndex(option) !== null)
        read.warnings.push({
          code: "W_INDEX_LOOPBACK",
          ...withText(msg("warn.indexLoopback", { url: loopbackIndex(option) ?? "" })),
          ...at,
        });
      else if (option.kind === "unknown")
        read.warnings.push({
          code: "REQ_UNKNOWN_OPTION",
          ...withText(msg("warn.reqUnknownOption", { option: option.name })),
          ...at,
        });
    } else if (mode === "requirement") {
      addTarget(text, at, read);
    }
  }
}

/** Lines pip would see: continuations joined, comments and per-requirement options removed. */
export function logicalLines(text: string): LogicalLine[] {
  const result: LogicalLine[] = [];
  let pending = "";
  let start = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    if (pending === "") start = index + 1;
    const uncommented = raw.replace(/(^|\s)#.*$/, "");
    if (uncommented.endsWith("\\")) {
      pending += `${uncommented.slice(0, -1)} `;
      return;
    }
    const joined = `${pending}${uncommented}`
      .replace(/\s--(hash|config-settings|global-option|install-option)[=\s]\S+/g, "")
      .trim();
    pending = "";
    if (joined !== "") result.push({ text: joined, line: start });
  });
  return result;
}

function include(
  files: ProjectFiles,
  target: string,
  mode: "requirement" | "constraint",
  at: { file: string; line: number },
  read: RequirementsRead,
  stack: readonly string[],
): void {
  if (/^\w+:\/\//.test(target)) {
    read.warnings.push({
      code: "REQ_REMOTE_INCLUDE",
      ...withText(msg("warn.reqRemoteInclude", { target })),
      ...at,
    });
    return;
  }
  const path = posix.normalize(posix.join(posix.dirname(at.file), target));
  if (stack.includes(path) || read.files.includes(path)) {
    if (stack.includes(path))
      read.warnings.push({
        code: "REQ_INCLUDE_CYCLE",
        ...withText(msg("warn.reqCycle", { path, through: at.file })),
        ...at,
      });
    return;
  }
  if (path.startsWith("../") || !files.has(path)) throw missingInclude(target, path, at);
  visit(files, path, mode, read, stack);
}

/** A missing include is an error: pip would stop the image build on it anyway, minutes later. */
function missingInclude(
  target: string,
  path: string,
  at: { file: string; line: number },
): PyshipError {
  const outside = path.startsWith("../");
  return new PyshipError(
    "E_PARSE",
    msg(outside ? "requirements.includeOutside" : "requirements.includeMissing", { target }),
    {
      ...at,
      hint: outside
        ? msg("requirements.includeOutside.hint")
        : msg("requirements.includeMissing.hint", { path }),
    },
  );
}

/** A requirement line, or a URL / local path pip installs directly. */
function addTarget(text: string, at: { file: string; line: number }, read: RequirementsRead): void {
  const direct = directTarget(text);
  if (direct === null) {
    const parsed = parseRequirement(text);
    if ("error" in parsed) {
      throw new PyshipError("E_PARSE", msg("requirements.invalid", { error: parsed.error }), {
        ...at,
        hint: msg("requirements.invalid.hint"),
      });
    }
    read.requirements.push({ ...parsed, evidence: { ...at, why: `listed in ${at.file}` } });
  } else if (direct.kind === "self") {
    read.selfLine ??= at;
  } else if (direct.kind === "path") {
    const path = posix.normalize(posix.join(posix.dirname(at.file), direct.path));
    if (!read.files.includes(path)) read.files.push(path);
  } else if (direct.name !== null) {
    read.requirements.push({
      name: direct.name,
      spec: text,
      evidence: { ...at, ...because(msg("ev.deps.directUrl", { url: direct.url })) },
    });
  } else {
    read.warnings.push({
      code: "REQ_UNNAMED_URL",
      ...withText(msg("warn.reqUnnamedUrl", { target: text })),
      ...at,
    });
  }
}

type Direct =
  | { readonly kind: "self" }
  | { readonly kind: "path"; readonly path: string }
  | { readonly kind: "url"; readonly url: string; readonly name: string | null };

function directTarget(text: string): Direct | null {
  const target = text.split(/\s;/)[0]?.trim() ?? text;
  if (/^(\w+\+)?[a-z]+:\/\//i.test(target) || target.startsWith("file:")) {
    return { kind: "url", url: target, name: urlPackageName(target) };
  }
  if (/^[\w.-]+(\[[^\]]*\])?\s*@/.test(target)) return null; // PEP 508 `name @ url`
  const path = target.replace(/\[[^\]]*\]$/, "");
  if (path === "." || path === "./") return { kind: "self" };
  if (/^\.{1,2}\/|^\//.test(path) || /\.(whl|tar\.gz|zip)$/.test(path))
    return { kind: "path", path };
  return null;
}

function urlPackageName(url: string): string | null {
  const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(url)?.[1];
  const wheel = /\/([A-Za-z0-9_.]+)-[^/-]+-[^/]+\.whl$/.exec(url)?.[1];
  const name = egg ?? wheel;
  return name ? normalizeName(name) : null;
}
