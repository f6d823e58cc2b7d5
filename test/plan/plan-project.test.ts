import { describe, expect, it } from "vitest";
import type { ProjectFacts } from "../../src/core/pipeline.js";
import { shellLine } from "../../src/detect/shell-line.js";
import { planProject } from "../../src/plan/plan-project.js";
import { at, candidate, makeFacts, requirement } from "./make-facts.js";

const config = (extra: Partial<ProjectFacts["config"]>): ProjectFacts["config"] => ({
  source: at("pyproject.toml", 10, "[tool.pyship]"),
  ...extra,
});

const procfile = (raw: string): ProjectFacts["procfile"] => ({
  raw,
  web: raw.split(" "),
  evidence: at("Procfile", 1, "web: process"),
});

describe("planProject: command per entrypoint kind", () => {
  it.each([
    [
      "wsgi",
      candidate("wsgi", "shop:create_app()", "flask"),
      ["gunicorn", "--config", "/opt/pyship/gunicorn.conf.py", "shop:create_app()"],
      8000,
    ],
    [
      "asgi",
      candidate("asgi", "main:api", "fastapi"),
      ["python", "/opt/pyship/serve.py", "uvicorn", "main:api", "--host", "0.0.0.0"],
      8000,
    ],
    [
      "asgi factory",
      candidate("asgi", "main:create_app()", "fastapi"),
      [
        ...["python", "/opt/pyship/serve.py", "uvicorn", "main:create_app", "--factory"],
        ...["--host", "0.0.0.0"],
      ],
      8000,
    ],
    [
      "django",
      candidate("wsgi", "mysite.wsgi:application", "django"),
      ["gunicorn", "--config", "/opt/pyship/gunicorn.conf.py", "mysite.wsgi:application"],
      8000,
    ],
    [
      "streamlit",
      candidate("streamlit", "dashboard.py", "streamlit"),
      [
        "streamlit",
        "run",
        "dashboard.py",
        "--server.port",
        "8501",
        "--server.address",
        "0.0.0.0",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
      ],
      8501,
    ],
    [
      "celery",
      candidate("celery", "tasks", "celery"),
      ["celery", "-A", "tasks", "worker", "--loglevel", "INFO"],
      null,
    ],
    ["script", candidate("script", "worker.py", "script"), ["python", "worker.py"], null],
  ] as const)("%s", (_name, entry, command, port) => {
    const plan = planProject(makeFacts({ entrypoints: [entry] }));
    expect(plan.command).toStrictEqual(command);
    expect(plan.port).toBe(port);
    expect(plan.commandSource).toBe("detected");
    expect(plan.app).toBe(entry.app);
  });

  it("runs a console script by its [project.scripts] name and installs the project", () => {
    const facts = makeFacts({
      meta: {
        name: "hello-cli",
        version: "0.1.0",
        buildNeeds: [],
        scripts: { "hello-cli": "hello_cli.main:run" },
        evidence: at("pyproject.toml", 2, "name"),
      },
      entrypoints: [
        candidate("console-script", "hello_cli.main:run", "unknown", "pyproject.toml", 9),
      ],
    });
    const plan = planProject(facts);
    expect(plan.command).toStrictEqual(["hello-cli"]);
    expect(plan.install.installProject).toBe(true);
    expect(plan).toMatchObject({
      kind: "script",
      stopSignal: "SIGINT",
      port: null,
      healthcheck: null,
    });
  });
});

