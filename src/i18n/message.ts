/*
 * A message as data: a catalog key and its parameters. Stages throw and return these (inside
 * PyshipError, lint findings) instead of finished sentences, so they never need to know the
 * user's language; the CLI renders them with the catalog of the user's locale. English lives
 * once, in catalogs/en.ts, and is also what `error.message` and `--json` carry.
 */
import { EN } from "./catalogs/en.js";

export type MessageKey = keyof typeof EN;

export type ParamValue = string | number | Message;
export type Params = Readonly<Record<string, ParamValue>>;

export interface Message {
  readonly key: string;
  readonly params: Params;
}

/** A translated catalog: any key may still be missing (the completeness test names it). */
export type Catalog = Partial<Record<MessageKey, string>>;

export function msg(key: MessageKey, params: Params = {}): Message {
  return { key, params };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === "object" && value !== null && "key" in value && "params" in value;
}

/** Fills `{name}` placeholders; a parameter that is itself a message is rendered first. */
export function fill(
  template: string,
  params: Params,
  render: (message: Message) => string,
): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    if (value === undefined) return match;
    return isMessage(value) ? render(value) : String(value);
  });
}

/** `message` (English) and `text` (the catalog message) for a warning or report line. */
export function withText(text: Message): { message: string; text: Message } {
  return { message: english(text), text };
}

/** `why` (English) and `text` (the catalog message) for a line of a plan's evidence. */
export function because(text: Message): { why: string; text: Message } {
  return { why: english(text), text };
}

/** The English text of a message (or the string itself, for text that has no key yet). */
export function english(text: string | Message): string {
  if (typeof text === "string") return text;
  const template = (EN as Record<string, string>)[text.key] ?? text.key;
  return fill(template, text.params, english);
}

/**
 * A reason as a message parameter: its catalog message while that still says `why` (a copy
 * whose `why` was rewritten after a spread keeps an old `text`), else the English string.
 */
export function textOf(reason: {
  readonly why: string;
  readonly text?: Message;
}): string | Message {
  return reason.text && english(reason.text) === reason.why ? reason.text : reason.why;
}
