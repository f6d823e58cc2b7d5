import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { writeFiles } from "../../src/write/write-files.js";

let root: string;
const files = [
  { path: "Dockerfile", content: 'FROM python:3.12-slim\nCMD ["python"]\n' },
  { path: ".dockerignore", content: ".git\n" },
];
const read = (path: string) => readFileSync(join(root, path), "utf8");

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "pyship-write-"));
});

describe("writeFiles", () => {
  it("creates missing files with a diff against nothing", () => {
    const result = writeFiles(root, files, { dryRun: false, force: false });
    expect(result.files.map((f) => f.action)).toStrictEqual(["create", "create"]);
    expect(result.files[0]?.diff).toContain("+FROM python:3.12-slim");
    expect(read("Dockerfile")).toBe(files[0]?.content);
    expect(readdirSync(root).sort()).toStrictEqual([".dockerignore", "Dockerfile"]); // no temp files left
  });

  it("never overwrites a different file without force, and says why", () => {
    writeFileSync(join(root, "Dockerfile"), "FROM mine\n");
    const result = writeFiles(root, files, { dryRun: false, force: false });
    expect(result.files[0]).toMatchObject({
      action: "skip",
      reason: expect.stringContaining("--force"),
    });
    expect(result.files[0]?.diff).toMatch(/-FROM mine[\s\S]*\+FROM python:3.12-slim/);
    expect(read("Dockerfile")).toBe("FROM mine\n");
    expect(result.files[1]?.action).toBe("create");
  });

  it("overwrites with force and keeps the file's mode", () => {
    writeFileSync(join(root, "Dockerfile"), "FROM mine\n", { mode: 0o600 });
    const result = writeFiles(root, files, { dryRun: false, force: true });
    expect(result.files[0]?.action).toBe("overwrite");
    expect(read("Dockerfile")).toBe(files[0]?.content);
    expect(statSync(join(root, "Dockerfile")).mode & 0o777).toBe(0o600);
  });

  it("leaves identical files alone: unchanged, mtime untouched", () => {
    writeFileSync(join(root, "Dockerfile"), files[0]?.content ?? "");
    const old = new Date("2020-01-01T00:00:00Z");
    utimesSync(join(root, "Dockerfile"), old, old);
    const result = writeFiles(root, files, { dryRun: false, force: true });
    expect(result.files[0]).toStrictEqual({ path: "Dockerfile", action: "unchanged", diff: "" });
    expect(statSync(join(root, "Dockerfile")).mtime.toISOString()).toBe(old.toISOString());
  });

  it("a dry run reports exactly what a real run does and writes nothing", () => {
    writeFileSync(join(root, "Dockerfile"), "FROM mine\n");
    const dry = writeFiles(root, files, { dryRun: true, force: false });
    expect(read("Dockerfile")).toBe("FROM mine\n");
    expect(readdirSync(root)).toStrictEqual(["Dockerfile"]);
    const real = writeFiles(root, files, { dryRun: false, force: false });
    expect(dry).toStrictEqual({ ...real, dryRun: true });
  });

  it.each(["../outside", "/etc/passwd", "sub/../../outside"])(
    "refuses %s before writing anything",
    (path) => {
      const attempt = () =>
        writeFiles(root, [...files, { path, content: "x" }], { dryRun: false, force: true });
      expect(attempt).toThrowError(expect.objectContaining({ code: "E_PATH_OUTSIDE" }));
      expect(readdirSync(root)).toStrictEqual([]);
    },
  );

  it("refuses to follow a symlinked directory out of the project", () => {
    const outside = mkdtempSync(join(tmpdir(), "pyship-outside-"));
    symlinkSync(outside, join(root, "link"));
    const attempt = () =>
      writeFiles(root, [{ path: "link/Dockerfile", content: "x" }], { dryRun: false, force: true });
    expect(attempt).toThrowError(expect.objectContaining({ code: "E_PATH_OUTSIDE" }));
    expect(readdirSync(outside)).toStrictEqual([]);
  });

  it("reports an unreadable target as E_IO naming the file", () => {
    mkdirSync(join(root, "Dockerfile"));
    const attempt = () => writeFiles(root, files, { dryRun: false, force: true });
    expect(attempt).toThrowError(expect.objectContaining({ code: "E_IO", file: "Dockerfile" }));
  });
});