describe("planProject: precedence flags > config > Procfile > detection", () => {
  it("uses [tool.pyship] command, port, python, base image and user over everything else", () => {
    const facts = makeFacts({
      config: config({
        command: ["gunicorn", "-b", "0.0.0.0:$PORT", "app:app"],
        port: 9000,
        python: "3.11",
        baseImage: "corp/python:3.11",
        user: { name: "svc", uid: 20000 },
      }),
      procfile: procfile("web: gunicorn app:app"),
    });
    const plan = planProject(facts);
    expect(plan).toMatchObject({
      command: ["/bin/sh", "-c", "exec gunicorn -b 0.0.0.0:$PORT app:app"],
      // Render reads why it is a shell, and what it execs, from here (not from the script).
      shell: { reason: "port", readsPort: true, program: "gunicorn" },
      commandSource: "config",
      port: 9000,
      python: "3.11",
      baseImage: "corp/python:3.11",
      user: { name: "svc", uid: 20000 },
      framework: "flask",
    });
  });

  it.each([
    [
      "a Procfile command list that reads $PORT",
      "web: flask db upgrade; exec gunicorn -b :$PORT app:app",
      { reason: "list", readsPort: true, program: "gunicorn" },
    ],
    [
      "a command list with a fixed port",
      "web: python manage.py migrate && gunicorn -b 0.0.0.0:8000 app:app",
      { reason: "list", readsPort: false, program: "gunicorn" },
    ],
    ["one command without $PORT needs no shell", "web: gunicorn app:app", undefined],
  ])("%s: the plan says why CMD is a shell", (_label, line, shell) => {
    const command = line.replace(/^web:\s*/, "");
    const parsed = shellLine(command);
    const facts: ProjectFacts["procfile"] = parsed
      ? { web: parsed.last, raw: command, shell: parsed, evidence: at("Procfile", 1, "web") }
      : { web: command.split(" "), raw: command, evidence: at("Procfile", 1, "web") };
    const plan = planProject(makeFacts({ procfile: facts }));
    expect(plan.shell).toStrictEqual(shell);
  });

  it.each([
    ["gunicorn tutorial.wsgi --log-file -", "django"],
    ["gunicorn tutorial.wsgi:application", "django"],
    // Only gunicorn defaults to `application`: another program's bare module is not it.
    ["python -m tutorial.wsgi", "unknown"],
  ])("a Procfile's `%s` runs the detected Django app: %s", (line, framework) => {
    const django = candidate("wsgi", "tutorial.wsgi:application", "django", "tutorial/wsgi.py");
    const plan = planProject(makeFacts({ entrypoints: [django], procfile: procfile(line) }));
    expect(plan.framework).toBe(framework);
  });

  it("flags beat config", () => {
    const facts = makeFacts({ config: config({ python: "3.11", baseImage: "corp/python:3.11" }) });
    const plan = planProject(facts, { python: "3.10", baseImage: "python:3.10-slim-bookworm" });
    expect(plan.python).toBe("3.10");
    expect(plan.baseImage).toBe("python:3.10-slim-bookworm");
    expect(plan.evidence).toContainEqual({
      file: "--python",
      line: null,
      why: "Python 3.10 from --python",
      text: { key: "ev.python.flag", params: { version: "3.10" } },
    });
  });

  it("takes the Procfile web: command and leaves $PORT to a shell at start (the platform's PORT wins)", () => {
    const facts = makeFacts({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Procfile text, not a template
      procfile: procfile("gunicorn --bind 0.0.0.0:$PORT --name ${PORT:-8000} --msg=it's hello:app"),
    });
    const plan = planProject(facts);
    expect(plan.command).toStrictEqual([
      "/bin/sh",
      "-c",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text, not a template
      "exec gunicorn --bind 0.0.0.0:$PORT --name ${PORT:-8000} '--msg=it'\"'\"'s' hello:app",
    ]);
    expect(plan.commandSource).toBe("procfile");
    expect(plan.port).toBe(8000);
    expect(
      plan.evidence.some(
        (e) => e.file === "Procfile" && e.why.includes("$PORT is read when the container starts"),
      ),
    ).toBe(true);
  });

  it("uses the detected port over the server's convention", () => {
    const facts = makeFacts({
      port: { port: 5000, evidence: at("app.py", 9, "app.run(port=5000)") },
    });
    // The server binds $PORT (pyship's server file), which the image sets to the planned port.
    expect(planProject(facts).port).toBe(5000);
  });

  it("--app overrides a Procfile and picks the named candidate", () => {
    const facts = makeFacts({
      procfile: procfile("gunicorn hello:app"),
      entrypoints: [
        candidate("asgi", "api:api", "fastapi", "api.py"),
        candidate("wsgi", "admin:admin_app", "flask", "admin.py"),
      ],
    });
    const plan = planProject(facts, { app: "admin:admin_app" });
    expect(plan).toMatchObject({
      app: "admin:admin_app",
      commandSource: "detected",
      framework: "flask",
    });
  });
});

