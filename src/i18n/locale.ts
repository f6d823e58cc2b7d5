/*
 * Which language pyship speaks: `--lang` first, then the environment in the order gettext
 * programs read it (PYSHIP_LANG is ours and wins over the system's). The first variable that
 * is set decides, even when it names a language pyship lacks (then English): a user who set
 * LC_ALL=fr_FR asked for French, not for whatever LANG says.
 */
export type Locale = "en" | "zh-CN" | "zh-TW";

export const LOCALES: readonly Locale[] = ["en", "zh-CN", "zh-TW"];

/** Highest priority first. */
export const LOCALE_VARIABLES = ["PYSHIP_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"];

/*
 * Language tags (lower-cased, `_` read as `-`) → locale. First match wins, so the longer,
 * regional and script tags come before the bare `zh`: zh-Hant and the regions that write
 * Traditional characters (Taiwan, Hong Kong, Macau) are zh-TW; every other zh is zh-CN.
 */
const TAGS: ReadonlyArray<readonly [RegExp, Locale]> = [
  [/^zh-(hant|tw|hk|mo)\b/, "zh-TW"],
  [/^zh\b/, "zh-CN"],
  [/^(en|c|posix)\b/, "en"],
];

/** `zh_TW.UTF-8`, `zh-Hant`, `zh` → a locale; null for a language pyship has no catalog for. */
export function parseLocale(value: string): Locale | null {
  const tag = value
    .trim()
    .toLowerCase()
    .replace(/_/g, "-")
    .replace(/[.@].*$/, "");
  return TAGS.find(([pattern]) => pattern.test(tag))?.[1] ?? null;
}

export function detectLocale(env: Readonly<Record<string, string | undefined>>): Locale {
  for (const name of LOCALE_VARIABLES) {
    const value = env[name];
    if (value === undefined || value === "") continue;
    // LANGUAGE is a priority list (`zh_TW:zh:en`): its first language pyship knows counts.
    const tags = name === "LANGUAGE" ? value.split(":") : [value];
    return tags.map(parseLocale).find((locale) => locale !== null) ?? "en";
  }
  return "en";
}
