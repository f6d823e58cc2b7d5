/*
 * What detection takes from a project's example environment (`.env.example` and its other
 * spellings): only the variables the app's code reads with no default, with the template's
 * non-empty value, each with the template's line and the line that reads it.
 */
import { describe, expect, it } from "vitest";
import { detectEnvTemplate } from "../../src/detect/env-template.js";
import { candidate } from "../plan/make-facts.js";
import { memoryFiles } from "./app/memory-files.js";

const APP = "import os\nfrom flask import Flask\n\napp = Flask(__name__)\n";
const REQUIRED = `${APP}app.config["TOKEN"] = os.environ["API_TOKEN"]\n`;
const DEFAULTED = `${APP}app.config["DEBUG"] = os.environ.get("DEBUG", "0")\n`;
const ENTRY = candidate("wsgi", "app:app", "flask", "app.py", 4);

type Row = [label: string, tree: Record<string, string>, expected: string[] | null];

// expected: "NAME=value template:line read:file:line", or null when nothing is taken.
const ROWS: Row[] = [
  [
    ".env.example gives a variable the code cannot start without",
    { "app.py": REQUIRED, ".env.example": "# copy to .env\nAPI_TOKEN=example-token\n" },
    ["API_TOKEN=example-token .env.example:2 app.py:5"],
  ],
  [
    "a variable with a default in the code is not taken (DEBUG=True would test a dev setup)",
    { "app.py": DEFAULTED, ".env.example": "DEBUG=True\n" },
    null,
  ],
  [
    "an empty value is no value: the user must set it",
    { "app.py": REQUIRED, ".env.example": "API_TOKEN=\n" },
    null,
  ],
  [
    "quotes and export are read as dotenv does",
    { "app.py": REQUIRED, ".env.sample": 'export API_TOKEN="two words" # comment\n' },
    ["API_TOKEN=two words .env.sample:1 app.py:5"],
  ],
  [
    "django-telegram-bot's spelling, .env_example",
    { "app.py": REQUIRED, ".env_example": "API_TOKEN=123:abc\n" },
    ["API_TOKEN=123:abc .env_example:1 app.py:5"],
  ],
  [
    ".env.example wins over a rarer spelling",
    { "app.py": REQUIRED, ".env.example": "API_TOKEN=a\n", "example.env": "API_TOKEN=b\n" },
    ["API_TOKEN=a .env.example:1 app.py:5"],
  ],
  [
    "a real .env is never read: it holds the user's secrets, and the plan is printed",
    { "app.py": REQUIRED, ".env": "API_TOKEN=real-secret\n" },
    null,
  ],
  [
    "a pydantic settings field without a default is read in upper case",
    {
      "app.py": `${APP}from settings import Settings\n`,
      "settings.py":
        "from pydantic_settings import BaseSettings\n\nclass Settings(BaseSettings):\n    project_name: str\n    debug: bool = False\n",
      ".env.example": "PROJECT_NAME=Demo\nDEBUG=True\n",
    },
    ["PROJECT_NAME=Demo .env.example:1 settings.py:4"],
  ],
  [
    "read twice: taken once",
    {
      "app.py": `${REQUIRED}other = os.environ["API_TOKEN"]\n`,
      ".env.example": "API_TOKEN=t\n",
    },
    ["API_TOKEN=t .env.example:1 app.py:5"],
  ],
];

describe("detectEnvTemplate", () => {
  it.each(ROWS)("%s", (_label, tree, expected) => {
    const found = detectEnvTemplate(memoryFiles(tree), ENTRY, undefined);
    const rows = found?.provides.map(
      (p) =>
        `${p.name}=${p.value} ${p.evidence.file}:${p.evidence.line} ${p.readAt.file}:${p.readAt.line}`,
    );
    expect(rows ?? null).toEqual(expected);
  });

  it("takes what the Django settings chain requires (the settings module, not the entry)", () => {
    const files = memoryFiles({ "manage.py": "", ".env.example": "TELEGRAM_TOKEN=1:x\n" });
    const at = { file: "dtb/settings.py", line: 156, why: 'os.getenv("TELEGRAM_TOKEN")' };
    const django = { requiredEnv: [{ name: "TELEGRAM_TOKEN", evidence: at }] };
    const found = detectEnvTemplate(files, undefined, django as never);
    expect(found?.provides).toEqual([
      {
        name: "TELEGRAM_TOKEN",
        value: "1:x",
        evidence: { file: ".env.example", line: 1, why: "TELEGRAM_TOKEN=1:x" },
        readAt: at,
      },
    ]);
  });
});
