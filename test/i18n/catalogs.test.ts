/*
 * Completeness of the catalogs over every key the code can emit: the English catalog, every
 * error code's title, every lint rule's message and rationale, and the keys commands add with
 * addMessages. A failure lists each `key: missing zh-TW` so whoever added English text knows
 * exactly which lines to write (`node scripts/draft-zh-tw.mjs` drafts zh-TW from zh-CN).
 */
import { describe, expect, it } from "vitest";
import { ADDED_KEYS, catalogTable } from "../../src/cli/i18n.js";
import "../../src/cli/main.js"; // registers every command, and with it any addMessages table
import { EXIT_CODES } from "../../src/core/errors.js";
import { EN } from "../../src/i18n/catalogs/en.js";
import { ZH_CN_RULES } from "../../src/i18n/catalogs/zh-CN-rules.js";
import { ZH_TW_RULES } from "../../src/i18n/catalogs/zh-TW-rules.js";
import { LOCALES } from "../../src/i18n/locale.js";
import { RULES } from "../../src/lint/rule-catalog.js";

const TRANSLATED = LOCALES.filter((locale) => locale !== "en");

/** Every key some code path can look up. */
function emittableKeys(): string[] {
  return [
    ...Object.keys(EN),
    ...Object.keys(EXIT_CODES).map((code) => `title.${code}`),
    ...RULES.flatMap((rule) => [`rule.${rule.code}.message`, `rule.${rule.code}.rationale`]),
    ...ADDED_KEYS,
  ];
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string).sort();
}

describe("message catalogs", () => {
  it("collects the keys of every source (the check itself works)", () => {
    const keys = emittableKeys();
    expect(keys).toContain("title.E_PARSE");
    expect(keys).toContain("rule.PY202.message");
    expect(keys).toContain("plan.heading");
  });

  it("English has every key the code can emit", () => {
    const missing = emittableKeys().filter((key) => !catalogTable("en").has(key));
    expect(missing.map((key) => `${key}: missing en`)).toEqual([]);
  });

  it("zh-CN and zh-TW have every key English has", () => {
    const missing = emittableKeys().flatMap((key) =>
      TRANSLATED.filter((locale) => !catalogTable(locale).has(key)).map(
        (locale) =>
          `${key}: missing ${locale}${ADDED_KEYS.has(key) ? " (added with addMessages; move it to src/i18n/catalogs)" : ""}`,
      ),
    );
    expect(missing).toEqual([]);
  });

  it("translations keep the English placeholders", () => {
    const wrong = [...catalogTable("en")].flatMap(([key, english]) =>
      TRANSLATED.flatMap((locale) => {
        const text = catalogTable(locale).get(key);
        if (text === undefined) return [];
        const [want, got] = [placeholders(english), placeholders(text)];
        return want.join() === got.join() ? [] : [`${key} (${locale}): {${got}} ≠ {${want}}`];
      }),
    );
    expect(wrong).toEqual([]);
  });

  it("rule translations name only rules that exist", () => {
    const codes = new Set(RULES.map((rule) => rule.code));
    const unknown = [...Object.keys(ZH_CN_RULES), ...Object.keys(ZH_TW_RULES)].filter(
      (code) => !codes.has(code),
    );
    expect(unknown).toEqual([]);
  });
});
