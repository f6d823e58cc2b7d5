/*
 * The corpus: realistic Dockerfiles in the styles seen in public projects and tutorials,
 * each with its build context and the exact findings expected (expected.txt). Precision
 * matters as much as recall, so every finding must be expected and vice versa; the
 * best-practice ones (`*-clean`) must produce nothing at all.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fsContext } from "../../src/lint/build-context.js";
import { checkText } from "../../src/lint/check-input.js";
import { fixDockerfile } from "../../src/lint/fix-dockerfile.js";
import { lintDockerfile } from "../../src/lint/lint-dockerfile.js";
import { NOW } from "./lint-helpers.js";

const CORPUS = join(import.meta.dirname, "corpus");
const cases = readdirSync(CORPUS).sort();

function load(name: string) {
  const dir = join(CORPUS, name);
  const file = join(dir, "Dockerfile");
  const options = { file: "Dockerfile", build: fsContext(dir, file), now: NOW };
  const expected = readFileSync(join(dir, "expected.txt"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"));
  return { text: readFileSync(file, "utf8"), options, expected };
}

describe("lint corpus", () => {
  it("has at least 20 Dockerfiles, several of them clean", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(cases.filter((name) => name.endsWith("-clean")).length).toBeGreaterThanOrEqual(5);
  });

  it.each(cases)("%s: reports exactly the expected findings", (name) => {
    const { text, options, expected } = load(name);
    const found = lintDockerfile(text, options).map((f) => `${f.line} ${f.code}`);
    expect(found).toEqual(expected);
  });

  it.each(cases.filter((name) => name.endsWith("-clean")))(
    "%s: clean Dockerfile has no findings",
    (name) => {
      const { text, options } = load(name);
      expect(lintDockerfile(text, options)).toEqual([]);
    },
  );

  it.each(cases)("%s: --fix yields a valid Dockerfile with no fixable finding left", (name) => {
    const { text, options } = load(name);
    const before = new Set(lintDockerfile(text, options).map((f) => f.code));
    const result = fixDockerfile(text, options);
    expect(() => checkText(result.text, "Dockerfile")).not.toThrow();
    expect(result.findings.filter((f) => f.fix?.safe)).toEqual([]);
    for (const finding of result.findings) expect(before).toContain(finding.code);
    expect(fixDockerfile(result.text, options).text).toBe(result.text);
  });
});
