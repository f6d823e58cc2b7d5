/*
 * The option lines pip accepts inside a requirements file. Only includes and editables
 * change what gets installed; the rest (index URLs, binary policy…) are pip's business and
 * are kept in the file for the build's pip to honour.
 */

export type RequirementOption =
  | { readonly kind: "include"; readonly mode: "requirement" | "constraint"; readonly path: string }
  | { readonly kind: "editable"; readonly target: string }
  | { readonly kind: "pip"; readonly name: string; readonly value: string }
  | { readonly kind: "unknown"; readonly name: string };

const INCLUDES: Record<string, "requirement" | "constraint"> = {
  "-r": "requirement",
  "--requirement": "requirement",
  "-c": "constraint",
  "--constraint": "constraint",
};

const EDITABLE = new Set(["-e", "--editable"]);

/** Options pip allows in requirements files that don't name packages. */
const PIP_OPTIONS = new Set([
  "-i",
  "--index-url",
  "--extra-index-url",
  "--no-index",
  "-f",
  "--find-links",
  "--no-binary",
  "--only-binary",
  "--prefer-binary",
  "--pre",
  "--trusted-host",
  "--require-hashes",
  "--use-feature",
  "-Z",
  "--always-unzip",
]);

export function readRequirementOption(text: string): RequirementOption {
  const match = /^(--?[A-Za-z][\w-]*)(?:=|\s+)?(.*)$/.exec(text);
  const name = match?.[1] ?? text;
  const value = (match?.[2] ?? "").trim();
  // `-rbase.txt` and `-e.` are valid pip spellings too
  const short = /^(-[rce])(\S.*)$/.exec(text);
  if (short?.[1] && short[2] && !text.startsWith("--")) return fromParts(short[1], short[2].trim());
  return fromParts(name, value);
}

function fromParts(name: string, value: string): RequirementOption {
  const mode = INCLUDES[name];
  if (mode !== undefined) return { kind: "include", mode, path: value };
  if (EDITABLE.has(name)) return { kind: "editable", target: value };
  return PIP_OPTIONS.has(name) ? { kind: "pip", name, value } : { kind: "unknown", name };
}

/** Options whose value is where pip looks for packages. */
const INDEX_OPTIONS = new Set(["-i", "--index-url", "--extra-index-url", "-f", "--find-links"]);

/**
 * An index on loopback (the author's own pypiserver, `-i http://127.0.0.1:18080/simple`):
 * inside the build that address is the build container, not the machine that has it.
 */
export function loopbackIndex(option: RequirementOption): string | null {
  if (option.kind !== "pip" || !INDEX_OPTIONS.has(option.name)) return null;
  const host = /^[a-z]+:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/]+)/i.exec(option.value)?.[1] ?? "";
  return /^(?:localhost|127(?:\.\d+){3}|\[::1\])$/i.test(host) ? option.value : null;
}
