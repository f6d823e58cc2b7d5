/*
 * The English reasons of src/core/known-pins.ts as catalog messages. The table keeps its
 * English (it is data the build's repairs and --json read too); each reason has a `pins.*`
 * key with the same English in src/i18n/catalogs, so the plan can say it in Chinese.
 * test/i18n/no-english-left.test.ts checks that every reason of the table has its key.
 */
import { EN } from "../../i18n/catalogs/en.js";
import { type Message, type MessageKey, msg } from "../../i18n/message.js";

const BY_ENGLISH = new Map(
  Object.entries(EN)
    .filter(([key]) => key.startsWith("pins."))
    .map(([key, text]) => [text as string, key as MessageKey]),
);

/** The reason's catalog message, or the English itself when it has no key. */
export function pinText(english: string): string | Message {
  const key = BY_ENGLISH.get(english);
  return key === undefined ? english : msg(key);
}
