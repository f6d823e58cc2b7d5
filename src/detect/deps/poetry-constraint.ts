/*
 * Poetry's version constraints (`^1.2`, `~1.2.3`, `1.2.*`, `>=1,<2 || ^3`) as PEP 440
 * specifiers, so the rest of pyship (and @renovatebot/pep440) only ever sees one syntax.
 * Follows https://python-poetry.org/docs/dependency-specification/.
 */

/** Each `||` alternative as a PEP 440 specifier ("" means any version); null if unreadable. */
export function poetryToPep440(constraint: string): string[] | null {
  const alternatives = constraint.split("||").map((part) => convertAll(part.trim()));
  return alternatives.some((part) => part === null) ? null : (alternatives as string[]);
}

function convertAll(part: string): string | null {
  if (part === "*" || part === "") return "";
  const pieces = part.split(/\s*,\s*|\s+(?=[<>=!~^])/).filter((piece) => piece !== "");
  const converted = pieces.map(convertOne);
  return converted.some((piece) => piece === null) ? null : converted.filter(Boolean).join(",");
}

function convertOne(piece: string): string | null {
  if (piece.startsWith("^")) return caret(piece.slice(1).trim());
  if (piece.startsWith("~") && !piece.startsWith("~=")) return tilde(piece.slice(1).trim());
  if (/^(==|!=|<=|>=|<|>|~=|===)/.test(piece)) return piece.replace(/\s+/g, "");
  if (/^\d+(\.\d+)*\.\*$/.test(piece)) return `==${piece}`;
  if (/^\d+(\.\d+)*([a-z]+\d*)?$/i.test(piece)) return `==${piece}`;
  return null;
}

/** ^1.2.3 → >=1.2.3,<2.0.0; the first non-zero component may not change. */
function caret(version: string): string | null {
  const parts = numbers(version);
  if (parts === null) return null;
  const firstNonZero = parts.findIndex((part) => part !== 0);
  const bump = firstNonZero === -1 ? Math.max(parts.length - 1, 0) : firstNonZero;
  return `>=${version},<${upper(parts, bump)}`;
}

/** ~1.2.3 → >=1.2.3,<1.3.0; ~1 → >=1,<2. */
function tilde(version: string): string | null {
  const parts = numbers(version);
  if (parts === null) return null;
  return `>=${version},<${upper(parts, parts.length === 1 ? 0 : 1)}`;
}

function upper(parts: readonly number[], index: number): string {
  const bumped = parts.slice(0, index + 1).map((part, i) => (i === index ? part + 1 : part));
  while (bumped.length < Math.max(parts.length, 2)) bumped.push(0);
  return bumped.join(".");
}

function numbers(version: string): number[] | null {
  const release = /^(\d+(?:\.\d+)*)/.exec(version)?.[1];
  return release ? release.split(".").map(Number) : null;
}
