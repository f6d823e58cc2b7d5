/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: Procfile text under test */
import { describe, expect, it } from "vitest";
import type { PyshipConfig } from "../../../src/core/pipeline.js";
import { detectProcfile } from "../../../src/detect/procfile.js";
import { memoryFiles } from "./memory-files.js";

/** The catalog message the evidence carries beside its English. */
const PROCFILE_WEB = { key: "ev.procfile.web", params: { file: "Procfile" } };

// Only the config's `command` matters to the Procfile: none set, unless a test says so.
const NO_CONFIG: PyshipConfig = { source: null };
const procfile = (text: string, config: PyshipConfig = NO_CONFIG) =>
  detectProcfile(memoryFiles({ Procfile: text }), config);

describe("detectProcfile", () => {
  it("is null without a Procfile", () => {
    expect(detectProcfile(memoryFiles({ "app.py": "" }), NO_CONFIG)).toBeNull();
  });

  it.each([
    ["web: gunicorn app:app", ["gunicorn", "app:app"], 1],
    [
      "web: gunicorn --bind 0.0.0.0:$PORT hello:app",
      ["gunicorn", "--bind", "0.0.0.0:$PORT", "hello:app"],
      1,
    ],
    [
      'web: uvicorn main:app --host "0.0.0.0" --port ${PORT:-8000}',
      ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "${PORT:-8000}"],
      1,
    ],
    ["web: python -c 'print(\"a b\")'", ["python", "-c", 'print("a b")'], 1],
    [
      "# processes\nrelease: ./migrate\r\nweb:   streamlit run app.py\nworker: celery -A t worker\n",
      ["streamlit", "run", "app.py"],
      3,
    ],
  ])("%j", (text, argv, line) => {
    expect(procfile(text)).toStrictEqual({
      web: argv,
      raw: text.split(/\r?\n/)[line - 1]?.replace(/^web:\s*/, ""),
      evidence: { file: "Procfile", line, why: "web: process in Procfile", text: PROCFILE_WEB },
    });
  });

  it.each([
    ["worker: python worker.py\n", 1, "Procfile has no web: process (found worker:)"],
    [
      "# only a comment\n\nworker: a\nclock: b\n",
      3,
      "Procfile has no web: process (found worker:, clock:)",
    ],
    ["", 1, "Procfile has no web: process"],
    ["web: a\nweb: b\n", 2, "two web: processes (lines 1 and 2)"],
    [
      "web: gunicorn 'app:app\n",
      1,
      "cannot split the web: command (Got EOF while in a quoted string)",
    ],
    ["web:   \n", 1, "the web: process has no command"],
  ])("rejects %j at line %i", (text, line, message) => {
    expect(() => procfile(text)).toThrow(
      expect.objectContaining({ code: "E_PARSE", file: "Procfile", line, message }),
    );
  });

  it("keeps a shell command list for /bin/sh, its last command as the web argv", () => {
    const raw = "flask db upgrade; flask translate compile; gunicorn app:app";
    expect(procfile(`web: ${raw}\n`)).toStrictEqual({
      web: ["gunicorn", "app:app"],
      raw,
      shell: {
        script: "set -e; flask db upgrade; flask translate compile; exec gunicorn app:app",
        last: ["gunicorn", "app:app"],
        execd: true,
      },
      evidence: { file: "Procfile", line: 1, why: "web: process in Procfile", text: PROCFILE_WEB },
    });
  });

  it("accepts a Procfile without web: when [tool.pyship] command says what to run", () => {
    const config = { command: ["python", "worker.py"], source: null };
    expect(procfile("worker: python worker.py\n", config)).toBeNull();
  });
});
