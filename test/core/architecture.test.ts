/*
 * The arrows of the architecture, checked on the source: stages never import from src/cli,
 * and command modules never import the CLI's entry (main.ts), which imports them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../src");
const IMPORT = /^(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gms;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** file (relative to src) → the src-relative files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    const targets = [...text.matchAll(IMPORT)].map((match) =>
      relative(SRC, resolve(dirname(file), (match[1] as string).replace(/\.js$/, ".ts"))),
    );
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

describe("architecture", () => {
  const graph = importGraph();

  it("reads a non-trivial graph (the check itself works)", () => {
    expect(graph.get("cli/main.ts")).toContain("cli/commands/plan.ts");
  });

  it("nothing outside src/cli imports from it", () => {
    const offenders = [...graph].flatMap(([file, targets]) =>
      file.startsWith("cli/") || file === "cli.ts"
        ? []
        : targets
            .filter((target) => target.startsWith("cli/"))
            .map((target) => `${file} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it("command modules never import the CLI entry (main.ts)", () => {
    const offenders = [...graph].flatMap(([file, targets]) =>
      file.startsWith("cli/commands/") && targets.includes("cli/main.ts") ? [file] : [],
    );
    expect(offenders).toEqual([]);
  });
});
