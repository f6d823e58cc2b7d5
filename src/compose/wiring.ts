/*
 * The value compose gives each environment variable the code reads, by the variable's name.
 * The rules are tried in order and the first that matches wins: queue settings before the
 * generic URL names (CELERY_BROKER_URL must reach the broker, not the database), whole URLs
 * before their parts, a service's own prefix (POSTGRES_, MYSQL_) before the generic DB_.
 * `sql` is whichever SQL database was found (PostgreSQL before MySQL), `broker` the task
 * queue's broker. A name no rule knows is left to the user (listed in the plan's warnings
 * only when it looks like a connection setting).
 */
import type { ServiceKind } from "../core/pipeline.js";
import type { ConnectionParts } from "./service-kinds.js";

export type WireTarget = ServiceKind | "sql" | "broker" | "results" | "secret";

export interface WireRule {
  readonly pattern: RegExp;
  readonly target: WireTarget;
  /** The connection part, or null when the name's suffix says it (HOST, PORT, USER …). */
  readonly part: keyof ConnectionParts | null;
}

const PARTS = "HOST|SERVER|PORT|USER|USERNAME|PASSWORD|PASS|DB|DATABASE|NAME";

export const WIRE_RULES: readonly WireRule[] = [
  { pattern: /^(CELERY_)?BROKER(_URL)?$/, target: "broker", part: "url" },
  { pattern: /^DRAMATIQ_BROKER_URL$/, target: "broker", part: "url" },
  { pattern: /^(CELERY_)?RESULT_BACKEND(_URL)?$/, target: "results", part: "url" },
  { pattern: /^(POSTGRES|POSTGRESQL|PG)_(URL|URI|DSN)$/, target: "postgres", part: "url" },
  { pattern: /^MYSQL_(URL|URI|DSN)$/, target: "mysql", part: "url" },
  {
    pattern: /^(DATABASE|DB|SQLALCHEMY_DATABASE|SQL_DATABASE)_(URL|URI|DSN)$/,
    target: "sql",
    part: "url",
  },
  // A second URL for the async driver (DATABASE_ASYNC_URL beside DATABASE_URL): same database.
  {
    pattern: /^(DATABASE|DB)_(ASYNC|SYNC)_(URL|URI|DSN)$|^ASYNC_DATABASE_URL$/,
    target: "sql",
    part: "url",
  },
  // Azure names the Redis URL a connection string (AZURE_REDIS_CONNECTIONSTRING).
  {
    pattern:
      /^(REDIS|RQ_REDIS|CACHE|REDIS_CACHE)_(URL|URI|DSN|CONNECTIONSTRING|CONNECTION_STRING)$/,
    target: "redis",
    part: "url",
  },
  { pattern: /^(MONGO|MONGODB)_(URL|URI|DSN)$/, target: "mongo", part: "url" },
  { pattern: /^(RABBITMQ|RABBIT|AMQP)_(URL|URI|DSN)$/, target: "rabbitmq", part: "url" },
  { pattern: new RegExp(`^(POSTGRES|POSTGRESQL|PG)_?(${PARTS})$`), target: "postgres", part: null },
  { pattern: new RegExp(`^MYSQL_(${PARTS})$`), target: "mysql", part: null },
  { pattern: new RegExp(`^(DB|DATABASE)_(${PARTS})$`), target: "sql", part: null },
  // Azure's quickstarts and many tutorials glue the part on: DBHOST, DBUSER, DBPASS, DBNAME.
  { pattern: /^DB(HOST|SERVER|PORT|USER|USERNAME|PASSWORD|PASS|NAME)$/, target: "sql", part: null },
  { pattern: /^REDIS_(HOST|PORT|DB)$/, target: "redis", part: null },
  { pattern: new RegExp(`^(MONGO|MONGODB)_(${PARTS})$`), target: "mongo", part: null },
  {
    pattern: /^((DJANGO|FLASK|APP)_)?SECRET_KEY$|^JWT_SECRET(_KEY)?$|^SESSION_SECRET$/,
    target: "secret",
    part: null,
  },
];

/** The connection part a name's suffix means: `DB_HOST` → host, `PGDATABASE` → database. */
export function partOfName(name: string): keyof ConnectionParts {
  const suffix = new RegExp(`(${PARTS})$`).exec(name)?.[1] ?? "";
  if (suffix === "HOST" || suffix === "SERVER") return "host";
  if (suffix === "PORT") return "port";
  if (suffix === "USER" || suffix === "USERNAME") return "user";
  if (suffix === "PASSWORD" || suffix === "PASS") return "password";
  return "database";
}

/**
 * The rule for a name, or for it without a leading `PREFIX_` (pydantic's env_prefix,
 * `MYAPP_DATABASE_URL`). A prefixed secret name is someone else's key (AWS_SECRET_KEY): never
 * generated.
 */
export function ruleFor(name: string): WireRule | undefined {
  const direct = WIRE_RULES.find((rule) => rule.pattern.test(name));
  if (direct) return direct;
  const parts = name.split("_");
  for (let drop = 1; drop < parts.length - 1; drop++) {
    const rest = parts.slice(drop).join("_");
    const rule = WIRE_RULES.find((r) => r.target !== "secret" && r.pattern.test(rest));
    if (rule) return rule;
  }
  return undefined;
}

/** Names that look like a connection setting: worth a warning when no rule wires them. */
export const LOOKS_LIKE_CONNECTION = /(_URL|_URI|_DSN|_HOST)$/;

/** The variable a service is wired through when the code reads none of its settings. */
export const CONVENTIONAL_NAMES: Readonly<Record<ServiceKind, string>> = {
  postgres: "DATABASE_URL",
  mysql: "DATABASE_URL",
  redis: "REDIS_URL",
  rabbitmq: "RABBITMQ_URL",
  mongo: "MONGODB_URL",
};
