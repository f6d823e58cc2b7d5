/*
 * Services the code is configured for, beyond its drivers: a Django DATABASES engine, or a
 * connection URL written in the code (a default such as `create_engine("postgresql://…")` or
 * `broker="redis://localhost"`). Each match is evidence with its file and line. SQL engines
 * count only with Django or SQLAlchemy installed (they are what reads them); the order is
 * the order the evidence is listed in.
 */
import type { Evidence, ServiceKind } from "../core/pipeline.js";
import { because, type Message, msg } from "../i18n/message.js";
import type { SourceText } from "./plan-processes.js";

export interface ConfigHint {
  readonly pattern: RegExp;
  readonly kind: ServiceKind;
  /** Counts only when Django or SQLAlchemy reads it. */
  readonly sql: boolean;
  /** The evidence's reason (its English is what --json reads). */
  readonly why: Message;
}

export const CONFIG_HINTS: readonly ConfigHint[] = [
  {
    pattern: /django\.db\.backends\.postgresql/,
    kind: "postgres",
    sql: true,
    why: msg("compose.hint.djangoPostgres"),
  },
  {
    pattern: /django\.db\.backends\.mysql/,
    kind: "mysql",
    sql: true,
    why: msg("compose.hint.djangoMysql"),
  },
  {
    pattern: /["']postgres(?:ql)?(?:\+\w+)?:\/\//,
    kind: "postgres",
    sql: true,
    why: msg("compose.hint.postgresUrl"),
  },
  {
    pattern: /["'](?:mysql|mariadb)(?:\+\w+)?:\/\//,
    kind: "mysql",
    sql: true,
    why: msg("compose.hint.mysqlUrl"),
  },
  { pattern: /["']rediss?:\/\//, kind: "redis", sql: false, why: msg("compose.hint.redisUrl") },
  {
    pattern: /["']mongodb(?:\+srv)?:\/\//,
    kind: "mongo",
    sql: false,
    why: msg("compose.hint.mongoUrl"),
  },
  { pattern: /["']amqps?:\/\//, kind: "rabbitmq", sql: false, why: msg("compose.hint.amqpUrl") },
];

/** The first line of each hint that matches, per kind, in source order. */
export function configHints(
  sources: readonly SourceText[],
  sqlReader: boolean,
): { kind: ServiceKind; evidence: Evidence }[] {
  const found: { kind: ServiceKind; evidence: Evidence }[] = [];
  for (const hint of CONFIG_HINTS.filter((h) => sqlReader || !h.sql)) {
    if (found.some((f) => f.kind === hint.kind)) continue;
    const match = firstMatch(sources, hint.pattern);
    if (match) found.push({ kind: hint.kind, evidence: { ...match, ...because(hint.why) } });
  }
  return found;
}

/** The first line of the Python sources matching `pattern`, comments never counted. */
export function firstMatch(sources: readonly SourceText[], pattern: RegExp) {
  for (const source of sources.filter((s) => s.file.endsWith(".py"))) {
    const index = source.text
      .split("\n")
      .findIndex((line) => pattern.test(line) && !/^\s*#/.test(line));
    if (index >= 0) return { file: source.file, line: index + 1 };
  }
  return null;
}
