import { describe, expect, it } from "vitest";
import { catchCtrlC } from "../../src/cli/catch-ctrl-c.js";
import { PyshipError } from "../../src/core/errors.js";

describe("catchCtrlC", () => {
  it("passes the value through when nobody pressed Ctrl-C", async () => {
    await expect(catchCtrlC(async () => 42)).resolves.toBe(42);
  });

  it("passes other errors through unchanged", async () => {
    const error = new PyshipError("E_BUILD_FAILED", "boom");
    await expect(catchCtrlC(() => Promise.reject(error))).rejects.toBe(error);
  });

  it.each([
    ["the command then fails (the engine client was interrupted too)", true],
    ["the command still finishes", false],
  ])("turns a SIGINT into E_INTERRUPTED (exit 130) when %s", async (_why, fails) => {
    const run = catchCtrlC(async () => {
      process.emit("SIGINT");
      if (fails) throw new PyshipError("E_BUILD_FAILED", "docker build exited with code 1");
      return 0;
    });
    await expect(run).rejects.toMatchObject({ code: "E_INTERRUPTED", exitCode: 130 });
    expect(process.listenerCount("SIGINT")).toBe(0);
  });
});
