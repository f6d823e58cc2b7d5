import { describe, expect, it } from "vitest";
import type { EntrypointCandidate, Warning } from "../../../src/core/pipeline.js";
import { detectEntrypoints } from "../../../src/detect/app/detect-entrypoints.js";
import { memoryFiles, meta, py } from "./memory-files.js";

const FLASK_APP = py`
  from flask import Flask

  app = Flask(__name__)
`;

function detect(tree: Record<string, string>, scripts: Record<string, string> = {}) {
  const warnings: Warning[] = [];
  const found = detectEntrypoints(memoryFiles(tree), meta(scripts), warnings);
  return { found, warnings };
}

/** `app kind framework file:line` — compact, so each table row reads as one fact. */
const brief = (c: EntrypointCandidate) =>
  `${c.app} ${c.kind} ${c.framework} ${c.evidence.file}:${c.evidence.line}`;

const cases: [string, Record<string, string>, string[]][] = [
  ["plain Flask app", { "app.py": FLASK_APP }, ["app:app wsgi flask app.py:3"]],
  [
    "any object name, found in the code rather than guessed",
    { "web.py": "from flask import Flask\nserver = Flask(__name__)\n" },
    ["web:server wsgi flask web.py:2"],
  ],
  [
    "from-import alias",
    { "app.py": "from flask import Flask as F\napplication = F(__name__)\n" },
    ["app:application wsgi flask app.py:2"],
  ],
  [
    "import flask + flask.Flask",
    { "app.py": "import flask\napp = flask.Flask(__name__)\n" },
    ["app:app wsgi flask app.py:2"],
  ],
  [
    "module alias",
    { "app.py": "import flask as fl\napp = fl.Flask(__name__)\n" },
    ["app:app wsgi flask app.py:2"],
  ],
  [
    "star import",
    { "app.py": "from flask import *\napp = Flask(__name__)\n" },
    ["app:app wsgi flask app.py:2"],
  ],
  [
    "annotated assignment",
    { "app.py": "from flask import Flask\napp: Flask = Flask(__name__)\n" },
    ["app:app wsgi flask app.py:2"],
  ],
  [
    "chained assignment takes the first name",
    { "app.py": "from flask import Flask\napp = application = Flask(__name__)\n" },
    ["app:app wsgi flask app.py:2"],
  ],
  [
    "multiline call",
    {
      "app.py":
        'from flask import Flask\n\napp = Flask(\n    __name__,\n    static_folder="static",\n)\n',
    },
    ["app:app wsgi flask app.py:3"],
  ],
  [
    "a local subclass of Flask",
    {
      "app.py":
        "from flask import Flask\nclass MyFlask(Flask):\n    pass\n\napp = MyFlask(__name__)\n",
    },
    ["app:app wsgi flask app.py:5"],
  ],
  [
    "an app inside a docstring, comment or string does not count",
    {
      "app.py": py`
        """Example:

        app = Flask(__name__)
        """
        from flask import Flask
        # app = Flask(__name__)
        EXAMPLE = "app = Flask(__name__)"
        TEMPLATE = '''
        app = Flask(__name__)
        '''
      `,
    },
    [],
  ],
  ["a Flask that is not flask's", { "app.py": "from mylib import Flask\napp = Flask()\n" }, []],
  [
    "an app built inside a function that doesn't return it",
    {
      "app.py": "from flask import Flask\ndef debug():\n    app = Flask(__name__)\n    app.run()\n",
    },
    [],
  ],
  [
    "create_app factory in a package",
    {
      "shop/__init__.py": py`
        from flask import Flask

        def create_app(test_config=None):
            app = Flask(__name__)
            return app
      `,
    },
    ["shop:create_app() wsgi flask shop/__init__.py:3"],
  ],
  [
    "any function that builds and returns an app is a factory",
    { "factory.py": "import flask\n\ndef build():\n    return flask.Flask(__name__)\n" },
    ["factory:build() wsgi flask factory.py:3"],
  ],
  [
    "a factory with a return annotation",
    {
      "main.py": py`
        from fastapi import FastAPI

        def get_application() -> FastAPI:
            application = make()
            return application
      `,
    },
    ["main:get_application() asgi fastapi main.py:3"],
  ],
  [
    "wsgi.py calling the factory replaces the factory (same app)",
    {
      "shop/__init__.py":
        "from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n",
      "wsgi.py": "from shop import create_app\n\napp = create_app()\n",
    },
    ["wsgi:app wsgi flask wsgi.py:3"],
  ],
  [
    "a factory called in its own module: the object is the entrypoint",
    {
      "app.py":
        "from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n\napp = create_app()\n",
    },
    ["app:app wsgi flask app.py:6"],
  ],
  [
    "FastAPI",
    { "main.py": "from fastapi import FastAPI\napi = FastAPI(title='x')\n" },
    ["main:api asgi fastapi main.py:2"],
  ],
  [
    "Starlette",
    { "app.py": "from starlette.applications import Starlette\napp = Starlette(routes=[])\n" },
    ["app:app asgi starlette app.py:2"],
  ],
  [
    "a sub-application mounted into another is not a candidate",
    {
      "main.py": py`
        from fastapi import FastAPI
        from admin import admin_app
        app = FastAPI()
        v1 = FastAPI()
        app.mount("/v1", v1)
        app.mount("/admin", admin_app)
      `,
      "admin.py": "from fastapi import FastAPI\nadmin_app = FastAPI()\n",
    },
    ["main:app asgi fastapi main.py:3"],
  ],
  [
    "src layout strips src/",
    { "src/pkg/web.py": FLASK_APP, "src/pkg/__init__.py": "" },
    ["pkg.web:app wsgi flask src/pkg/web.py:3"],
  ],
  [
    "tests, examples, docs and migrations are not searched",
    {
      "tests/test_app.py": FLASK_APP,
      "test_app.py": FLASK_APP,
      "app_test.py": FLASK_APP,
      "conftest.py": FLASK_APP,
      "examples/demo.py": FLASK_APP,
      "docs/conf.py": FLASK_APP,
      "pkg/migrations/0001.py": FLASK_APP,
      "tests/site/manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "s")\n',
      "tests/site/s.py": 'WSGI_APPLICATION = "w.application"\n',
    },
    [],
  ],
  [
    "Django via manage.py and WSGI_APPLICATION",
    {
      "manage.py":
        'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
      "mysite/settings.py": 'DEBUG = False\nWSGI_APPLICATION = "mysite.wsgi.application"\n',
      "mysite/wsgi.py": "application = get_wsgi_application()\n",
    },
    ["mysite.wsgi:application wsgi django mysite/settings.py:2"],
  ],
  [
    "Django ASGI_APPLICATION wins over WSGI_APPLICATION",
    {
      "manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
      "mysite/settings.py":
        'WSGI_APPLICATION = "mysite.wsgi.application"\nASGI_APPLICATION = "mysite.asgi.application"\n',
    },
    ["mysite.asgi:application asgi django mysite/settings.py:2"],
  ],
  [
    "Django split settings follow `from .base import *`",
    {
      "manage.py":
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
      "config/settings/__init__.py": "",
      "config/settings/production.py": "from .base import *\nDEBUG = False\n",
      "config/settings/base.py": 'WSGI_APPLICATION = "config.wsgi.application"\n',
    },
    ["config.wsgi:application wsgi django config/settings/base.py:1"],
  ],
  [
    "Django without WSGI_APPLICATION falls back to the generated wsgi.py",
    {
      "manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
      "mysite/settings.py": "DEBUG = False\n",
      "mysite/wsgi.py": "application = get_wsgi_application()\n",
    },
    ["mysite.wsgi:application wsgi django manage.py:1"],
  ],
  [
    "Streamlit script, not its helper module nor its pages",
    {
      "dashboard.py": "import streamlit as st\nfrom helpers import chart\n\nst.title('x')\n",
      "helpers.py": "import streamlit as st\n\ndef chart():\n    st.line_chart([1])\n",
      "pages/1_More.py": "import streamlit as st\nst.write('more')\n",
    },
    ["dashboard.py streamlit streamlit dashboard.py:1"],
  ],
  [
    "Shiny Express app, found by its import whatever the file is named",
    {
      "survey.py":
        "from shiny import render, ui\nfrom shiny.express import input\n\nui.h1('survey')\n",
      "shared.py": "from shiny import ui\n\ndef card():\n    return ui.card()\n",
    },
    ["survey.py shiny shiny survey.py:2"],
  ],
  [
    "Shiny Core app through the package (shiny.App), beside an Express app in another folder",
    {
      "core/dash.py":
        "import shiny\nfrom shiny import ui\napp = shiny.App(ui.page_fluid(), None)\n",
      "express/app.py": "from shiny.express import ui\nui.h1('x')\n",
    },
    ["express/app.py shiny shiny express/app.py:1", "core/dash.py shiny shiny core/dash.py:3"],
  ],
  [
    "Pyramid: production.ini over development.ini; testing.ini never; call: names the factory",
    {
      "development.ini": "[app:main]\nuse = call:wiki:dev\n",
      "production.ini": "# prod\n[app:main]\nuse = call:wiki:main\n",
      "testing.ini": "[app:main]\nuse = call:wiki:test\n",
      "wiki/__init__.py":
        "from pyramid.config import Configurator\n\ndef main(global_config, **settings):\n    pass\n",
    },
    ["wiki:main wsgi pyramid production.ini:2"],
  ],
  [
    "Pyramid: an ini with no [app:main], or a project that never imports pyramid, is no app",
    {
      "production.ini": "[server:main]\nlisten = *:6543\n",
      "alembic.ini": "[app:main]\nuse = egg:other\n",
      "tool.py": "print('no pyramid here')\n",
    },
    ["tool.py script script tool.py:1"],
  ],
  [
    "Celery app: the module",
    { "tasks.py": 'from celery import Celery\napp = Celery("tasks", broker="redis://")\n' },
    ["tasks celery celery tasks.py:2"],
  ],
  [
    "a __main__ script",
    { "worker.py": 'def main(): ...\n\nif __name__ == "__main__":\n    main()\n' },
    ["worker.py script script worker.py:3"],
  ],
  [
    "a Flask app's own __main__ block is not a second candidate",
    { "app.py": `${FLASK_APP}\nif __name__ == "__main__":\n    app.run()\n` },
    ["app:app wsgi flask app.py:3"],
  ],
  [
    "ranking: web > django > streamlit > celery > script",
    {
      "worker.py": "if '__main__' == __name__:\n    pass\n",
      "tasks.py": "from celery import Celery\napp = Celery()\n",
      "ui.py": "import streamlit as st\nst.write(1)\n",
      "manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "s")\n',
      "s.py": 'WSGI_APPLICATION = "w.application"\n',
      "app.py": FLASK_APP,
    },
    [
      "app:app wsgi flask app.py:3",
      "w:application wsgi django s.py:1",
      "ui.py streamlit streamlit ui.py:1",
      "tasks celery celery tasks.py:2",
      "worker.py script script worker.py:1",
    ],
  ],
  [
    "within a kind: conventional file names, then conventional object names",
    {
      "admin.py": FLASK_APP,
      "main.py": FLASK_APP,
      "server.py": "from flask import Flask\nsrv = Flask(__name__)\n",
    },
    [
      "main:app wsgi flask main.py:3",
      "server:srv wsgi flask server.py:2",
      "admin:app wsgi flask admin.py:3",
    ],
  ],
  [
    "within a kind: shallower paths first",
    {
      "tools/worker.py": "if __name__ == '__main__':\n    pass\n",
      "run.py": "if __name__ == '__main__':\n    pass\n",
    },
    ["run.py script script run.py:1", "tools/worker.py script script tools/worker.py:1"],
  ],
  [
    "a deeper web app outranks shallower workers and scripts",
    {
      "run_worker.py": "if __name__ == '__main__':\n    pass\n",
      "jobs/tasks.py": "from celery import Celery\napp = Celery()\n",
      "backend/api/main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
    },
    [
      "backend.api.main:app asgi fastapi backend/api/main.py:2",
      "jobs.tasks celery celery jobs/tasks.py:2",
      "run_worker.py script script run_worker.py:1",
    ],
  ],
  [
    "wsgi.py calling a deeper factory; its dev-server block is no extra script",
    {
      "wsgi.py":
        'from myproj.web.factory import create_app\napp = create_app()\nif __name__ == "__main__":\n    app.run()\n',
      "myproj/web/factory.py":
        "from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n",
    },
    ["wsgi:app wsgi flask wsgi.py:2"],
  ],
];

