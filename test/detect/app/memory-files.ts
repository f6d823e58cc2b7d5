// An in-memory ProjectFiles for detector tests: a tree given as { path: text }.
import { parse } from "smol-toml";
import { PyshipError } from "../../../src/core/errors.js";
import type { ProjectMeta } from "../../../src/core/pipeline.js";
import type { ProjectFiles } from "../../../src/detect/project-files.js";

export function memoryFiles(tree: Record<string, string>, root = "/virtual"): ProjectFiles {
  const paths = Object.keys(tree).sort();
  const read = (path: string): string => {
    const text = tree[path];
    if (text === undefined) {
      throw new PyshipError("E_IO", `cannot read ${path} (ENOENT)`, {
        file: path,
        cause: Object.assign(new Error("missing"), { code: "ENOENT" }),
      });
    }
    return text;
  };
  return {
    root,
    paths,
    has: (path) => path in tree,
    read,
    toml: (path) => parse(read(path)) as Record<string, unknown>,
  };
}

export function meta(scripts: Record<string, string> = {}): ProjectMeta {
  return {
    name: "demo",
    version: null,
    buildNeeds: [],
    scripts,
    evidence: { file: "pyproject.toml", line: null, why: "test" },
  };
}

/** Strips the common indentation so sources can be written inline in tests. */
export function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, "");
  const indent = Math.min(
    ...text
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => /^ */.exec(line)?.[0].length ?? 0),
  );
  return text
    .split("\n")
    .map((line) => line.slice(indent))
    .join("\n");
}
