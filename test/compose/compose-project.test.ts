/*
 * The whole compose stage on the fixtures: what it finds (services, processes, wired names,
 * secrets), compose.yaml as a file snapshot (test/compose/__snapshots__/<fixture>/), the env
 * file with a fixed generator, and the properties every generated file must have.
 */
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { composeProject } from "../../src/compose/compose-project.js";
import { writeCompose } from "../../src/compose/write-compose.js";
import { detectProject } from "../../src/detect/detect-project.js";
import { planProject } from "../../src/plan/plan-project.js";

const FIXTURES = new URL("../fixtures/", import.meta.url);

const EXPECTED = [
  {
    fixture: "compose-postgres",
    services: ["postgres"],
    processes: ["migrate", "web"],
    env: ["DATABASE_URL"],
    secrets: ["POSTGRES_PASSWORD"],
  },
  {
    fixture: "compose-celery",
    services: ["redis"],
    processes: ["web", "worker", "beat"],
    env: ["REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"],
    secrets: [],
  },
  {
    fixture: "compose-django",
    services: ["postgres", "redis"],
    processes: ["migrate", "web"],
    env: [
      "DJANGO_SECRET_KEY",
      "DB_HOST",
      "DB_PORT",
      "DB_NAME",
      "DB_USER",
      "DB_PASSWORD",
      "REDIS_URL",
    ],
    secrets: ["POSTGRES_PASSWORD", "DJANGO_SECRET_KEY"],
  },
  {
    fixture: "compose-rq-mongo",
    services: ["redis", "mongo"],
    processes: ["web", "worker"],
    env: ["APP_MONGODB_URI", "APP_REDIS_URL", "RQ_REDIS_URL"],
    secrets: ["MONGO_INITDB_ROOT_PASSWORD"],
  },
  {
    fixture: "celery-worker",
    services: ["rabbitmq"],
    processes: ["app"],
    env: ["CELERY_BROKER_URL"],
    secrets: ["RABBITMQ_DEFAULT_PASS"],
  },
  {
    // Azure's quickstart shape: the database's parts from the platform, ALLOWED_HOSTS from
    // the site's host name (what the platform sets, wired as the build's probe host).
    fixture: "django-platform-env",
    services: ["postgres"],
    processes: ["web"],
    env: [
      "APP_SECRET_KEY",
      "CLOUD_PG_NAME",
      "CLOUD_PG_HOST",
      "CLOUD_PG_USER",
      "CLOUD_PG_PASSWORD",
      "SITE_HOSTNAME",
    ],
    secrets: ["POSTGRES_PASSWORD", "APP_SECRET_KEY"],
  },
  {
    // DBUSER/DBPASS/DBHOST/DBNAME and Flask-Migrate's `flask db upgrade` first.
    fixture: "flask-db-parts",
    services: ["postgres"],
    processes: ["migrate", "web"],
    env: ["DBUSER", "DBPASS", "DBHOST", "DBNAME"],
    secrets: ["POSTGRES_PASSWORD"],
  },
  {
    // pydantic settings two classes from BaseSettings; the async URL gets asyncpg's scheme.
    fixture: "fastapi-settings-chain",
    services: ["postgres"],
    processes: ["web"],
    env: ["DATABASE_URL", "DATABASE_ASYNC_URL"],
    secrets: ["POSTGRES_PASSWORD"],
  },
] as const;

describe("composeProject: what compose cannot set", () => {
  it("warns about each variable the code requires that no rule wires, with file:line", () => {
    const { plan } = project("flask-db-parts");
    expect(plan.warnings.filter((w) => w.code === "compose-required-env")).toMatchObject([
      {
        file: "app.py",
        line: 16,
        message: expect.stringMatching(/^MAPS_API_KEY is read with no default/),
      },
    ]);
    expect(plan.processes[0]?.command).toEqual([
      "sh",
      "-c",
      "FLASK_APP='app:app' exec flask db upgrade",
    ]);
  });

  it("gives the async URL the async driver's scheme, the other URL the plain one", () => {
    const { plan } = project("fastapi-settings-chain");
    const secret = "$" + "{POSTGRES_PASSWORD}"; // the placeholder compose-secrets.ts fills in
    expect(plan.env.map((w) => w.value)).toEqual([
      `postgresql://app:${secret}@postgres:5432/app`,
      `postgresql+asyncpg://app:${secret}@postgres:5432/app`,
    ]);
  });
});

function project(fixture: string) {
  const root = mkdtempSync(join(tmpdir(), `pyship-compose-unit-${fixture}-`));
  cpSync(new URL(fixture, FIXTURES), root, { recursive: true });
  const facts = detectProject(root);
  return { root, ...composeProject(facts, planProject(facts), {}, counter()) };
}

