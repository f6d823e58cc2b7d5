/*
 * Services from the code's configuration as well as its drivers: a Django engine or a URL in
 * the code is evidence with file and line; a SQL URL counts only when Django or SQLAlchemy
 * reads it, and comments never count.
 */
import { describe, expect, it } from "vitest";
import { detectServices } from "../../src/compose/detect-services.js";
import type { Requirement } from "../../src/core/pipeline.js";

const req = (name: string): Requirement => ({
  name,
  spec: name,
  evidence: { file: "requirements.txt", line: 1, why: "listed" },
});
const settings = (text: string) => [{ file: "app/settings.py", text }];

const CASES: ReadonlyArray<
  readonly [string, readonly string[], boolean, string, readonly string[]]
> = [
  [
    "Django's PostgreSQL engine",
    ["django"],
    true,
    'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql"}}',
    ["postgres"],
  ],
  [
    "a SQLAlchemy URL",
    ["sqlalchemy"],
    false,
    'engine = create_engine("mysql+pymysql://u@h/db")',
    ["mysql"],
  ],
  ["a SQL URL nothing reads", ["flask"], false, 'URL = "postgresql://u@h/db"', []],
  [
    "a Redis URL default",
    ["flask"],
    false,
    'BROKER = os.getenv("B", "redis://localhost:6379/0")',
    ["redis"],
  ],
  ["a commented URL", ["flask"], false, '# BROKER = "redis://localhost"', []],
];

describe("detectServices", () => {
  it.each(CASES)("%s", (_, names, django, text, kinds) => {
    const found = detectServices(names.map(req), django, settings(text));
    expect(found.services.map((s) => s.kind)).toEqual(kinds);
    if (kinds.length > 0)
      expect(found.services[0]?.evidence[0]).toMatchObject({ file: "app/settings.py", line: 1 });
  });

  it("the driver and the configuration are both evidence, the driver first", () => {
    const found = detectServices(
      [req("django"), req("psycopg")],
      true,
      settings('E = "django.db.backends.postgresql"'),
    );
    expect(found.services[0]?.evidence.map((e) => e.file)).toEqual([
      "requirements.txt",
      "app/settings.py",
    ]);
  });

  // bakerydemo: `if os.environ["DATABASE_URL"].startswith("postgres://"):` adds
  // django.contrib.postgres, which Wagtail's search index needs on PostgreSQL.
  it.each([
    ["settings that test for postgres://", ["django", "psycopg2"], true, "postgres", 3],
    ["no such test", ["django", "psycopg2"], false, "postgresql", null],
    [
      "SQLAlchemy refuses postgres://, whatever the code tests",
      ["flask-sqlalchemy", "psycopg2"],
      true,
      "postgresql",
      null,
    ],
  ])("%s", (_label, names, tests, scheme, line) => {
    const text = tests
      ? 'import os\nif "DATABASE_URL" in os.environ:\n    if os.environ["DATABASE_URL"].startswith("postgres://"):\n        pass\n'
      : "import os\n";
    const found = detectServices(names.map(req), names[0] === "django", settings(text));
    expect(found.schemes.postgres).toBe(scheme);
    const lines = found.services[0]?.evidence.map((e) => e.line);
    if (line !== null) expect(lines).toContain(line);
  });
});
