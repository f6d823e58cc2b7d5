/*
 * Finds the line of a key or value in TOML text. TOML parsers return values without
 * positions, yet every pyship message names a line, so we look the key up in the text:
 * first as `[table]` + `key =`, then as a dotted key or inline table in a parent section.
 */

interface Section {
  readonly name: string;
  readonly header: number;
  readonly start: number;
  readonly end: number;
}

/** 1-based line where `path` (e.g. ["tool", "pyship", "port"]) is set, or null. */
export function findKeyLine(text: string, path: readonly string[]): number | null {
  const lines = text.split(/\r?\n/);
  const sections = splitSections(lines);
  for (let split = path.length - 1; split >= 0; split--) {
    const table = path.slice(0, split).join(".");
    const rest = path.slice(split);
    for (const section of sections.filter((s) => s.name === table)) {
      const line = findInSection(lines, section, rest);
      if (line !== null) return line;
    }
  }
  return findHeaderLine(text, path.slice(0, -1));
}

/** 1-based line of the `[table]` header, or null. */
export function findHeaderLine(text: string, table: readonly string[]): number | null {
  const name = table.join(".");
  const section = splitSections(text.split(/\r?\n/)).find((s) => s.name === name && s.header > 0);
  return section ? section.header : null;
}

/**
 * 1-based line holding the quoted string `value` inside the array or table set at `path`
 * (e.g. one entry of `dependencies = [...]`); falls back to the key's own line.
 */
export function findValueLine(text: string, path: readonly string[], value: string): number | null {
  const keyLine = findKeyLine(text, path);
  if (keyLine === null) return null;
  const lines = text.split(/\r?\n/);
  const quoted = [`"${value}"`, `'${value}'`];
  for (let index = keyLine - 1; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (index >= keyLine && /^\s*\[/.test(line) && !/^\s*\[\s*["']/.test(line)) break;
    if (quoted.some((q) => line.includes(q))) return index + 1;
  }
  return keyLine;
}

function splitSections(lines: readonly string[]): Section[] {
  const sections: Section[] = [];
  let current = { name: "", header: 0, start: 0 };
  lines.forEach((line, index) => {
    const match = /^\s*\[\[?([^\]]+)\]\]?\s*(#.*)?$/.exec(line);
    if (!match?.[1] || /^\s*\[\s*["']/.test(line)) return;
    sections.push({ ...current, end: index });
    current = { name: normalizeKey(match[1]), header: index + 1, start: index + 1 };
  });
  sections.push({ ...current, end: lines.length });
  return sections;
}

function findInSection(
  lines: readonly string[],
  section: Section,
  rest: readonly string[],
): number | null {
  const wanted = rest.join(".");
  for (let index = section.start; index < section.end; index++) {
    const match = /^\s*([A-Za-z0-9_."' -]+?)\s*=/.exec(lines[index] ?? "");
    if (!match?.[1]) continue;
    const key = normalizeKey(match[1]);
    if (key === wanted) return index + 1;
    // `apt = { build = [...] }` or `apt.build = [...]` seen from the parent section
    if (rest.length > 1 && key === rest[0] && (lines[index] ?? "").includes(rest.at(-1) ?? "")) {
      return index + 1;
    }
  }
  return null;
}

function normalizeKey(raw: string): string {
  return raw.replace(/["'\s]/g, "");
}
