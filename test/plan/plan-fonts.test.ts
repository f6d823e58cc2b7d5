/*
 * CJK fonts for matplotlib: `--cjk-fonts` / `[tool.pyship] cjk-fonts = true` put one Debian
 * font package in the final stage's apt step (rendered as a file snapshot, with the apt
 * mirror ARG in front of it); without the option, a Chinese-speaking user of a matplotlib
 * project gets a hint, an English one nothing.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { PlanOptions } from "../../src/core/pipeline.js";
import { detectProject } from "../../src/detect/detect-project.js";
import { CJK_FONT_PACKAGE } from "../../src/plan/plan-fonts.js";
import { planProject } from "../../src/plan/plan-project.js";
import { renderDockerfile } from "../../src/render/render-dockerfile.js";
import { captureContext } from "../support/capture-context.js";

function chartProject(pyproject = ""): string {
  const dir = mkdtempSync(join(tmpdir(), "pyship-fonts-"));
  writeFileSync(join(dir, "requirements.txt"), "matplotlib==3.9.2\n");
  writeFileSync(join(dir, "main.py"), 'import matplotlib\nprint("chart")\n');
  if (pyproject) writeFileSync(join(dir, "pyproject.toml"), pyproject);
  return dir;
}

const plan = (dir: string, options: PlanOptions = {}) => planProject(detectProject(dir), options);

describe("CJK fonts", () => {
  it("--cjk-fonts adds the font to the final stage, with the flag as evidence", () => {
    const planned = plan(chartProject(), { cjkFonts: true });
    expect(planned.systemPackages.runtime).toContain(CJK_FONT_PACKAGE);
    expect(planned.systemPackages.build).not.toContain(CJK_FONT_PACKAGE);
    expect(planned.evidence.find((e) => e.file === "--cjk-fonts")?.why).toContain(
      "WenQuanYi Micro Hei",
    );
  });

  it("[tool.pyship] cjk-fonts = true does the same, with the file as evidence", () => {
    const planned = plan(chartProject("[tool.pyship]\ncjk-fonts = true\n"));
    expect(planned.systemPackages.runtime).toEqual([CJK_FONT_PACKAGE]);
    expect(planned.evidence.some((e) => e.file === "pyproject.toml" && /CJK/.test(e.why))).toBe(
      true,
    );
  });

  it("--cjk-fonts=false (options) overrides the config", () => {
    const planned = plan(chartProject("[tool.pyship]\ncjk-fonts = true\n"), { cjkFonts: false });
    expect(planned.systemPackages.runtime).toEqual([]);
  });

  it("hints at the option for matplotlib in a Chinese locale only", () => {
    const dir = chartProject();
    const codes = (options: PlanOptions) => plan(dir, options).warnings.map((w) => w.code);
    expect(codes({ locale: "zh-CN" })).toContain("W_CJK_FONTS");
    expect(codes({ locale: "zh-TW" })).toContain("W_CJK_FONTS");
    expect(codes({ locale: "en" })).not.toContain("W_CJK_FONTS");
    expect(codes({ locale: "zh-CN", cjkFonts: true })).not.toContain("W_CJK_FONTS");
  });

  it("refuses a cjk-fonts that is not a boolean with one line", async () => {
    const dir = chartProject('[tool.pyship]\ncjk-fonts = "yes"\n');
    const ctx = captureContext();
    expect(await main(["plan", dir], ctx)).not.toBe(0);
    expect(ctx.stderr.join("\n")).toContain("cjk-fonts must be true or false");
  });

  it("renders the font in the final stage's apt step, through the apt mirror ARG", async () => {
    const dockerfile = renderDockerfile(plan(chartProject(), { cjkFonts: true, mirror: "tuna" }));
    const runtime = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
    const start = runtime.indexOf("ARG PYSHIP_APT_MIRROR");
    const end = runtime.indexOf("rm -rf /var/lib/apt/lists/*", start);
    expect(start).toBeGreaterThan(0);
    const step = runtime.slice(start, end + "rm -rf /var/lib/apt/lists/*".length);
    expect(step).toContain(`install -y --no-install-recommends ${CJK_FONT_PACKAGE}`);
    await expect(`${step}\n`).toMatchFileSnapshot("__snapshots__/cjk-fonts-runtime-apt.Dockerfile");
  });
});
