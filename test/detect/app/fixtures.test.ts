import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Warning } from "../../../src/core/pipeline.js";
import { detectEntrypoints } from "../../../src/detect/app/detect-entrypoints.js";
import { leadingEntrypoints } from "../../../src/detect/app/rank-entrypoints.js";
import { loadConfig } from "../../../src/detect/config.js";
import { detectPort } from "../../../src/detect/port.js";
import { detectProcfile } from "../../../src/detect/procfile.js";
import { scanProject } from "../../../src/detect/project-files.js";
import { meta } from "./memory-files.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures");

/** Everything this area detects for one fixture, in a compact comparable form. */
function facts(name: string, scripts: Record<string, string> = {}) {
  const files = scanProject(join(FIXTURES, name));
  const warnings: Warning[] = [];
  const entrypoints = detectEntrypoints(files, meta(scripts), warnings);
  const procfile = detectProcfile(files, loadConfig(files));
  const port = detectPort(files, entrypoints, procfile);
  return {
    entrypoints: entrypoints.map(
      (c) => `${c.app} ${c.kind} ${c.framework} ${c.evidence.file}:${c.evidence.line}`,
    ),
    leading: leadingEntrypoints(entrypoints).length,
    procfile: procfile?.web ?? null,
    port: port && `${port.port} ${port.evidence.file}:${port.evidence.line}`,
    warnings,
  };
}

describe("app fixtures", () => {
  it.each([
    ["flask-module", ["web:server wsgi flask web.py:4"], 1, null, null],
    ["flask-factory", ["shop:create_app() wsgi flask shop/__init__.py:5"], 1, null, null],
    // The port is the project's gunicorn.conf.py bind (gevent's worker, chosen there).
    ["flask-gevent-config", ["app:app wsgi flask app.py:4"], 1, null, "5000 gunicorn.conf.py:8"],
    ["flask-socketio-chat", ["app:app wsgi flask app.py:6"], 1, null, null],
    ["flask-env-template", ["app:app wsgi flask app.py:7"], 1, null, null],
    // Built by its production.ini (gunicorn --paste), not by a name any server can import.
    ["pyramid-wiki", ["wiki:main wsgi pyramid production.ini:1"], 1, null, null],
    ["flask-sqlite-init", ["notes:create_app() wsgi flask notes/__init__.py:7"], 1, null, null],
    // Core and Express variants of one app: the Core file only.
    ["shiny-app", ["app-core.py shiny shiny app-core.py:16"], 1, null, null],
    ["django-site", ["mysite.wsgi:application wsgi django mysite/settings.py:17"], 1, null, null],
    [
      "django-channels-echo",
      ["echosite.asgi:application asgi django echosite/settings.py:18"],
      1,
      null,
      null,
    ],
    [
      "django-channels-early",
      ["echosite.asgi:application asgi django echosite/settings.py:18"],
      1,
      null,
      null,
    ],
    ["streamlit-app", ["dashboard.py streamlit streamlit dashboard.py:3"], 1, null, null],
    ["celery-worker", ["tasks celery celery tasks.py:7"], 1, null, null],
    ["worker-script", ["worker.py script script worker.py:19"], 1, null, null],
    [
      "procfile",
      ["hello:app wsgi flask hello.py:3"],
      1,
      ["gunicorn", "--workers", "2", "--bind", "0.0.0.0:$PORT", "hello:app"],
      null,
    ],
    [
      "multi-candidates",
      ["admin:admin_app wsgi flask admin.py:3", "api:api asgi fastapi api.py:4"],
      2,
      null,
      null,
    ],
  ])("%s", (name, entrypoints, leading, procfile, port) => {
    expect(facts(name)).toStrictEqual({ entrypoints, leading, procfile, port, warnings: [] });
  });

  it("broken-procfile: a Procfile without web: fails naming the file and line", () => {
    const files = scanProject(join(FIXTURES, "broken-procfile"));
    expect(() => detectProcfile(files, loadConfig(files))).toThrow(
      expect.objectContaining({
        code: "E_PARSE",
        file: "Procfile",
        line: 1,
        message: "Procfile has no web: process (found worker:)",
      }),
    );
  });
});

describe("source files that are not valid UTF-8", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("are skipped with a warning, unless they declare their encoding", () => {
    dir = mkdtempSync(join(tmpdir(), "pyship-app-"));
    writeFileSync(
      join(dir, "broken.py"),
      Buffer.from("from flask import Flask\napp = Flask('caf\xe9')\n", "latin1"),
    );
    writeFileSync(
      join(dir, "legacy.py"),
      Buffer.from(
        "# -*- coding: latin-1 -*-\nfrom flask import Flask\nlegacy = Flask('caf\xe9')\n",
        "latin1",
      ),
    );
    writeFileSync(join(dir, "fine.py"), "from flask import Flask\nfine = Flask('café')\n");
    const warnings: Warning[] = [];
    const found = detectEntrypoints(scanProject(dir), meta(), warnings);
    expect(found.map((c) => c.app)).toStrictEqual(["fine:fine", "legacy:legacy"]);
    expect(warnings).toStrictEqual([
      {
        code: "W_SOURCE_SKIPPED",
        message:
          "broken.py is not valid UTF-8 and declares no other encoding (Python would reject it too); skipped while looking for the app",
        file: "broken.py",
        text: expect.objectContaining({ key: "warn.sourceSkipped" }),
      },
    ]);
  });
});
