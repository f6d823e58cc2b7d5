import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { EXIT_CODES } from "../../src/core/errors.js";
import { captureContext } from "../support/capture-context.js";

const FLASK = resolve(import.meta.dirname, "../fixtures/flask-module");

async function plan(args: string[], lang: "en" | "zh-CN" = "en") {
  const ctx = captureContext({ lang });
  const code = await main(["plan", FLASK, "--json", ...args], ctx);
  return { code, out: ctx.stdout.join("\n"), err: ctx.stderr.join("\n") };
}

describe("--tz", () => {
  it("sets TZ in the final stage's environment, with the flag as evidence", async () => {
    const { code, out } = await plan(["--tz", "Asia/Shanghai"]);
    expect(code).toBe(0);
    const parsed = JSON.parse(out);
    expect(parsed.env).toMatchObject({ TZ: "Asia/Shanghai" });
    expect(parsed.evidence).toContainEqual({
      file: "--tz",
      line: null,
      why: "ENV TZ=Asia/Shanghai from --tz (zone data from the base image's tzdata)",
    });
  });

  it("without --tz there is no TZ", async () => {
    expect(JSON.parse((await plan([])).out).env?.TZ).toBeUndefined();
  });

  it.each([
    ["UTC+8", "Etc/GMT-8"],
    ["+08:00", "Etc/GMT-8"],
    ["Asia/Beijing", "Asia/Shanghai"],
  ])("refuses %s with one line and a zone to use instead (%s)", async (value, suggested) => {
    const { code, err } = await plan(["--tz", value]);
    expect(code).toBe(EXIT_CODES.E_USAGE);
    expect(err).toContain(`--tz ${value} is not a time zone name`);
    expect(err).toContain(`such as ${suggested}`);
  });

  it("says it in Chinese too", async () => {
    const { err } = await plan(["--tz", "UTC+8"], "zh-CN");
    expect(err).toContain("--tz UTC+8 不是时区名");
    expect(err).toContain("例如 Etc/GMT-8");
  });
});
