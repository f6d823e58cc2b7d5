/*
 * The real executor against real (tiny) processes. Found by the corpus: a docker client that
 * refuses a build before reading the Dockerfile on its stdin (the engine probe's
 * `docker build -q -`) made writing that input fail with EPIPE, an unhandled error that
 * crashed `pyship build` at random.
 */
import { describe, expect, it } from "vitest";
import { NodeExecutor } from "../../src/core/node-executor.js";

describe("NodeExecutor", () => {
  it("returns the exit code of a child that exits without reading its input", async () => {
    const input = "FROM scratch\n".repeat(400_000); // ≈5 MB: far beyond a pipe's buffer
    const result = await new NodeExecutor().run("sh", ["-c", "exit 3"], { input });
    expect(result.exitCode).toBe(3);
  });

  it("still gives the input to a child that reads it", async () => {
    const result = await new NodeExecutor().run("wc", ["-l"], { input: "a\nb\nc\n" });
    expect(result).toMatchObject({ exitCode: 0, timedOut: false });
    expect(result.stdout.trim()).toBe("3");
  });
});