describe("planProject: entrypoint errors", () => {
  const twoWebApps = [
    candidate("asgi", "api:api", "fastapi", "api.py", 4),
    candidate("wsgi", "admin:admin_app", "flask", "admin.py", 3),
  ];

  it("refuses to guess between equally ranked web apps", () => {
    expect(() => planProject(makeFacts({ entrypoints: twoWebApps }))).toThrowError(
      expect.objectContaining({
        code: "E_AMBIGUOUS_ENTRYPOINT",
        hint: expect.stringContaining("--app 'api:api'"),
      }),
    );
  });

  it("accepts --app by file name", () => {
    expect(planProject(makeFacts({ entrypoints: twoWebApps }), { app: "admin.py" }).app).toBe(
      "admin:admin_app",
    );
  });

  it("rejects an --app that names no candidate", () => {
    expect(() =>
      planProject(makeFacts({ entrypoints: twoWebApps }), { app: "nope:app" }),
    ).toThrowError(expect.objectContaining({ code: "E_USAGE" }));
  });

  it("prefers a web app over a script without asking", () => {
    const plan = planProject(
      makeFacts({
        entrypoints: [
          candidate("script", "worker.py", "script"),
          candidate("wsgi", "app:app", "flask"),
        ],
      }),
    );
    expect(plan.app).toBe("app:app");
  });

  it("treats Django's wsgi and asgi modules as one site", () => {
    const facts = makeFacts({
      entrypoints: [
        candidate("wsgi", "mysite.wsgi:application", "django"),
        candidate("asgi", "mysite.asgi:application", "django"),
      ],
    });
    expect(planProject(facts).app).toBe("mysite.wsgi:application");
  });

  it("fails with a hint when there is nothing to run", () => {
    expect(() => planProject(makeFacts({ entrypoints: [] }))).toThrowError(
      expect.objectContaining({
        code: "E_NO_ENTRYPOINT",
        hint: expect.stringContaining("[tool.pyship]"),
      }),
    );
  });

  it("rejects a malformed --python", () => {
    expect(() => planProject(makeFacts(), { python: "3" })).toThrowError(
      expect.objectContaining({ code: "E_USAGE" }),
    );
  });
});

