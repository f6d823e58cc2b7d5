/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: Procfile text under test */
import { describe, expect, it } from "vitest";
import type { EntrypointCandidate, ProcfileFacts } from "../../../src/core/pipeline.js";
import { detectPort } from "../../../src/detect/port.js";
import { memoryFiles } from "./memory-files.js";

const web = (...argv: string[]): ProcfileFacts => ({
  web: argv,
  raw: argv.join(" "),
  evidence: { file: "Procfile", line: 1, why: "web: process in Procfile" },
});

const candidate = (
  file: string,
  kind: EntrypointCandidate["kind"] = "wsgi",
  framework: EntrypointCandidate["framework"] = "flask",
): EntrypointCandidate => ({
  framework,
  app: file,
  kind,
  evidence: { file, line: 1, why: "test" },
});

/** `port file:line`, or null. */
function port(
  tree: Record<string, string>,
  first: EntrypointCandidate | null,
  procfile: ProcfileFacts | null = null,
) {
  const found = detectPort(memoryFiles(tree), first ? [first] : [], procfile);
  return found && `${found.port} ${found.evidence.file}:${found.evidence.line}`;
}

describe("detectPort from the Procfile", () => {
  it.each([
    [["gunicorn", "--bind", "0.0.0.0:8080", "app:app"], "8080 Procfile:1"],
    [["gunicorn", "-b", ":8080", "app:app"], "8080 Procfile:1"],
    [["gunicorn", "--bind=[::]:9000", "app:app"], "9000 Procfile:1"],
    [["uvicorn", "main:app", "--port", "8001"], "8001 Procfile:1"],
    [["uvicorn", "main:app", "--port=${PORT:-8002}"], "8002 Procfile:1"],
    [["python", "-m", "flask", "run", "-p", "5005"], "5005 Procfile:1"],
    [["waitress-serve", "--listen=*:8081", "app:app"], "8081 Procfile:1"],
    [["daphne", "-p", "8003", "mysite.asgi:application"], "8003 Procfile:1"],
    [["streamlit", "run", "app.py", "--server.port", "8502"], "8502 Procfile:1"],
    // gunicorn's -p is its pid file, not a port.
    [["gunicorn", "-p", "5000", "app:app"], null],
    // $PORT is the container's PORT, which the plan chooses.
    [["gunicorn", "--bind", "0.0.0.0:$PORT", "app:app"], null],
    [["gunicorn", "--bind", "unix:/tmp/g.sock", "app:app"], null],
  ])("%j → %s", (argv, expected) => {
    expect(port({ "app.py": "" }, null, web(...argv))).toBe(expected);
  });

  it("a port in the Procfile wins over one in the code", () => {
    const tree = { "app.py": "app.run(port=5001)\n" };
    expect(port(tree, candidate("app.py"), web("gunicorn", "-b", "0.0.0.0:7000", "app:app"))).toBe(
      "7000 Procfile:1",
    );
  });

  it("with $PORT in the Procfile, the code's default is used", () => {
    const tree = { "app.py": "import os\napp.run(port=int(os.environ.get('PORT', 5001)))\n" };
    expect(port(tree, candidate("app.py"), web("gunicorn", "-b", "0.0.0.0:$PORT", "app:app"))).toBe(
      "5001 app.py:2",
    );
  });
});

describe("detectPort from the code", () => {
  it.each([
    ["app.run(port=5001)", "5001 app.py:1"],
    ['app.run(host="0.0.0.0", port="5002", debug=False)', "5002 app.py:1"],
    ['uvicorn.run("main:app", host="0.0.0.0", port=8001)', "8001 app.py:1"],
    ["web.run_app(app, port=8080)", "8080 app.py:1"],
    ['app.run(port=int(os.environ.get("PORT", 5000)))', "5000 app.py:1"],
    ['app.run(port=int(os.getenv("PORT", default="5003")))', "5003 app.py:1"],
    [
      'PORT = int(os.environ.get("PORT", 5004))\nif __name__ == "__main__":\n    app.run(port=PORT)',
      "5004 app.py:1",
    ],
    ["port = 5006\napp.run(\n    host='0.0.0.0',\n    port=port,\n)", "5006 app.py:1"],
    ['port = os.environ.get("PORT", 5007)', "5007 app.py:1"],
    ["app.run(debug=True)", null],
    ["# app.run(port=5001)\n'''app.run(port=5001)'''", null],
    ['DB = os.environ.get("DB_PORT", 5432)', null],
    ["app.run(port=99999)", null],
  ])("%j → %s", (source, expected) => {
    expect(port({ "app.py": source }, candidate("app.py"))).toBe(expected);
  });

  it("reads gunicorn.conf.py for WSGI apps, before the code", () => {
    const tree = {
      "app.py": "app.run(port=5001)\n",
      "gunicorn.conf.py": 'workers = 2\nbind = ["0.0.0.0:8081"]\n',
    };
    expect(port(tree, candidate("app.py"))).toBe("8081 gunicorn.conf.py:2");
  });

  it.each([
    [["gunicorn", "--worker-tmp-dir", "/dev/shm", "--config", "gunicorn_config.py", "app:app"]],
    [["gunicorn", "-c", "./gunicorn_config.py", "app:app"]],
    [["gunicorn", "--config=gunicorn_config.py", "app:app"]],
  ])("reads the config file a Procfile's gunicorn names: %j (DigitalOcean's sample)", (argv) => {
    const tree = {
      "app.py": "app = Flask(__name__)\n",
      "gunicorn_config.py": 'bind = "0.0.0.0:8080"\nworkers = 2\n',
    };
    expect(port(tree, candidate("app.py"), web(...argv))).toBe("8080 gunicorn_config.py:1");
  });

  it("reads .streamlit/config.toml for Streamlit apps", () => {
    const tree = {
      "ui.py": "",
      ".streamlit/config.toml": "[theme]\nbase = 'dark'\n\n[server]\nport = 8600\n",
    };
    expect(port(tree, candidate("ui.py", "streamlit", "streamlit"))).toBe(
      "8600 .streamlit/config.toml:5",
    );
  });

  it.each([
    ["celery", candidate("tasks.py", "celery", "celery")],
    ["django", candidate("mysite/settings.py", "wsgi", "django")],
    ["no entrypoint", null],
  ])("has no port for %s", (_name, first) => {
    expect(
      port({ "tasks.py": "app.run(port=5001)\n", "mysite/settings.py": "x.run(port=1)" }, first),
    ).toBeNull();
  });
});
