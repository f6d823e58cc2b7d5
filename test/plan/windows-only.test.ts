/*
 * Windows-only distributions in a requirements file: which lines the dependency layer's copy
 * loses (plan), and that the builder's sed takes exactly those lines out, in any spelling,
 * run with the machine's GNU sed (render).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/core/pipeline.js";
import type { Notes } from "../../src/plan/notes.js";
import { windowsOnlyLines } from "../../src/plan/windows-only.js";
import { requirementsEdits } from "../../src/render/self-line.js";
import { requirement } from "./make-facts.js";

const notes = (): Notes => ({ evidence: [], warnings: [] });

describe("windowsOnlyLines", () => {
  it.each([
    [
      "a freeze's pin",
      requirement("pywin32", "pywin32==306", "requirements.txt", 9),
      ["pywin32 requirements.txt:9"],
    ],
    [
      "a line with its own marker: the installer skips it",
      requirement("pywin32", 'pywin32==306; sys_platform == "win32"', "requirements.txt", 9),
      [],
    ],
    [
      "a cross-platform neighbour",
      requirement("pywin32-ctypes", "pywin32-ctypes==0.2.3", "requirements.txt", 3),
      [],
    ],
    [
      "a file the layer does not install",
      requirement("pywin32", "pywin32==306", "requirements-dev.txt", 2),
      [],
    ],
  ])("%s", (_label, req, found) => {
    const noted = notes();
    const lines = windowsOnlyLines([req], ["requirements.txt"], noted).windowsOnly ?? [];
    expect(lines.map((l) => `${l.name} ${l.file}:${l.line}`)).toEqual(found);
    expect(noted.warnings.map((w) => w.code)).toEqual(found.map(() => "W_WINDOWS_ONLY"));
  });
});

describe("the layer's sed", () => {
  it("takes out the Windows-only lines in any spelling, and nothing else", () => {
    const dir = mkdtempSync(join(tmpdir(), "pyship-windows-"));
    const file = join(dir, "requirements.txt");
    const text = [
      "Flask==3.1.3",
      "pywin32==306  # from pip freeze",
      "Twisted_IOCPSupport == 1.0.2",
      "pywin32-ctypes==0.2.3",
      "pywin32",
      "",
    ].join("\n");
    writeFileSync(file, text);
    const windowsOnly = [
      { name: "pywin32", file: "requirements.txt", line: 2 },
      { name: "twisted-iocpsupport", file: "requirements.txt", line: 3 },
    ];
    const plan = { install: { windowsOnly } } as unknown as Plan;
    const [command] = requirementsEdits(plan);
    execFileSync("sh", ["-c", command ?? "false"], { cwd: dir });
    expect(readFileSync(file, "utf8")).toBe("Flask==3.1.3\npywin32-ctypes==0.2.3\n");
  });
});
