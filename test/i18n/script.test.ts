/*
 * zh-TW is written in Traditional characters and zh-CN in Simplified ones. Which character
 * belongs to which script comes from OpenCC's dictionaries (opencc-js), not from a list kept
 * here: a character is Simplified-only when OpenCC converts it to Traditional and it appears
 * on the Traditional side of no OpenCC table (后 and 里 are also Traditional: 皇后, 公里).
 */
import st from "opencc-js/dict/STCharacters";
import stPhrases from "opencc-js/dict/STPhrases";
import ts from "opencc-js/dict/TSCharacters";
import tsPhrases from "opencc-js/dict/TSPhrases";
import twPhrases from "opencc-js/dict/TWPhrases";
import twVariants from "opencc-js/dict/TWVariants";
import { describe, expect, it } from "vitest";
import { catalogTable } from "../../src/cli/i18n.js";
import "../../src/cli/main.js";

/** OpenCC's packed dictionary: `from to1 to2|from to…`. */
function entries(dict: string): [string, string[]][] {
  return dict.split("|").map((entry) => {
    const [from = "", ...to] = entry.split(" ");
    return [from, to];
  });
}

function charsOf(texts: readonly string[]): Set<string> {
  return new Set(texts.flatMap((text) => [...text]));
}

const traditionalSide = charsOf([
  ...entries(st).flatMap(([, to]) => to),
  ...entries(stPhrases).flatMap(([, to]) => to),
  ...entries(twPhrases).flatMap(([, to]) => to),
  ...entries(twVariants).flatMap(([, to]) => to),
  ...entries(ts).map(([from]) => from),
  ...entries(tsPhrases).map(([from]) => from),
]);
const simplifiedSide = charsOf([
  ...entries(ts).flatMap(([, to]) => to),
  ...entries(tsPhrases).flatMap(([, to]) => to),
  ...entries(st).map(([from]) => from),
  ...entries(stPhrases).map(([from]) => from),
]);
const SIMPLIFIED_ONLY = new Set(
  [...charsOf(entries(st).map(([from]) => from))].filter((c) => !traditionalSide.has(c)),
);
const TRADITIONAL_ONLY = new Set(
  [...charsOf(entries(ts).map(([from]) => from))].filter((c) => !simplifiedSide.has(c)),
);

function offenders(locale: "zh-CN" | "zh-TW", banned: ReadonlySet<string>): string[] {
  return [...catalogTable(locale)].flatMap(([key, text]) => {
    const bad = [...new Set([...text].filter((char) => banned.has(char)))];
    return bad.length > 0 ? [`${key} (${locale}): ${bad.join("")} in "${text}"`] : [];
  });
}

describe("Chinese scripts", () => {
  it("knows the characters of both scripts (the check itself works)", () => {
    expect(SIMPLIFIED_ONLY.has("发")).toBe(true);
    expect(SIMPLIFIED_ONLY.has("镜")).toBe(true);
    expect(SIMPLIFIED_ONLY.has("發")).toBe(false);
    expect(SIMPLIFIED_ONLY.has("里")).toBe(false);
    expect(TRADITIONAL_ONLY.has("發")).toBe(true);
    expect(TRADITIONAL_ONLY.has("发")).toBe(false);
  });

  it("zh-TW has no Simplified-only character", () => {
    expect(offenders("zh-TW", SIMPLIFIED_ONLY)).toEqual([]);
  });

  it("zh-CN has no Traditional-only character", () => {
    expect(offenders("zh-CN", TRADITIONAL_ONLY)).toEqual([]);
  });
});
