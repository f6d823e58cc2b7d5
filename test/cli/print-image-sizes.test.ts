import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { printImageSizes } from "../../src/cli/print-image-sizes.js";
import type { ImageSizes } from "../../src/core/pipeline.js";
import { captureContext } from "../support/capture-context.js";
import { FakeEngine } from "../verify/fake-engine.js";

const SIZES: ImageSizes = {
  totalBytes: 200_000_000,
  baseBytes: 120_000_000,
  systemBytes: 10_000_000,
  venvBytes: 69_000_000,
  appBytes: 1_000_000,
  venvPackages: [
    { name: "numpy", bytes: 40_000_000 },
    { name: "pandas", bytes: 20_000_000 },
  ],
  base: { layers: 1, why: "test" },
};

describe("where the megabytes are", () => {
  it("prints one row per part and per large package, with bars of their share", () => {
    const ctx = captureContext();
    printImageSizes(ctx, SIZES);
    expect(ctx.stdout).toStrictEqual([
      "  Where the megabytes are (200.0 MB shipped in the layers)",
      `  base image       ${"█".repeat(14)}${"░".repeat(10)}   120.0 MB  60%`,
      `  system packages  ${"█".repeat(1)}${"░".repeat(23)}    10.0 MB   5%`,
      `  Python packages  ${"█".repeat(8)}${"░".repeat(16)}    69.0 MB  35%`,
      `    numpy          ${"█".repeat(5)}${"░".repeat(19)}    40.0 MB  20%`,
      `    pandas         ${"█".repeat(2)}${"░".repeat(22)}    20.0 MB  10%`,
      `  app              ${"░".repeat(24)}     1.0 MB   1%`,
    ]);
  });

  it("pyship verify shows the table and puts the numbers in --json", async () => {
    const scenario = {
      config: { Labels: { "io.pyship.kind": "script" } },
      exitsAfterMs: 0,
      logs: "done\n",
    };
    const text = captureContext({ executor: new FakeEngine(scenario) });
    await main(["verify", "app:1"], text);
    expect(text.stdout.join("\n")).toMatch(/Where the megabytes are[^\n]*\n {2}base image {7}/);
    const json = captureContext({ executor: new FakeEngine(scenario) });
    await main(["verify", "app:1", "--json"], json);
    const report = JSON.parse(json.stdout.join("\n"));
    expect(Object.keys(report.sizes)).toStrictEqual([
      "totalBytes",
      "baseBytes",
      "systemBytes",
      "venvBytes",
      "appBytes",
      "venvPackages",
      "base",
    ]);
  });
});