/** Deterministic "random" secrets, so the env file can be compared. */
function counter() {
  let n = 0;
  return () => `secret${++n}`;
}

describe("composeProject on the fixtures", () => {
  it.each(EXPECTED)("$fixture", async ({ fixture, services, processes, env, secrets }) => {
    const { plan, files } = project(fixture);
    expect(plan.services.map((s) => s.name)).toEqual(services);
    expect(plan.processes.map((p) => p.name)).toEqual(processes);
    expect(plan.env.map((w) => w.name)).toEqual(env);
    expect(plan.secrets).toEqual(secrets);
    const yaml = files.guarded[0]?.content ?? "";
    await expect(yaml.replaceAll(plan.project, "PROJECT")).toMatchFileSnapshot(
      `__snapshots__/${fixture}/compose.yaml`,
    );
  });

  it.each(EXPECTED)(
    "$fixture: no secret value in compose.yaml, every service checked",
    ({ fixture }) => {
      const { plan, files } = project(fixture);
      const yaml = files.guarded[0]?.content ?? "";
      expect(yaml).not.toMatch(/secret\d/);
      const doc = parse(yaml) as {
        services: Record<string, Record<string, unknown>>;
        volumes?: object;
      };
      for (const [name, service] of Object.entries(doc.services)) {
        expect(service.healthcheck, name).toBeDefined();
        expect(String(service.image), name).toMatch(/:[0-9]|:latest$/);
      }
      for (const service of plan.services) {
        expect(Object.keys(doc.volumes ?? {})).toContain(`${service.name}-data`);
        expect(service.image).toMatch(/^[a-z]+:\d+(\.\d+)?$/);
      }
    },
  );
});

describe("the env file", () => {
  it("holds the secrets and the URLs built from them, and is git- and docker-ignored", () => {
    const { root, files } = project("compose-postgres");
    writeCompose(root, files, { dryRun: false, force: false });
    expect(readFileSync(join(root, ".env.compose"), "utf8")).toContain(
      "POSTGRES_PASSWORD=secret1\nDATABASE_URL=postgresql+psycopg://app:secret1@postgres:5432/app\n",
    );
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toMatch(/^\.env\.compose$/m);
  });

  it("keeps the secrets already there (the volume remembers them) and the user's lines", () => {
    const { root } = project("compose-postgres");
    writeFileSync(join(root, ".env.compose"), "POSTGRES_PASSWORD=kept\nMY_OWN=1");
    writeFileSync(join(root, ".gitignore"), ".env*\n");
    const facts = detectProject(root);
    const { files } = composeProject(facts, planProject(facts), {}, counter());
    writeCompose(root, files, { dryRun: false, force: false });
    expect(readFileSync(join(root, ".env.compose"), "utf8")).toBe(
      "POSTGRES_PASSWORD=kept\nMY_OWN=1\nDATABASE_URL=postgresql+psycopg://app:kept@postgres:5432/app\n",
    );
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toBe(".env*\n");
  });

  it("is readable by its owner only", () => {
    const { root, files } = project("compose-postgres");
    writeCompose(root, files, { dryRun: false, force: false });
    expect(statSync(join(root, ".env.compose")).mode & 0o777).toBe(0o600);
  });
});

describe("compose.yaml safety", () => {
  it("an existing different compose.yaml is skipped with a diff unless forced", () => {
    const { root, files } = project("compose-celery");
    writeFileSync(join(root, "compose.yaml"), "services: {}\n");
    const [kept] = writeCompose(root, files, { dryRun: false, force: false });
    expect(kept).toMatchObject({ path: "compose.yaml", action: "skip" });
    expect(kept?.diff).toContain("+  worker:");
    expect(readFileSync(join(root, "compose.yaml"), "utf8")).toBe("services: {}\n");
    const [forced] = writeCompose(root, files, { dryRun: false, force: true });
    expect(forced?.action).toBe("overwrite");
  });

  it("--services replaces detection; an unknown name is one clear error", () => {
    const root = mkdtempSync(join(tmpdir(), "pyship-compose-unit-"));
    cpSync(new URL("compose-celery", FIXTURES), root, { recursive: true });
    const facts = detectProject(root);
    const plan = planProject(facts);
    expect(
      composeProject(facts, plan, { services: ["postgres"] }).plan.services.map((s) => s.kind),
    ).toEqual(["postgres"]);
    expect(() => composeProject(facts, plan, { services: ["cassandra"] })).toThrow(
      /unknown service "cassandra"/,
    );
  });
});
