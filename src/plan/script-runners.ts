/*
 * How pyship runs a script that serves HTTP itself when `python script.py` alone is not
 * enough: with its server function's host and port forced (the host it binds comes from a
 * file pyship must not rewrite), or with the interpreter's teardown skipped at exit (a
 * dashboard that imports half of PyPI). Both are `python -c` programs, shown in the plan.
 */
import type { EntrypointCandidate, ForcedBind, Framework } from "../core/pipeline.js";

/**
 * Frameworks whose scripts stop slowly after the app is done: Gradio's own close takes 0.3 s,
 * then tearing down the interpreter (gradio, fastapi, pydantic, numpy, pandas…) took 1.3 s
 * at load 8 and over 3 s under heavier load, past `docker stop`'s budget (measured on
 * gradio-sepia). Their atexit functions still run; only the module teardown is skipped.
 */
const FAST_EXIT: ReadonlySet<Framework> = new Set(["gradio"]);

export function exitsFast(candidate: EntrypointCandidate): boolean {
  return candidate.kind === "server-script" && FAST_EXIT.has(candidate.framework);
}

/**
 * `python FILE ARGS…`, except that once the script returns (or raises SystemExit) its atexit
 * functions run, the streams are flushed and the process ends with os._exit — as pyship's
 * gunicorn config does for its workers. sys.path[0] is the script's folder, as `python FILE`
 * makes it.
 */
export function fastExitCommand(file: string, args: readonly string[]): string[] {
  const path = JSON.stringify(file);
  const code = [
    "import atexit, os, runpy, sys",
    `sys.argv = [${[file, ...args].map((arg) => JSON.stringify(arg)).join(", ")}]`,
    `sys.path[0] = os.path.dirname(os.path.abspath(${path}))`,
    "code = 0",
    "try:",
    `    runpy.run_path(${path}, run_name="__main__")`,
    "except SystemExit as stop:",
    "    code = stop.code",
    "except KeyboardInterrupt:",
    "    code = 130",
    "except BaseException:",
    "    import traceback",
    "    traceback.print_exc()",
    "    code = 1",
    "if code is not None and not isinstance(code, int):",
    "    print(code, file=sys.stderr)",
    "    code = 1",
    "atexit._run_exitfuncs()",
    "sys.stdout.flush()",
    "sys.stderr.flush()",
    "os._exit(code or 0)",
  ];
  return ["python", "-c", code.join("\n")];
}
/**
 * The script run as its author runs it (`python -m pkg.main` inside a package, else as a
 * file), with its server function's host and port set to 0.0.0.0 and $PORT whatever it
 * passes: the config file it reads is the project's, not pyship's to rewrite.
 */
export function forcedBindCommand(file: string, bind: ForcedBind, port: number): string[] {
  const dot = bind.function.lastIndexOf(".");
  const [owner, name] = [bind.function.slice(0, dot), bind.function.slice(dot + 1)];
  const forced = `"${bind.hostKeyword}": "0.0.0.0", "${bind.portKeyword}": int(os.environ.get("PORT", "${port}"))`;
  const run = bind.module
    ? `runpy.run_module("${bind.module}", run_name="__main__", alter_sys=True)`
    : `runpy.run_path("${file}", run_name="__main__")`;
  const code = [
    `import importlib, os, runpy`,
    `owner = importlib.import_module("${owner}")`,
    `serve = owner.${name}`,
    `owner.${name} = lambda *args, **kwargs: serve(*args, **{**kwargs, ${forced}})`,
    run,
  ];
  return ["python", "-c", code.join("; ")];
}
