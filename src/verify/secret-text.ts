/*
 * The English names of secret kinds (src/core/secret-patterns.ts's token shapes, the leak
 * names of scan-files.ts) as catalog messages, looked up by their English as pin-text.ts
 * does: the tables keep their English, which `--json` reads.
 */
import { EN } from "../i18n/catalogs/en.js";
import { type Message, type MessageKey, msg } from "../i18n/message.js";

const BY_ENGLISH = new Map(
  Object.entries(EN)
    .filter(([key]) => key.startsWith("secret.kind."))
    .map(([key, text]) => [text as string, key as MessageKey]),
);

/** The kind's catalog message, or the English itself (a name such as `.env`). */
export function secretKindText(english: string): Message | string {
  const key = BY_ENGLISH.get(english);
  return key === undefined ? english : msg(key);
}