describe("detectEntrypoints", () => {
  it.each(cases)("%s", (_name, tree, expected) => {
    expect(detect(tree).found.map(brief)).toStrictEqual(expected);
  });

  it("lists console scripts from the project metadata, with the declaring line", () => {
    const tree = {
      "pyproject.toml":
        '[project]\nname = "x"\n\n[project.scripts]\nhello-cli = "hello_cli.main:run"\n',
    };
    expect(detect(tree, { "hello-cli": "hello_cli.main:run" }).found.map(brief)).toStrictEqual([
      "hello-cli console-script script pyproject.toml:5",
    ]);
  });

  // chatgpt-on-wechat: `cow = "cli.cli:main"` is a click group (start/stop/logs); app.py runs.
  it.each([
    [
      "@click.group(...)",
      "@click.group(cls=CowCLI, invoke_without_command=True)\n@click.pass_context\n",
    ],
    ["@cli.group()", "@cli.group()\n"],
    ["cls=click.Group", "@click.command(cls=click.Group)\n"],
  ])("a console script that is a click group (%s) manages the app: no candidate", (_l, deco) => {
    const tree = {
      "pyproject.toml": '[project]\nname = "x"\n\n[project.scripts]\ncow = "cli.cli:main"\n',
      "cli/__init__.py": "",
      "cli/cli.py": `import click\n\n${deco}def main(ctx):\n    pass\n`,
      "app.py": 'def run():\n    pass\n\nif __name__ == "__main__":\n    run()\n',
    };
    expect(detect(tree, { cow: "cli.cli:main" }).found.map(brief)).toStrictEqual([
      "app.py script script app.py:4",
    ]);
  });

  it("a click command (not a group) stays a console script", () => {
    const tree = {
      "pyproject.toml": '[project]\nname = "x"\n\n[project.scripts]\nhello = "hello:main"\n',
      "hello.py":
        "import click\n\n@click.command()\n@click.option('--n')\ndef main(n):\n    pass\n",
    };
    expect(detect(tree, { hello: "hello:main" }).found.map(brief)).toStrictEqual([
      "hello console-script script pyproject.toml:5",
    ]);
  });

  it("says when a module only imports from a sub-directory", () => {
    const src = detect({ "src/pkg/web.py": FLASK_APP }).found[0];
    expect(src?.evidence.why).toMatch(
      /pip install \.\) or src\/ on the path \(gunicorn --chdir src/,
    );
    const odd = detect({ "my-service/app.py": FLASK_APP }).found[0];
    expect(odd?.app).toBe("app:app");
    expect(odd?.evidence.why).toMatch(/--chdir my-service/);
  });

  it("finds a Django project in a sub-directory and says where it imports from", () => {
    const [site] = detect({
      "backend/manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
      "backend/mysite/settings.py": 'WSGI_APPLICATION = "mysite.wsgi.application"\n',
    }).found;
    expect(site && brief(site)).toBe(
      "mysite.wsgi:application wsgi django backend/mysite/settings.py:1",
    );
    expect(site?.evidence.why).toMatch(/imports resolve from backend\//);
    expect(site?.root).toBe("backend");
  });

  it.each([
    [
      "a computed settings name, production module beside settings.py (cloud quickstart shape)",
      {
        "manage.py":
          "import os\ns = 'q.production' if 'HOST' in os.environ else 'q.settings'\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', s)\n",
        "q/settings.py": "DEBUG = True\nWSGI_APPLICATION = 'q.wsgi.application'\n",
        "q/production.py": "from .settings import *\nDEBUG = False\n",
        "q/wsgi.py":
          "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', s)\napplication = get_wsgi_application()\n",
      },
      "q.wsgi:application wsgi django q/settings.py:2",
      "q.production",
    ],
    [
      "manage.py names the dev module; the package's production module wins",
      {
        "manage.py": "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'c.settings.local')\n",
        "c/settings/base.py": "WSGI_APPLICATION = 'c.wsgi.application'\n",
        "c/settings/local.py": "from .base import *\nDEBUG = True\n",
        "c/settings/production.py": "from .base import *\nDEBUG = False\n",
        "c/wsgi.py":
          "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'c.settings.local')\napplication = get_wsgi_application()\n",
      },
      "c.wsgi:application wsgi django c/settings/base.py:1",
      "c.settings.production",
    ],
  ])("Django settings: %s", (_name, tree, expected, settings) => {
    const [site] = detect(tree).found;
    expect(site && brief(site)).toBe(expected);
    expect(site?.env?.map((e) => `${e.name}=${e.value}`)).toStrictEqual([
      `DJANGO_SETTINGS_MODULE=${settings}`,
    ]);
  });

  it.each([
    [
      "a bot with top-level polling, conventional name",
      {
        "bot.py": "import telebot\nbot = telebot.TeleBot('x')\nbot.infinity_polling()\n",
        "util.py": "X = 1\n",
      },
      ["bot.py script script bot.py:3 stopped bot.py:3"],
    ],
    [
      "a loop in the project module the script calls",
      {
        "run.py": "from loop import start\nstart()\n",
        "loop.py": "def start():\n    while True:\n        pass\n",
      },
      ["run.py script script run.py:2 stopped loop.py:2"],
    ],
    [
      "the only root file, a one-off job",
      { "sync_users.py": "import csv\nrows = list(csv.reader(open('u.csv')))\nprint(len(rows))\n" },
      ["sync_users.py script script sync_users.py:3 done sync_users.py:null"],
    ],
    [
      "no conventional name among several root files: not guessed",
      { "sync.py": "print(1)\n", "helpers.py": "X = 1\n" },
      [],
    ],
    [
      "setup calls alone are no program",
      { "main.py": "from dotenv import load_dotenv\nload_dotenv()\nX = 1\n" },
      [],
    ],
  ])("top-level scripts: %s", (_name, tree, expected) => {
    const found = detect(tree as Record<string, string>).found;
    expect(
      found.map(
        (c) => `${brief(c)} ${c.runs?.until} ${c.runs?.evidence.file}:${c.runs?.evidence.line}`,
      ),
    ).toStrictEqual(expected);
  });

  it.each([
    [
      "backend/ resolves the app's own `from api.models import …`",
      {
        "backend/api/__init__.py": "",
        "backend/api/main.py": `from api.models import Item\n${FLASK_APP}`,
        "backend/api/models.py": "Item = 1\n",
        "backend/gunicorn.conf.py": "workers = 2\n",
      },
      "api.main:app backend gunicorn.conf.py",
    ],
    [
      "a sibling module import in server/",
      { "server/app.py": `import db\n${FLASK_APP}`, "server/db.py": "X = 1\n" },
      "app:app server undefined",
    ],
    [
      "src/ is never importable as a package name",
      { "src/api/__init__.py": "", "src/api/main.py": FLASK_APP },
      "api.main:app src undefined",
    ],
    [
      "src/ that is itself the package its code imports (`from src.config import …`)",
      {
        "src/__init__.py": "",
        "src/main.py": `from src.config import X\n${FLASK_APP}`,
        "src/config.py": "X = 1\n",
      },
      "src.main:app undefined undefined",
    ],
    [
      "a package importable from the project root needs no root",
      {
        "shop/__init__.py": "",
        "shop/web.py": `from shop.models import X\n${FLASK_APP}`,
        "shop/models.py": "X = 1\n",
      },
      "shop.web:app undefined undefined",
    ],
  ])("import root: %s", (_name, tree, expected) => {
    const [first] = detect(tree).found;
    expect(`${first?.app} ${first?.root} ${first?.serverConfig}`).toBe(expected);
  });

  it("Django whose settings module is not in the tree still runs the package's wsgi.py", () => {
    const [site] = detect({
      "manage.py": "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.conf')\n",
      "site/wsgi.py": "application = get_wsgi_application()\n",
    }).found;
    expect(site && brief(site)).toBe("site.wsgi:application wsgi django manage.py:1");
    // wsgi.py sets no settings module itself, so the image's environment must.
    expect(site?.env?.map((e) => `${e.name}=${e.value} ${e.evidence.file}`)).toStrictEqual([
      "DJANGO_SETTINGS_MODULE=site.conf manage.py",
    ]);
  });

  it("says why a factory needing arguments won't start as is", () => {
    const source =
      "from flask import Flask\n\ndef create_app(config_name):\n    return Flask(__name__)\n";
    const [factory] = detect({ "app.py": source }).found;
    expect(factory?.evidence.why).toMatch(/requires config_name/);
  });

  it("does not read code deeper than the first depth that has a web app", () => {
    const files = memoryFiles({ "app.py": FLASK_APP, "pkg/app.py": FLASK_APP });
    const deep = { ...files, paths: [...files.paths, "pkg/sub/ghost.py"] };
    const warnings: Warning[] = [];
    expect(detectEntrypoints(deep, meta(), warnings).map(brief)).toStrictEqual([
      "app:app wsgi flask app.py:3",
    ]);
    expect(warnings).toStrictEqual([]);
  });

  it("skips an unreadable file with a warning instead of failing", () => {
    const files = memoryFiles({ "app.py": FLASK_APP });
    const broken = { ...files, paths: [...files.paths, "ghost.py"] };
    const warnings: Warning[] = [];
    const found = detectEntrypoints(broken, meta(), warnings);
    expect(found.map(brief)).toStrictEqual(["app:app wsgi flask app.py:3"]);
    expect(warnings).toStrictEqual([
      {
        code: "W_SOURCE_SKIPPED",
        message: "ghost.py cannot be read (ENOENT); skipped while looking for the app",
        file: "ghost.py",
        text: expect.objectContaining({ key: "warn.sourceSkipped" }),
      },
    ]);
  });
});
