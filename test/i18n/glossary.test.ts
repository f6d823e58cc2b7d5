/*
 * Both Chinese catalogs follow src/i18n/glossary.ts: where the English names a glossary
 * concept, the translation uses that locale's term; and neither uses the other side's words
 * (an image is never 鏡像 in zh-TW, where that is a mirror).
 */
import { describe, expect, it } from "vitest";
import { catalogTable } from "../../src/cli/i18n.js";
import "../../src/cli/main.js";
import { GLOSSARY } from "../../src/i18n/glossary.js";

const LOCALES = ["zh-CN", "zh-TW"] as const;

/** English without `code`, {placeholders}, flags and dotted names: only prose names concepts. */
function prose(text: string): string {
  return text
    .replace(/`[^`]*`/g, "")
    .replace(/\{\w+\}/g, "")
    .replace(/--[\w-]+/g, "")
    .replace(/[\w-]+(\.[\w-]+)+/g, "");
}

describe("glossary", () => {
  it("has the terms the issue names", () => {
    const image = GLOSSARY.find((row) => row["zh-CN"] === "镜像");
    expect(image?.["zh-TW"]).toBe("映像檔");
    expect(GLOSSARY.find((row) => row["zh-CN"] === "镜像源")?.["zh-TW"]).toBe("鏡像站");
    expect(GLOSSARY.find((row) => row["zh-CN"] === "构建")?.["zh-TW"]).toBe("建置");
  });

  it("translations use the glossary term where the English names the concept", () => {
    const english = catalogTable("en");
    const missing = GLOSSARY.flatMap((row) => {
      const pattern = row.en;
      if (pattern === null) return [];
      return [...english].flatMap(([key, text]) =>
        !pattern.test(prose(text))
          ? []
          : LOCALES.flatMap((locale) => {
              const translated = catalogTable(locale).get(key);
              return translated === undefined || translated.includes(row[locale])
                ? []
                : [`${key} (${locale}): "${translated}" lacks ${row[locale]} for ${pattern}`];
            }),
      );
    });
    expect(missing).toEqual([]);
  });

  it("no catalog uses a word the glossary says to avoid", () => {
    const used = GLOSSARY.flatMap((row) =>
      LOCALES.flatMap((locale) =>
        (row.avoid[locale] ?? []).flatMap((word) => {
          const pattern = new RegExp(word);
          return [...catalogTable(locale)]
            .filter(([, text]) => pattern.test(text))
            .map(
              ([key, text]) => `${key} (${locale}): avoid ${word} (use ${row[locale]}): "${text}"`,
            );
        }),
      ),
    );
    expect(used).toEqual([]);
  });
});