describe("planProject: servers, packages, stages", () => {
  it("adds gunicorn when the project does not depend on it, with a warning", () => {
    const plan = planProject(makeFacts({ requirements: [requirement("flask")] }));
    expect(plan.install.extraPackages).toStrictEqual(["gunicorn>=23,<28"]);
    expect(plan.warnings.map((w) => w.code)).toContain("W_SERVER_ADDED");
  });

  it("adds no server for scripts", () => {
    const plan = planProject(
      makeFacts({ requirements: [], entrypoints: [candidate("script", "worker.py", "script")] }),
    );
    expect(plan.install.extraPackages).toStrictEqual([]);
    expect(plan).toMatchObject({ kind: "worker", stopSignal: "SIGINT", healthcheck: null });
  });

  it.each([
    [
      "psycopg2 builds from source",
      [requirement("psycopg2", "psycopg2==2.9.10")],
      ["gcc", "libc6-dev", "libpq-dev"],
      ["libpq5"],
    ],
    ["psycopg2-binary needs nothing", [requirement("psycopg2-binary")], [], []],
    [
      "mysqlclient",
      [requirement("mysqlclient")],
      ["default-libmysqlclient-dev", "gcc", "libc6-dev", "pkg-config"],
      ["libmariadb3"],
    ],
    ["psycopg needs libpq", [requirement("psycopg", "psycopg>=3")], [], ["libpq5"]],
    ["psycopg[binary] needs nothing", [requirement("psycopg", "psycopg[binary]>=3")], [], []],
  ])("%s", (_name, requirements, build, runtime) => {
    const plan = planProject(
      makeFacts({ requirements: [...requirements, requirement("gunicorn")] }),
    );
    expect(plan.systemPackages).toStrictEqual({ build, runtime });
    // uv, the default installer, lives in the builder: every plan has one.
    expect(plan.stages.map((s) => s.name)).toStrictEqual(["builder", "runtime"]);
    const pip = planProject(
      makeFacts({ requirements: [...requirements, requirement("gunicorn")] }),
      { installer: "pip" },
    );
    expect(pip.stages.map((s) => s.name)).toStrictEqual(
      build.length > 0 ? ["builder", "runtime"] : ["runtime"],
    );
  });

  it("merges [tool.pyship] apt packages", () => {
    const plan = planProject(
      makeFacts({ config: config({ apt: { build: [], runtime: ["curl"] } }) }),
    );
    expect(plan.systemPackages).toStrictEqual({ build: [], runtime: ["curl"] });
  });

  it.each([
    ["poetry-lock", "poetry", "poetry"],
    ["uv-lock", "uv", "uv"],
    ["pipfile-lock", "pipenv", "pipenv"],
    ["pdm-lock", "pdm", "pdm"],
    // A Poetry package with nothing to resolve: no `poetry lock` in the image.
    ["pyproject", "poetry", "uv"],
    ["pyproject", "uv", "uv"],
  ] as const)("a %s project (%s) installs with %s", (strategy, tool, expected) => {
    const plan = planProject(makeFacts({ install: { strategy, tool, files: ["pyproject.toml"] } }));
    expect(plan.install.tool).toBe(expected);
    expect(plan.stages[0]?.name).toBe("builder");
  });

  it.each([
    ["the default", {}, {}, "uv", "(default)"],
    ["[tool.pyship] installer", {}, { installer: "pip" }, "pip", "pyproject.toml"],
    ["--installer over config", { installer: "uv" }, { installer: "pip" }, "uv", "--installer"],
    ["--installer pip", { installer: "pip" }, {}, "pip", "--installer"],
  ] as const)("installer: %s", (_name, options, cfg, expected, file) => {
    const facts = makeFacts({ config: config(cfg) });
    const plan = planProject(facts, options);
    expect(plan.install.tool).toBe(expected);
    const why = plan.evidence.find((e) =>
      e.why.startsWith(`${expected} installs the dependencies`),
    );
    expect(why?.file).toBe(file);
  });

  it.each([
    // gradio's demo/sepia_filter: requirements.txt lists numpy; gradio comes from the monorepo.
    ["requirements", [requirement("numpy")], ["gradio"], ["W_FRAMEWORK_ADDED"]],
    ["requirements", [requirement("gradio", "gradio==4.44.0")], [], []],
    // A lock pins the whole set: nothing unpinned is added to it.
    ["uv-lock", [requirement("numpy")], [], []],
  ] as const)(
    "a manifest (%s) that lacks the app's framework: %j",
    (strategy, requirements, added, codes) => {
      const planned = planProject(
        makeFacts({
          entrypoints: [candidate("script", "run.py", "gradio", "run.py", 3)],
          requirements,
          install: { strategy },
        }),
      );
      expect(planned.install.extraPackages).toStrictEqual(added);
      expect(planned.warnings.map((w) => w.code).filter((c) => c === "W_FRAMEWORK_ADDED")).toEqual(
        codes,
      );
    },
  );

  it("streamlit is probed at its health endpoint; uvicorn handles SIGTERM", () => {
    const streamlit = planProject(
      makeFacts({
        entrypoints: [candidate("streamlit", "dashboard.py", "streamlit")],
        requirements: [requirement("streamlit")],
      }),
    );
    expect(streamlit.healthcheck).toStrictEqual({ path: "/_stcore/health" });
    const asgi = planProject(
      makeFacts({
        entrypoints: [candidate("asgi", "main:api", "fastapi")],
        requirements: [requirement("fastapi"), requirement("uvicorn", "uvicorn[standard]")],
      }),
    );
    expect(asgi).toMatchObject({ stopSignal: null, kind: "web", healthcheck: { path: "/" } });
    expect(asgi.install.extraPackages).toStrictEqual([]);
  });

  it("keeps build inputs out of .dockerignore and is plain JSON", () => {
    const facts = makeFacts({
      meta: {
        name: "demo",
        version: "1.0",
        buildNeeds: ["README.md"],
        scripts: {},
        evidence: at("pyproject.toml", 2, "name"),
      },
    });
    const plan = planProject(facts, { buildkit: true });
    expect(plan.dockerignore.keep).toStrictEqual([
      "README.md",
      "pyship.gunicorn.conf.py",
      "requirements.txt",
    ]);
    expect(plan.buildkit).toBe(true);
    expect(JSON.parse(JSON.stringify(plan))).toStrictEqual(plan);
  });

  it("warns when the chosen Python does not satisfy requires-python", () => {
    const facts = makeFacts({
      python: {
        version: "3.12",
        constraint: ">=3.11",
        evidence: at("pyproject.toml", 4, "requires-python"),
      },
    });
    expect(planProject(facts, { python: "3.10" }).warnings.map((w) => w.code)).toContain(
      "W_PYTHON_CONSTRAINT",
    );
    expect(planProject(facts).warnings).toStrictEqual([]);
  });
});

