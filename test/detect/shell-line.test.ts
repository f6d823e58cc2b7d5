/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text under test */
import { describe, expect, it } from "vitest";
import { shellLine } from "../../src/detect/shell-line.js";

describe("shellLine", () => {
  it.each([
    "gunicorn app:app",
    "gunicorn --bind 0.0.0.0:$PORT app:app",
    "uvicorn main:app --port ${PORT:-8000}",
    "python -c 'print(1); print(2)'",
    "gunicorn 'a&&b' \"x;y\"",
  ])("%j needs no shell", (line) => {
    expect(shellLine(line)).toBeNull();
  });

  it.each([
    [
      "flask db upgrade; flask translate compile; gunicorn app:app",
      "set -e; flask db upgrade; flask translate compile; exec gunicorn app:app",
      ["gunicorn", "app:app"],
      true,
    ],
    [
      "cd src && gunicorn --bind 0.0.0.0:$PORT api.main:app",
      "set -e; cd src && exec gunicorn --bind 0.0.0.0:$PORT api.main:app",
      ["gunicorn", "--bind", "0.0.0.0:$PORT", "api.main:app"],
      true,
    ],
    [
      "FOO=1 BAR='a b' gunicorn app:app",
      "set -e; FOO=1 BAR='a b' exec gunicorn app:app",
      ["gunicorn", "app:app"],
      true,
    ],
    [
      "gunicorn app:app --workers $WEB_CONCURRENCY",
      "set -e; exec gunicorn app:app --workers $WEB_CONCURRENCY",
      ["gunicorn", "app:app", "--workers", "$WEB_CONCURRENCY"],
      true,
    ],
    [
      "python migrate.py 2>&1 && gunicorn app:app",
      "set -e; python migrate.py 2>&1 && exec gunicorn app:app",
      ["gunicorn", "app:app"],
      true,
    ],
    [
      "gunicorn app:app | tee log.txt",
      "set -e; gunicorn app:app | tee log.txt",
      ["tee", "log.txt"],
      false,
    ],
    [
      "echo $(date); exec gunicorn app:app",
      "set -e; echo $(date); exec gunicorn app:app",
      ["gunicorn", "app:app"],
      true,
    ],
  ])("%j", (line, script, last, execd) => {
    expect(shellLine(line)).toStrictEqual({ script, last, execd });
  });
});
