/*
 * Which reads fail without their variable: the placeholders collectstatic gets and the
 * variables compose says are left to set both go by this, so an optional read (a Sentry DSN
 * that is checked before use) must never count.
 */
import { describe, expect, it } from "vitest";
import { envReads, settingsClasses } from "../../src/detect/python-ast/env-reads.js";

const CASES: ReadonlyArray<readonly [string, string, boolean]> = [
  ["a subscript", 'import os\nN = os.environ["AZURE_POSTGRESQL_NAME"]\n', true],
  [
    "a subscript guarded by `in os.environ`",
    "H = [os.environ['WEBSITE_HOSTNAME']] if 'WEBSITE_HOSTNAME' in os.environ else []\n",
    false,
  ],
  ["a subscript inside an if block", 'if "DB" in os.environ:\n    D = os.environ["DB"]\n', false],
  [
    "a subscript inside try",
    'try:\n    D = os.environ["DB"]\nexcept KeyError:\n    D = 1\n',
    false,
  ],
  [
    "a subscript after setdefault in the same file",
    'os.environ.setdefault("WEB_CONCURRENCY", "2")\nW = os.environ["WEB_CONCURRENCY"]\n',
    false,
  ],
  ["get used right away", 'H = os.environ.get("DJANGO_ALLOWED_HOSTS").split(" ")\n', true],
  ["get checked for None", 'T = os.getenv("TELEGRAM_TOKEN")\nif T is None:\n    exit(1)\n', true],
  ["get checked with not", 'T = os.getenv("TOKEN")\nif not T:\n    raise SystemExit\n', true],
  ["get used only if set", 'S = os.getenv("SENTRY_DSN")\nif S:\n    init(S)\n', false],
  ["get with a default", 'P = os.environ.get("PORT", "8000")\n', false],
  ["get with `or`", "K = os.environ.get('SECRET_KEY') or 'dev'\n", false],
  ["decouple default=", 'config("DEBUG", default=False)\n', false],
  ["a settings field without a value", "class S(BaseSettings):\n    database_url: str\n", true],
  ["a settings field with a value", "class S(BaseSettings):\n    debug: bool = False\n", false],
];

describe("envReads: required", () => {
  it.each(CASES)("%s", (_, source, required) => {
    const reads = envReads("settings.py", source).filter((read) => read.evidence.why.includes("["));
    const read = reads.length > 0 ? reads : envReads("settings.py", source);
    expect(read.map((r) => r.required)).toEqual([required]);
  });

  it("reads the fields of a class derived from the project's own settings base", () => {
    const base = "class BaseAppSettings(BaseSettings):\n    app_env: str = 'prod'\n";
    const app = "class AppSettings(BaseAppSettings):\n    database_url: PostgresDsn\n";
    const prod = "class ProdAppSettings(AppSettings):\n    class Config:\n        x = 1\n";
    const bases = settingsClasses([prod, app, base]);
    expect([...bases].sort()).toEqual(["AppSettings", "BaseAppSettings", "ProdAppSettings"]);
    expect(envReads("app/core/settings/app.py", app, bases)).toMatchObject([
      { name: "DATABASE_URL", required: true },
    ]);
  });
});
