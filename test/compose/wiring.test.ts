/*
 * The value each variable name gets, with the services a project has: whole URLs with the
 * driver's scheme, connection parts, the broker, generated secrets, names no rule knows.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${NAME}` is the placeholder for a generated secret, not a template
import { describe, expect, it } from "vitest";
import { detectServices } from "../../src/compose/detect-services.js";
import { planWiring } from "../../src/compose/plan-wiring.js";
import type { Requirement } from "../../src/core/pipeline.js";
import type { EnvRead } from "../../src/detect/python-ast/env-reads.js";

const req = (spec: string): Requirement => ({
  name: spec.replace(/[[=<>].*$/, "").toLowerCase(),
  spec,
  evidence: { file: "requirements.txt", line: 1, why: "listed" },
});
const read = (name: string): EnvRead => ({
  name,
  evidence: { file: "settings.py", line: 1, why: "read" },
  required: false,
});

const CASES: ReadonlyArray<readonly [string, readonly string[], string, string]> = [
  [
    "SQLAlchemy + psycopg 3",
    ["sqlalchemy", "psycopg[binary]"],
    "DATABASE_URL",
    "postgresql+psycopg://app:${POSTGRES_PASSWORD}@postgres:5432/app",
  ],
  [
    "SQLAlchemy + asyncpg",
    ["sqlalchemy", "asyncpg"],
    "DATABASE_URL",
    "postgresql+asyncpg://app:${POSTGRES_PASSWORD}@postgres:5432/app",
  ],
  [
    "psycopg2 alone: plain URL",
    ["psycopg2-binary"],
    "DATABASE_URL",
    "postgresql://app:${POSTGRES_PASSWORD}@postgres:5432/app",
  ],
  [
    "SQLAlchemy + PyMySQL",
    ["sqlalchemy", "pymysql"],
    "SQLALCHEMY_DATABASE_URI",
    "mysql+pymysql://app:${MYSQL_PASSWORD}@mysql:3306/app",
  ],
  ["a part: DB_HOST", ["psycopg2"], "DB_HOST", "postgres"],
  ["a part: PGPASSWORD", ["psycopg"], "PGPASSWORD", "${POSTGRES_PASSWORD}"],
  ["celery[redis] broker", ["celery[redis]"], "CELERY_BROKER_URL", "redis://redis:6379/0"],
  [
    "celery alone: RabbitMQ broker",
    ["celery"],
    "CELERY_BROKER_URL",
    "amqp://app:${RABBITMQ_DEFAULT_PASS}@rabbitmq:5672//",
  ],
  ["celery + redis client", ["celery", "redis"], "BROKER_URL", "redis://redis:6379/0"],
  [
    "a prefixed URL",
    ["pymongo"],
    "APP_MONGODB_URI",
    "mongodb://app:${MONGO_INITDB_ROOT_PASSWORD}@mongo:27017/app?authSource=admin",
  ],
  ["a secret key", [], "SECRET_KEY", "${SECRET_KEY}"],
];

describe("planWiring", () => {
  it.each(CASES)("%s: %s", (_, specs, name, value) => {
    const found = detectServices(specs.map(req), false);
    const wiring = planWiring(found, [read(name)]);
    expect(wiring.env.find((wire) => wire.name === name)?.value).toBe(value);
  });

  it("Django reads plain URLs even with SQLAlchemy installed", () => {
    const found = detectServices([req("sqlalchemy"), req("psycopg")], true);
    expect(planWiring(found, [read("DATABASE_URL")]).env[0]?.value).toMatch(/^postgresql:\/\//);
  });

  it("a service the code reads nothing of gets its usual variable, and a warning", () => {
    const wiring = planWiring(detectServices([req("redis")], false), []);
    expect(wiring.env.map((wire) => [wire.name, wire.value])).toEqual([
      ["REDIS_URL", "redis://redis:6379/0"],
    ]);
    expect(wiring.warnings.map((w) => w.code)).toEqual(["compose-conventional-env"]);
  });

  it("an unknown connection-like name is left to the user with a warning; others are ignored", () => {
    const wiring = planWiring(detectServices([req("redis")], false), [
      read("SENTRY_DSN"),
      read("DEBUG"),
      read("REDIS_URL"),
    ]);
    expect(wiring.env.map((wire) => wire.name)).toEqual(["REDIS_URL"]);
    expect(wiring.warnings).toMatchObject([{ code: "compose-unwired-env", file: "settings.py" }]);
  });

  it("someone else's secret (AWS_SECRET_KEY) is never generated", () => {
    expect(planWiring(detectServices([], false), [read("AWS_SECRET_KEY")]).env).toEqual([]);
  });
});
