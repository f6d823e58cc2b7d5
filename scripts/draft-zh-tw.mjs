// Prints zh-TW drafts for the zh-CN messages that have no zh-TW text yet, ready to paste into
// src/i18n/catalogs/zh-TW.ts (or zh-TW-rules.ts): the glossary's terms first (镜像 → 映像檔,
// 构建 → 建置: Taiwan words, not converted characters), then OpenCC's mainland → Taiwan
// conversion with Taiwan phrases for the rest. A draft for a person to read, not a translation:
// `node scripts/draft-zh-tw.mjs` (missing only) or `--all`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import * as OpenCC from "opencc-js";

const dir = mkdtempSync(join(tmpdir(), "pyship-zh-tw-"));
const outfile = join(dir, "catalogs.mjs");
await build({
  stdin: {
    contents: `export * from "./src/i18n/catalogs/zh-CN.ts"; export * from "./src/i18n/catalogs/zh-TW.ts";
      export * from "./src/i18n/catalogs/zh-CN-rules.ts"; export * from "./src/i18n/catalogs/zh-TW-rules.ts";
      export { GLOSSARY } from "./src/i18n/glossary.ts";`,
    resolveDir: process.cwd(),
    loader: "ts",
  },
  bundle: true,
  format: "esm",
  platform: "node",
  outfile,
  logLevel: "warning",
});
const { ZH_CN, ZH_TW, ZH_CN_RULES, ZH_TW_RULES, GLOSSARY } = await import(
  pathToFileURL(outfile).href
);
rmSync(dir, { recursive: true });

const toTaiwan = OpenCC.Converter({ from: "cn", to: "twp" });
const terms = [...GLOSSARY].filter((row) => row["zh-CN"] !== row["zh-TW"]);
export function draft(text) {
  let result = text;
  terms.forEach((row, index) => {
    result = result.replaceAll(row["zh-CN"], `\uE000${index}\uE001`);
  });
  result = toTaiwan(result);
  return result.replace(/\uE000(\d+)\uE001/g, (_, index) => terms[Number(index)]["zh-TW"]);
}

const all = process.argv.includes("--all");
const q = (value) => JSON.stringify(value);
console.log("// src/i18n/catalogs/zh-TW.ts");
for (const [key, text] of Object.entries(ZH_CN)) {
  if (all || ZH_TW[key] === undefined) console.log(`  ${q(key)}: ${q(draft(text))},`);
}
console.log("// src/i18n/catalogs/zh-TW-rules.ts");
for (const [code, rule] of Object.entries(ZH_CN_RULES)) {
  if (!all && ZH_TW_RULES[code] !== undefined) continue;
  const fields = Object.entries(rule).map(([field, text]) => `${field}: ${q(draft(text))}`);
  console.log(`  ${code}: { ${fields.join(", ")} },`);
}
