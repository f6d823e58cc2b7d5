/*
 * PEP 508 requirement strings (`flask[async]>=3,<4 ; python_version >= "3.9"`,
 * `pkg @ https://…`). Version specifiers are checked with @renovatebot/pep440; markers are
 * kept as written, not evaluated (the build's pip evaluates them on the real platform).
 */
import { validRange } from "@renovatebot/pep440";
import { normalizeName } from "../../core/package-name.js";

export interface ParsedRequirement {
  /** PEP 503 normalized name. */
  readonly name: string;
  /** The requirement as written, trimmed. */
  readonly spec: string;
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/s;
const EXTRA = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** A requirement, or the reason it is not a valid PEP 508 requirement. */
export function parseRequirement(text: string): ParsedRequirement | { readonly error: string } {
  const spec = text.trim();
  const match = NAME.exec(spec);
  if (!match?.[1]) return { error: `"${spec}" does not start with a package name` };
  const extras =
    match[2]
      ?.slice(1, -1)
      .split(",")
      .map((extra) => extra.trim()) ?? [];
  const badExtra = extras.find((extra) => !EXTRA.test(extra));
  if (badExtra !== undefined) return { error: `invalid extra "${badExtra}" in "${spec}"` };
  const problem = checkRest(match[3] ?? "");
  return problem === null
    ? { name: normalizeName(match[1]), spec }
    : { error: `${problem} in "${spec}"` };
}

function checkRest(rest: string): string | null {
  if (rest.startsWith("@")) {
    const url = rest.slice(1).split(/\s;/)[0]?.trim() ?? "";
    return /^\S+:\/\/\S+|^file:\S+/.test(url) ? null : "a URL must follow @";
  }
  const semicolon = rest.indexOf(";");
  const version = (semicolon === -1 ? rest : rest.slice(0, semicolon)).trim();
  if (semicolon !== -1 && rest.slice(semicolon + 1).trim() === "")
    return "empty environment marker";
  const bare = version.startsWith("(") && version.endsWith(")") ? version.slice(1, -1) : version;
  if (bare === "") return null;
  if (/^[<>=!~]/.test(bare) && validRange(bare)) return null;
  return `invalid version specifier "${bare}"`;
}
