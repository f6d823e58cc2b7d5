import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { EXIT_CODES } from "../../src/core/errors.js";
import { captureContext } from "../support/capture-context.js";
import { FakeEngine, type Scenario } from "./fake-engine.js";

// Scripts that exit at once need neither the network nor the clock, so the real CLI path
// (real clock, real HTTP client) runs here against the fake engine.
const SCRIPT: Scenario = {
  config: { Labels: { "io.pyship.kind": "script" } },
  exitsAfterMs: 0,
  logs: "hello from console-script\n",
};

async function cli(args: string[], scenario: Scenario, lang: "en" | "zh" | "zh-TW" = "en") {
  const engine = new FakeEngine(scenario);
  const ctx = captureContext({ executor: engine, lang });
  const code = await main(["verify", ...args], ctx);
  return { code, ctx, engine };
}

describe("pyship verify", () => {
  it("prints a table and a PASS verdict, exit 0", async () => {
    const { code, ctx } = await cli(["app:1"], SCRIPT);
    expect(code).toBe(0);
    const out = ctx.stdout.join("\n");
    expect(out).toContain("Verifying app:1 (script)");
    expect(out).toMatch(/exits 0\s+pass\s+exited 0/);
    expect(out).toContain("PASS: app:1");
    // Every check has a label in both languages: no message key leaks into the table.
    expect(out).toMatch(/numeric user\s+pass/);
    expect(out).toMatch(/no secrets in layers\s+pass/);
    expect(out).not.toContain("verify.check.");
  });

  it("prints Chinese headings with --lang zh", async () => {
    const { code, ctx } = await cli(["app:1"], { ...SCRIPT, uid: 0 }, "zh");
    expect(code).toBe(EXIT_CODES.E_VERIFY_FAILED);
    const out = ctx.stdout.join("\n");
    expect(out).toContain("正在验证 app:1（脚本）");
    expect(out).toMatch(/非 root 运行\s+失败/);
    expect(out).not.toContain("verify.check.");
    expect(out).toContain("未通过：app:1 有 1 项检查失败");
    expect(ctx.stderr.join("\n")).toContain("镜像验证未通过");
  });

  it("says the checks' details in zh-TW; --json keeps them English", async () => {
    const text = await cli(["app:1"], { ...SCRIPT, uid: 0 }, "zh-TW");
    const out = text.ctx.stdout.join("\n");
    expect(out).toContain("行程以 root（uid 0）執行");
    expect(out).toMatch(/後以 0 退出/);
    const json = await cli(["app:1", "--json"], { ...SCRIPT, uid: 0 }, "zh-TW");
    const report = JSON.parse(json.ctx.stdout.join("\n"));
    const user = report.checks.find((c: { name: string }) => c.name === "non-root");
    expect(user).toMatchObject({ status: "fail", detail: expect.stringContaining("runs as root") });
    expect(user.note).toBeUndefined();
  });

  it("prints only the JSON report on stdout with --json, and still fails the exit code", async () => {
    const { code, ctx } = await cli(["app:1", "--json"], { ...SCRIPT, files: ["app/.env"] });
    expect(code).toBe(EXIT_CODES.E_VERIFY_FAILED);
    const report = JSON.parse(ctx.stdout.join("\n"));
    expect(report).toMatchObject({
      image: "app:1",
      ok: false,
      mode: "script",
      failure: { code: "E_VERIFY_FAILED" },
    });
    expect(report.checks.find((c: { name: string }) => c.name === "no-leaks").status).toBe("fail");
  });

  it("says why a run failed: the final error line first, the log, the cause and its fix", async () => {
    const logs = "starting\nTraceback (most recent call last):\nKeyError: 'API_TOKEN'\n";
    const { code, ctx } = await cli(["app:1"], { ...SCRIPT, exitCode: 1, logs });
    expect(code).toBe(EXIT_CODES.E_VERIFY_FAILED);
    const err = ctx.stderr.join("\n");
    expect(err).toMatch(/last error: KeyError: 'API_TOKEN'\n── last 2 log line\(s\) ──\nTraceback/);
    expect(err).toContain("likely cause: the environment variable API_TOKEN is not set");
    expect(err).toMatch(/hint: .*--env API_TOKEN=/);
  });

  it("puts the diagnosis in --json", async () => {
    const logs = "ModuleNotFoundError: No module named 'requests'\n";
    const { ctx } = await cli(["app:1", "--json"], { ...SCRIPT, exitCode: 1, logs });
    const report = JSON.parse(ctx.stdout.join("\n"));
    expect(report.failure.diagnosis).toEqual({
      cause: "module-not-found",
      message: "requests is imported but not installed",
      hint: expect.stringContaining("requirements.txt"),
      line: "ModuleNotFoundError: No module named 'requests'",
    });
  });

  it("uses --engine as the client binary", async () => {
    const { engine } = await cli(["app:1", "--engine", "/opt/podman"], SCRIPT);
    expect(engine.calls[0]?.[0]).toBe("/opt/podman");
  });

  it.each([
    [["--mode", "daemon"], "--mode must be web, worker or script"],
    [["--port", "99999"], "--port must be 1-65535"],
    [["--env", "NOEQUALS"], "--env needs KEY=VALUE"],
    [["--timeout", "soon"], "--timeout must be a positive number"],
  ])("rejects %j as a usage error", async (flags, message) => {
    const { code, ctx, engine } = await cli(["app:1", ...flags], SCRIPT);
    expect(code).toBe(EXIT_CODES.E_USAGE);
    expect(ctx.stderr.join("\n")).toContain(message);
    expect(engine.calls).toEqual([]);
  });

  it("names a missing image with a hint to build it", async () => {
    const { code, ctx } = await cli(["nope:1"], { config: null });
    expect(code).toBe(EXIT_CODES.E_USAGE);
    expect(ctx.stderr.join("\n")).toContain("image nope:1 was not found");
  });
});
