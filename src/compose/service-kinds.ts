/*
 * What pyship knows about each backing service: the image (pinned to a major version; the
 * test stand-ins in scripts/standins are the same majors), where it keeps data, how compose
 * checks it is healthy, the environment its official image reads, and the parts an app
 * connects with. `${NAME}` marks a generated secret: it is written to the env file only.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${NAME}` is the placeholder for a generated secret, not a template
import type { ServiceKind } from "../core/pipeline.js";

export interface ConnectionParts {
  readonly host: string;
  readonly port: string;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  /** `{scheme}` is replaced by the installed driver's scheme (drivers.ts). */
  readonly url: string;
}

export interface ServiceKindSpec {
  readonly image: string;
  /** URL scheme when no driver says otherwise (a service named with --services). */
  readonly scheme: string;
  /** Service name in compose.yaml, which is also the host name the app connects to. */
  readonly name: string;
  readonly volume: string;
  readonly healthcheck: readonly string[];
  /** The official image's environment contract. */
  readonly env: Readonly<Record<string, string>>;
  /** Secrets the service needs (generated once, kept on re-runs). */
  readonly secrets: readonly string[];
  readonly parts: ConnectionParts;
}

export const SERVICE_KINDS: Readonly<Record<ServiceKind, ServiceKindSpec>> = {
  postgres: {
    scheme: "postgresql",
    image: "postgres:15",
    name: "postgres",
    volume: "/var/lib/postgresql/data",
    healthcheck: ["CMD", "pg_isready", "-U", "app", "-d", "app"],
    env: { POSTGRES_USER: "app", POSTGRES_DB: "app", POSTGRES_PASSWORD: "${POSTGRES_PASSWORD}" },
    secrets: ["POSTGRES_PASSWORD"],
    parts: {
      host: "postgres",
      port: "5432",
      user: "app",
      password: "${POSTGRES_PASSWORD}",
      database: "app",
      url: "{scheme}://app:${POSTGRES_PASSWORD}@postgres:5432/app",
    },
  },
  mysql: {
    scheme: "mysql",
    image: "mysql:8.4",
    name: "mysql",
    volume: "/var/lib/mysql",
    healthcheck: ["CMD", "mysqladmin", "ping", "-h", "127.0.0.1", "--silent"],
    env: {
      MYSQL_DATABASE: "app",
      MYSQL_USER: "app",
      MYSQL_PASSWORD: "${MYSQL_PASSWORD}",
      MYSQL_ROOT_PASSWORD: "${MYSQL_ROOT_PASSWORD}",
    },
    secrets: ["MYSQL_PASSWORD", "MYSQL_ROOT_PASSWORD"],
    parts: {
      host: "mysql",
      port: "3306",
      user: "app",
      password: "${MYSQL_PASSWORD}",
      database: "app",
      url: "{scheme}://app:${MYSQL_PASSWORD}@mysql:3306/app",
    },
  },
  redis: {
    scheme: "redis",
    image: "redis:7",
    name: "redis",
    volume: "/data",
    healthcheck: ["CMD", "redis-cli", "ping"],
    env: {},
    // Reachable only on the compose network (no published port), as the official image's
    // default; a password would have to reach every client library's URL.
    secrets: [],
    parts: {
      host: "redis",
      port: "6379",
      user: "",
      password: "",
      database: "0",
      url: "redis://redis:6379/0",
    },
  },
  rabbitmq: {
    scheme: "amqp",
    image: "rabbitmq:3",
    name: "rabbitmq",
    volume: "/var/lib/rabbitmq",
    healthcheck: ["CMD", "rabbitmq-diagnostics", "-q", "ping"],
    env: { RABBITMQ_DEFAULT_USER: "app", RABBITMQ_DEFAULT_PASS: "${RABBITMQ_DEFAULT_PASS}" },
    secrets: ["RABBITMQ_DEFAULT_PASS"],
    parts: {
      host: "rabbitmq",
      port: "5672",
      user: "app",
      password: "${RABBITMQ_DEFAULT_PASS}",
      database: "/",
      url: "amqp://app:${RABBITMQ_DEFAULT_PASS}@rabbitmq:5672//",
    },
  },
  mongo: {
    scheme: "mongodb",
    image: "mongo:7",
    name: "mongo",
    volume: "/data/db",
    healthcheck: ["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"],
    env: {
      MONGO_INITDB_ROOT_USERNAME: "app",
      MONGO_INITDB_ROOT_PASSWORD: "${MONGO_INITDB_ROOT_PASSWORD}",
    },
    secrets: ["MONGO_INITDB_ROOT_PASSWORD"],
    parts: {
      host: "mongo",
      port: "27017",
      user: "app",
      password: "${MONGO_INITDB_ROOT_PASSWORD}",
      database: "app",
      url: "mongodb://app:${MONGO_INITDB_ROOT_PASSWORD}@mongo:27017/app?authSource=admin",
    },
  },
};

export const SERVICE_NAMES: readonly ServiceKind[] = Object.keys(SERVICE_KINDS) as ServiceKind[];
