/*
 * Which dependency means which backing service, and the URL scheme its driver expects. The
 * first driver of a service found in the requirements decides the scheme, so within a
 * service the order is preference: psycopg 3 before psycopg2 (a project listing both is
 * migrating to 3), sync drivers before async ones (migrations and admin scripts connect
 * synchronously; an async-only project lists only the async driver). SQLAlchemy's default
 * driver of a dialect (psycopg2, mysqlclient) gets the plain scheme: `postgresql://` loads it in
 * SQLAlchemy and is also what asyncpg or psycopg read, when one project uses both.
 */
import type { ServiceKind } from "../core/pipeline.js";

export interface Driver {
  /** PEP 503 normalized distribution name. */
  readonly package: string;
  readonly kind: ServiceKind;
  /** Scheme for libraries that take a plain URL (dj-database-url, psycopg.connect). */
  readonly scheme: string;
  /** Scheme SQLAlchemy needs to load this driver (`postgresql+psycopg`). */
  readonly sqlalchemy: string;
}

const pg = (name: string, sqlalchemy: string): Driver => ({
  package: name,
  kind: "postgres",
  scheme: "postgresql",
  sqlalchemy,
});
const mysql = (name: string, sqlalchemy: string): Driver => ({
  package: name,
  kind: "mysql",
  scheme: "mysql",
  sqlalchemy,
});
const plain = (name: string, kind: ServiceKind, scheme: string): Driver => ({
  package: name,
  kind,
  scheme,
  sqlalchemy: scheme,
});

export const DRIVERS: readonly Driver[] = [
  pg("psycopg", "postgresql+psycopg"),
  pg("psycopg-binary", "postgresql+psycopg"),
  pg("psycopg2", "postgresql"),
  pg("psycopg2-binary", "postgresql"),
  pg("pg8000", "postgresql+pg8000"),
  pg("asyncpg", "postgresql+asyncpg"),
  mysql("mysqlclient", "mysql"),
  mysql("pymysql", "mysql+pymysql"),
  mysql("mysql-connector-python", "mysql+mysqlconnector"),
  mysql("aiomysql", "mysql+aiomysql"),
  mysql("asyncmy", "mysql+asyncmy"),
  plain("redis", "redis", "redis"),
  plain("django-redis", "redis", "redis"),
  plain("rq", "redis", "redis"),
  plain("aioredis", "redis", "redis"),
  plain("pymongo", "mongo", "mongodb"),
  plain("motor", "mongo", "mongodb"),
  plain("mongoengine", "mongo", "mongodb"),
  plain("beanie", "mongo", "mongodb"),
  plain("pika", "rabbitmq", "amqp"),
  plain("aio-pika", "rabbitmq", "amqp"),
];

/** Async drivers: a second URL named for them (DATABASE_ASYNC_URL) gets their scheme. */
export const ASYNC_DRIVERS: ReadonlySet<string> = new Set(["asyncpg", "aiomysql", "asyncmy"]);

/** Libraries that read a database URL with SQLAlchemy's `dialect+driver://` syntax. */
export const SQLALCHEMY_USERS: ReadonlySet<string> = new Set([
  "sqlalchemy",
  "flask-sqlalchemy",
  "sqlmodel",
  "alembic",
]);

/**
 * Tortoise ORM reads its own schemes (`postgres://`, `mysql://`) and refuses SQLAlchemy's and
 * `postgresql://` alike ("Unknown DB scheme"): with it installed, these win.
 */
export const TORTOISE_USERS: ReadonlySet<string> = new Set(["tortoise-orm"]);
export const TORTOISE_SCHEMES: Partial<Readonly<Record<ServiceKind, string>>> = {
  postgres: "postgres",
  mysql: "mysql",
};
