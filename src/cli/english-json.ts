/*
 * `--json` output stays English and stable: the catalog copies of messages that reports carry
 * for the human output (`text`, `hintText`, `detailsText`, `note`) are left out; the English fields stay.
 */
const CATALOG_COPIES = new Set(["text", "hintText", "detailsText", "note"]);

export function englishJson(value: unknown): string {
  return JSON.stringify(value, (key, item) => (CATALOG_COPIES.has(key) ? undefined : item), 2);
}
