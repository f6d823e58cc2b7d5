/*
 * Which variable names the code reads, per way of reading them, from the syntax tree: a name
 * in a comment or a string that is not a read must not count.
 */
import { describe, expect, it } from "vitest";
import { envReads } from "../../src/detect/python-ast/env-reads.js";

const CASES: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ["os.environ subscript", 'import os\nURL = os.environ["DATABASE_URL"]\n', ["DATABASE_URL"]],
  ["os.environ.get", 'import os\nos.environ.get("REDIS_URL", "redis://")\n', ["REDIS_URL"]],
  ["os.getenv", 'import os\nos.getenv("CELERY_BROKER_URL")\n', ["CELERY_BROKER_URL"]],
  ["bare environ.get", 'from os import environ\nenviron.get("DB_HOST")\n', ["DB_HOST"]],
  [
    "decouple config",
    'from decouple import config\nconfig("DB_PASSWORD", default="")\n',
    ["DB_PASSWORD"],
  ],
  [
    "django-environ env.str",
    'import environ\nenv = environ.Env()\nenv.str("MONGO_URL")\n',
    ["MONGO_URL"],
  ],
  ["django-environ env.db()", "env.db()\n", ["DATABASE_URL"]],
  [
    "dj_database_url.config()",
    "import dj_database_url\ndj_database_url.config()\n",
    ["DATABASE_URL"],
  ],
  [
    "pydantic BaseSettings with a prefix",
    'class S(BaseSettings):\n    model_config = SettingsConfigDict(env_prefix="APP_")\n    redis_url: str = "x"\n    _private: int = 1\n',
    ["APP_REDIS_URL"],
  ],
  ["a plain class is not settings", "class S(Base):\n    redis_url: str = 'x'\n", []],
  ["a comment is not a read", '# os.environ["DATABASE_URL"]\nx = "os.getenv(\'REDIS_URL\')"\n', []],
  ["a computed name is unknown", "import os\nos.environ[name]\nos.getenv(f'{p}_URL')\n", []],
];

describe("envReads", () => {
  it.each(CASES)("%s", (_, source, names) => {
    expect(envReads("settings.py", source).map((read) => read.name)).toEqual(names);
  });

  it("names the file and the line of the read (a settings field's own line)", () => {
    const source = "class S(BaseSettings):\n\n    database_url: str\n";
    expect(envReads("app/config.py", source)[0]?.evidence).toMatchObject({
      file: "app/config.py",
      line: 3,
    });
  });
});
