/*
 * Backing services from the requirements (drivers.ts) and the code's configuration
 * (config-hints.ts), each with the requirement or line that showed it, plus the task queue's broker: Celery and Dramatiq talk to Redis when their `redis` extra
 * or a Redis client is installed, otherwise to RabbitMQ (their default broker).
 */
import type {
  ComposeBackingService,
  Evidence,
  Requirement,
  ServiceKind,
} from "../core/pipeline.js";
import { configHints, firstMatch } from "./config-hints.js";
import {
  ASYNC_DRIVERS,
  DRIVERS,
  SQLALCHEMY_USERS,
  TORTOISE_SCHEMES,
  TORTOISE_USERS,
} from "./drivers.js";
import type { SourceText } from "./plan-processes.js";
import { SERVICE_KINDS, SERVICE_NAMES } from "./service-kinds.js";

export interface FoundServices {
  readonly services: readonly ComposeBackingService[];
  /** URL scheme for each service found, from its first driver. */
  readonly schemes: Partial<Readonly<Record<ServiceKind, string>>>;
  /** SQLAlchemy's scheme for the first async driver of each service (`postgresql+asyncpg`). */
  readonly asyncSchemes?: Partial<Readonly<Record<ServiceKind, string>>>;
  /** Where the task queue's messages go, or null without one. */
  readonly broker: ServiceKind | null;
}

const QUEUES = ["celery", "dramatiq"];

export function detectServices(
  requirements: readonly Requirement[],
  django: boolean,
  sources: readonly SourceText[] = [],
): FoundServices {
  const byName = new Map(requirements.map((r) => [r.name, r]));
  const sqlalchemy = !django && requirements.some((r) => SQLALCHEMY_USERS.has(r.name));
  const tortoise = requirements.some((r) => TORTOISE_USERS.has(r.name));
  const evidence = new Map<ServiceKind, Evidence[]>();
  const schemes: Partial<Record<ServiceKind, string>> = {};
  const asyncSchemes: Partial<Record<ServiceKind, string>> = {};
  const add = (kind: ServiceKind, why: Evidence) =>
    evidence.set(kind, [...(evidence.get(kind) ?? []), why]);
  for (const driver of DRIVERS) {
    const found = byName.get(driver.package);
    if (!found) continue;
    schemes[driver.kind] ??=
      (tortoise ? TORTOISE_SCHEMES[driver.kind] : undefined) ??
      (sqlalchemy ? driver.sqlalchemy : driver.scheme);
    if (ASYNC_DRIVERS.has(driver.package)) asyncSchemes[driver.kind] ??= driver.sqlalchemy;
    add(driver.kind, because(found, `${found.name} is a ${driver.kind} client`));
  }
  const named = sqlalchemy ? null : schemeTheCodeTests(sources);
  if (named && schemes.postgres === "postgresql") {
    schemes.postgres = "postgres";
    add("postgres", named);
  }
  const sqlReader = django || requirements.some((r) => SQLALCHEMY_USERS.has(r.name));
  for (const hint of configHints(sources, sqlReader)) add(hint.kind, hint.evidence);
  const queue = QUEUES.map((name) => byName.get(name)).find((r) => r !== undefined);
  const broker = queue ? brokerOf(queue, evidence.has("redis")) : null;
  if (queue && broker) add(broker, because(queue, `${queue.name}'s broker`));
  const services = SERVICE_NAMES.filter((kind) => evidence.has(kind)).map((kind) => ({
    kind,
    name: SERVICE_KINDS[kind].name,
    image: SERVICE_KINDS[kind].image,
    evidence: evidence.get(kind) ?? [],
  }));
  return {
    services,
    schemes,
    broker,
    ...(Object.keys(asyncSchemes).length ? { asyncSchemes } : {}),
  };
}

/**
 * Settings that test the URL's spelling, Heroku's old `postgres://` (bakerydemo:
 * `if os.environ["DATABASE_URL"].startswith("postgres://"): INSTALLED_APPS.append(
 * "django.contrib.postgres")`): the URL is written that way, or the branch is never taken.
 * Both spellings are the same database to dj-database-url; SQLAlchemy refuses this one.
 */
const TESTS_POSTGRES_SCHEME = /\.startswith\(\s*["']postgres:\/\/["']/;

function schemeTheCodeTests(sources: readonly SourceText[]): Evidence | null {
  const found = firstMatch(sources, TESTS_POSTGRES_SCHEME);
  const why = "the settings test for a postgres:// URL: compose writes DATABASE_URL that way";
  return found && { ...found, why };
}

function brokerOf(queue: Requirement, redisClient: boolean): ServiceKind {
  const extras = /\[([^\]]*)\]/.exec(queue.spec)?.[1] ?? "";
  if (/\bredis\b/.test(extras) || redisClient) return "redis";
  return "rabbitmq";
}

function because(requirement: Requirement, why: string): Evidence {
  return { ...requirement.evidence, why: `${requirement.spec}: ${why}` };
}
