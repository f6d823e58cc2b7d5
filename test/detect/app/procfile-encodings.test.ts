/*
 * Procfiles saved the way Windows tools save them: PowerShell's `>` writes UTF-16 LE with a
 * byte-order mark (read as the same text), a GBK editor writes bytes that are not UTF-8
 * (one located error with the iconv command, in every language).
 */
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { isPyshipError, type PyshipError } from "../../../src/core/errors.js";
import { detectProcfile } from "../../../src/detect/procfile.js";
import { scanProject } from "../../../src/detect/project-files.js";

const FIXTURES = resolve(import.meta.dirname, "../../fixtures");
const read = (fixture: string) =>
  detectProcfile(scanProject(join(FIXTURES, fixture)), { source: null });

function thrown(run: () => unknown): PyshipError {
  try {
    run();
  } catch (error) {
    if (isPyshipError(error)) return error;
    throw error;
  }
  throw new Error("expected a PyshipError");
}

describe("Procfile encodings", () => {
  it.each(["procfile-utf16"])("%s → the web: process", (fixture) => {
    expect(read(fixture)?.web).toStrictEqual(["gunicorn", "--bind", "0.0.0.0:$PORT", "hello:app"]);
  });

  it("GBK → E_PARSE at the first bad byte, with the conversion command", () => {
    const error = thrown(() => read("procfile-gbk"));
    expect({ code: error.code, file: error.file, line: error.line }).toStrictEqual({
      code: "E_PARSE",
      file: "Procfile",
      line: 1,
    });
    expect(error.message).toBe("Procfile is not UTF-8 (byte 0xCD) and has no byte-order mark");
    expect(error.hint).toContain("iconv -f GBK -t UTF-8 Procfile -o Procfile");
  });
});
