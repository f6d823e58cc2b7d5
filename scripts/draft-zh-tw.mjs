// Prints the catalog lines still missing, ready to paste into src/i18n/catalogs/zh-TW.ts (or
// zh-TW-rules.ts): every zh-CN text without a zh-TW one (including messages commands add with
// addMessages) drafted with the glossary's Taiwan terms first (镜像 → 映像檔, 构建 → 建置:
// Taiwan words, not converted characters), then OpenCC's mainland → Taiwan conversion with
// Taiwan phrases for the rest; and every English text without zh-CN, marked TODO. A draft for
// a person to read, not a translation: `node scripts/draft-zh-tw.mjs` (missing only) or `--all`.
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
    // main.js registers every command, and with them every addMessages table.
    contents: `import "./src/cli/main.ts";
      export { catalogTable } from "./src/cli/i18n.ts";
      export { GLOSSARY } from "./src/i18n/glossary.ts";`,
    resolveDir: process.cwd(),
    loader: "ts",
  },
  bundle: true,
  format: "esm",
  platform: "node",
  outfile,
  // the SBOM library's optional XML plugins, left out as in scripts/bundle.mjs
  external: ["xmlbuilder2", "libxmljs2"],
  banner: {
    js: "import { createRequire as __draftRequire } from 'node:module'; const require = __draftRequire(import.meta.url);",
  },
  logLevel: "warning",
});
const { catalogTable, GLOSSARY } = await import(pathToFileURL(outfile).href);
rmSync(dir, { recursive: true });

const toTaiwan = OpenCC.Converter({ from: "cn", to: "twp" });
const terms = [...GLOSSARY].filter((row) => row["zh-CN"] !== row["zh-TW"]);
function draft(text) {
  let result = text;
  terms.forEach((row, index) => {
    result = result.replaceAll(row["zh-CN"], `\uE000${index}\uE001`);
  });
  result = toTaiwan(result);
  return result.replace(/\uE000(\d+)\uE001/g, (_, index) => terms[Number(index)]["zh-TW"]);
}

const all = process.argv.includes("--all");
const [en, cn, tw] = ["en", "zh-CN", "zh-TW"].map((locale) => catalogTable(locale));
const q = (value) => JSON.stringify(value);
const rule = /^rule\.(PY\d+)\.(message|rationale)$/;
console.log("// zh-CN.ts: English still untranslated (TODO: translate)");
for (const [key, text] of en) if (!cn.has(key)) console.log(`  ${q(key)}: ${q(`TODO ${text}`)},`);
console.log("// zh-TW.ts (rule.PYnnn.* lines go to zh-TW-rules.ts as { message, rationale })");
for (const [key, text] of cn) {
  if (!all && tw.has(key)) continue;
  const match = rule.exec(key);
  const name = match ? `${match[1]}.${match[2]}` : key;
  console.log(`  ${q(name)}: ${q(draft(text))},`);
}
