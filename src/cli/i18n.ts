/*
 * English and Chinese for what the CLI itself says (headings, verdicts, error titles).
 * Many pyship users read Chinese: `--lang zh`, PYSHIP_LANG=zh, or a zh_* LANG/LC_ALL picks it.
 * Messages from deeper stages stay English but always carry a stable code, which is shown
 * with its translated title.
 */
export type Language = "en" | "zh";

export function detectLanguage(env: Readonly<Record<string, string | undefined>>): Language {
  const chosen = env.PYSHIP_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? "";
  return chosen.toLowerCase().startsWith("zh") ? "zh" : "en";
}

type Catalog = Record<string, { en: string; zh: string }>;

const MESSAGES = {
  error: { en: "error", zh: "错误" },
  hint: { en: "hint", zh: "提示" },
  warning: { en: "warning", zh: "警告" },
} satisfies Catalog;

const catalogs: Catalog[] = [MESSAGES];

/** Adds a command's own messages; each command module registers its table once. */
export function addMessages(catalog: Catalog): void {
  catalogs.push(catalog);
}

export function t(lang: Language, key: string, vars: Record<string, string | number> = {}): string {
  const entry = catalogs.find((catalog) => key in catalog)?.[key];
  const text = entry ? entry[lang] : key;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => String(vars[name] ?? match));
}
