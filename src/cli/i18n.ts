/*
 * The one reader of the message catalogs: English, 简体中文 (zh-CN) and 繁體中文 (zh-TW),
 * one file per language in src/i18n/catalogs, plus the lint rules' English in their table.
 * Stages hand over messages as data (a key and parameters); only here do they become text,
 * in the user's locale. A key a locale lacks falls back to English, so a missing translation
 * shows English rather than a key; the catalog test keeps that from happening unnoticed.
 */
import { EN } from "../i18n/catalogs/en.js";
import { ZH_CN } from "../i18n/catalogs/zh-CN.js";
import { type RuleText, ZH_CN_RULES } from "../i18n/catalogs/zh-CN-rules.js";
import { ZH_TW } from "../i18n/catalogs/zh-TW.js";
import { ZH_TW_RULES } from "../i18n/catalogs/zh-TW-rules.js";
import { detectLocale, type Locale, parseLocale } from "../i18n/locale.js";
import { fill, type Message, type Params } from "../i18n/message.js";
import { RULES } from "../lint/rule-catalog.js";

/** `zh` is kept for compatibility and means zh-CN. */
export type Language = Locale | "zh";

export function localeOf(lang: Language): Locale {
  return lang === "zh" ? "zh-CN" : lang;
}

export function detectLanguage(env: Readonly<Record<string, string | undefined>>): Locale {
  return detectLocale(env);
}

/** `--lang` values: en, zh-CN, zh-TW, zh (= zh-CN), and locale spellings such as zh_TW. */
export function parseLangFlag(value: string): Locale | null {
  return parseLocale(value);
}

/** Lint rules' texts as catalog entries: `rule.PY202.message`, `rule.PY202.rationale`. */
function ruleEntries(texts: (code: string) => RuleText | undefined): [string, string][] {
  return RULES.flatMap((rule): [string, string][] => {
    const text = texts(rule.code);
    if (!text) return [];
    return [
      [`rule.${rule.code}.message`, text.message],
      [`rule.${rule.code}.rationale`, text.rationale],
    ];
  });
}

const TABLES: Record<Locale, Map<string, string>> = {
  en: new Map([
    ...Object.entries(EN),
    ...ruleEntries((code) => RULES.find((r) => r.code === code)),
  ]),
  "zh-CN": new Map([
    ...(Object.entries(ZH_CN) as [string, string][]),
    ...ruleEntries((code) => ZH_CN_RULES[code]),
  ]),
  "zh-TW": new Map([
    ...(Object.entries(ZH_TW) as [string, string][]),
    ...ruleEntries((code) => ZH_TW_RULES[code]),
  ]),
};

/** Keys registered at run time by addMessages, for the completeness test's report. */
export const ADDED_KEYS = new Set<string>();

/**
 * Messages a command declares inline: `{ en, zh, "zh-TW"? }` (zh is zh-CN). Kept so code
 * written against the older two-language catalog still works; new messages belong in
 * src/i18n/catalogs, and the completeness test names every key here that lacks zh-TW.
 */
export function addMessages(
  catalog: Record<string, { en: string; zh: string; "zh-TW"?: string }>,
): void {
  for (const [key, entry] of Object.entries(catalog)) {
    ADDED_KEYS.add(key);
    TABLES.en.set(key, entry.en);
    TABLES["zh-CN"].set(key, entry.zh);
    if (entry["zh-TW"] !== undefined) TABLES["zh-TW"].set(key, entry["zh-TW"]);
  }
}

/** Every key and text a locale has (for the catalog tests). */
export function catalogTable(locale: Locale): ReadonlyMap<string, string> {
  return TABLES[locale];
}

export function t(lang: Language, key: string, vars: Params = {}): string {
  const locale = localeOf(lang);
  const template = TABLES[locale].get(key) ?? TABLES.en.get(key) ?? key;
  return fill(template, vars, (message) => say(lang, message));
}

/** A stage's message (or a plain string, which has no translation yet) in the user's locale. */
export function say(lang: Language, text: string | Message): string {
  return typeof text === "string" ? text : t(lang, text.key, text.params);
}
