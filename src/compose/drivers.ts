/*
 * Which dependency means which backing service, and the URL scheme its driver expects. The
 * first driver of a service found in the requirements decides the scheme, so within a
 * service the order is preference: psycopg 3 before psycopg2 (a project listing both is
 * migrating to 3), sync drivers before async ones (migrations and admin scripts connect
 * synchronously; an async-only project lists only the async driver).
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
  pg("psycopg2", "postgresql+psycopg2"),
  pg("psycopg2-binary", "postgresql+psycopg2"),
  pg("pg8000", "postgresql+pg8000"),
  pg("asyncpg", "postgresql+asyncpg"),
  mysql("mysqlclient", "mysql+mysqldb"),
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

/** Libraries that read a database URL with SQLAlchemy's `dialect+driver://` syntax. */
export const SQLALCHEMY_USERS: ReadonlySet<string> = new Set([
  "sqlalchemy",
  "flask-sqlalchemy",
  "sqlmodel",
  "alembic",
]);