describe("planProject: the Pythons uv cannot fill (3.6, 3.7)", () => {
  const era = (version: string): ProjectFacts["python"] => ({
    version,
    constraint: null,
    evidence: at("requirements.txt", 1, "Django==1.10.8: the newest Python it supports"),
  });
  const requirements = [requirement("django", "Django==1.10.8")];

  it.each([
    ["3.6", "pip", ["gunicorn<28"]],
    ["3.7", "pip", ["gunicorn<28"]],
    ["3.8", "uv", ["gunicorn>=23,<28"]],
  ])("Python %s: installer %s, the server as %j", (version, installer, extra) => {
    const entrypoints = [candidate("wsgi", "conduit.wsgi:application", "django")];
    const plan = planProject(makeFacts({ python: era(version), requirements, entrypoints }));
    expect(plan.python).toBe(version);
    expect(plan.install.tool).toBe(installer);
    expect(plan.install.extraPackages).toEqual(extra);
  });

  it("the user's installer still wins", () => {
    const plan = planProject(makeFacts({ python: era("3.6"), requirements }), { installer: "uv" });
    expect(plan.install.tool).toBe("uv");
  });
});

describe("planProject: a Gradio script exits without the interpreter's teardown", () => {
  it("runs through the fast-exit wrapper, with the evidence saying why", () => {
    const gradio = {
      ...candidate("server-script", "ui.py", "gradio"),
      serves: { port: 7860, args: [], env: {}, evidence: at("ui.py", 13, "demo.launch()") },
    };
    const plan = planProject(makeFacts({ entrypoints: [gradio] }));
    expect(plan.command.slice(0, 2)).toEqual(["python", "-c"]);
    expect(plan.command[2]).toContain('runpy.run_path("ui.py", run_name="__main__")');
    expect(plan.command[2]).toContain("atexit._run_exitfuncs()\nsys.stdout.flush()");
    expect(plan.evidence.map((e) => e.why)).toContainEqual(
      expect.stringContaining("skips the interpreter's teardown"),
    );
  });
});
