/*
 * Every PyshipError is thrown with a catalog message (msg("key", …)), so the CLI can say it in
 * the user's language. Read from the source: a throw whose message is a string literal or a
 * template has no key. The files listed below still compose their English from knowledge
 * tables (build-log and run diagnoses); the list may only shrink.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../src");
const STILL_ENGLISH: string[] = [];
const PLAIN = /new PyshipError\(\s*[^,]+,\s*[`"']/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

function plainThrows(): string[] {
  return sourceFiles(SRC).flatMap((file) => {
    const text = readFileSync(file, "utf8");
    return [...text.matchAll(PLAIN)].map((match) => {
      const line = text.slice(0, match.index).split("\n").length;
      return `${relative(SRC, file)}:${line}`;
    });
  });
}

describe("errors carry catalog keys", () => {
  it("finds a plain-string throw (the check itself works)", () => {
    const sample = 'throw new PyshipError("E_USAGE", `--x is bad`);';
    expect(sample.match(PLAIN)).toHaveLength(1);
    expect('new PyshipError("E_USAGE", msg("a.b"))'.match(PLAIN)).toBeNull();
  });

  it("no PyshipError outside the known list is thrown with a plain string", () => {
    const offenders = plainThrows().filter(
      (at) => !STILL_ENGLISH.some((file) => at.startsWith(`${file}:`)),
    );
    expect(
      offenders.map((at) => `${at}: use msg("key", params) and add the key to src/i18n/catalogs`),
    ).toEqual([]);
  });

  it("the known list is still accurate (remove a file once its throws have keys)", () => {
    const files = new Set(plainThrows().map((at) => at.split(":")[0]));
    expect(STILL_ENGLISH.filter((file) => !files.has(file))).toEqual([]);
  });
});
