import { describe, expect, it } from "vitest";
import { main, VERSION } from "../../src/cli/main.js";
import { EXIT_CODES } from "../../src/core/errors.js";
import { captureContext } from "../support/capture-context.js";

describe("pyship main", () => {
  it("prints the package version", async () => {
    const ctx = captureContext();
    expect(await main(["--version"], ctx)).toBe(0);
    expect(ctx.stdout.join("")).toContain(VERSION);
  });

  it("treats an unknown command as a usage error", async () => {
    const ctx = captureContext();
    expect(await main(["bogus"], ctx)).toBe(EXIT_CODES.E_USAGE);
    expect(ctx.stderr.join("\n")).toContain("unknown command 'bogus'");
  });

  it("reports errors with a Chinese title when the language is zh", async () => {
    const ctx = captureContext({ lang: "zh" });
    const code = await main(["plan", "/nonexistent/pyship-test-dir"], ctx);
    expect(code).not.toBe(0);
    expect(ctx.stderr.join("\n")).toMatch(/错误 \[E_/);
  });
});
