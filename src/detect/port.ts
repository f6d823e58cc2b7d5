/*
 * Which port the app listens on, when the project says so; null lets the plan apply the
 * server's convention (gunicorn/uvicorn 8000, streamlit 8501). A `$PORT` without a
 * default in the Procfile means "the container's PORT", which the plan chooses, so it
 * states no number and the search goes on.
 */
import { posix } from "node:path";
import type { EntrypointCandidate, PortFacts, ProcfileFacts } from "../core/pipeline.js";
import { because, type Message, msg } from "../i18n/message.js";
import {
  type CodePort,
  isPort,
  portInCode,
  portInGunicornConfig,
  portOfAddress,
} from "./app/code-port.js";
import { PythonSources } from "./app/python-sources.js";
import type { ProjectFiles } from "./project-files.js";

interface PortContext {
  readonly files: ProjectFiles;
  readonly sources: PythonSources;
  readonly first: EntrypointCandidate | undefined;
  readonly procfile: ProcfileFacts | null;
}

type PortSource = (context: PortContext) => PortFacts | null;

/** Flags that take a port, or an address ending in one, per server. gunicorn's -p is a pidfile. */
const PORT_FLAGS = new Set(["--port", "--server.port", "--http-port"]);
const BIND_FLAGS = new Set(["--bind", "-b", "--listen"]);

/**
 * The declared command first (it is literally what runs), then files the server reads by
 * itself (gunicorn.conf.py, .streamlit/config.toml), then what the app's code says, which
 * may be a development-server default the production command never sees.
 */
const PORT_SOURCES: readonly PortSource[] = [
  fromProcfile,
  fromGunicornConfig,
  fromStreamlitConfig,
  fromServerCall,
  fromCode,
];

export function detectPort(
  files: ProjectFiles,
  entrypoints: readonly EntrypointCandidate[],
  procfile: ProcfileFacts | null,
): PortFacts | null {
  const context = { files, sources: new PythonSources(files, []), first: entrypoints[0], procfile };
  for (const source of PORT_SOURCES) {
    const found = source(context);
    if (found) return found;
  }
  return null;
}

function fromProcfile({ procfile }: PortContext): PortFacts | null {
  const argv = procfile?.web;
  if (!argv || !procfile) return null;
  const gunicorn = serverOf(argv) === "gunicorn";
  for (const { flag, value } of flagsOf(argv)) {
    const takesPort = PORT_FLAGS.has(flag) || (!gunicorn && flag === "-p");
    const port = takesPort ? portOfValue(value) : BIND_FLAGS.has(flag) ? portOfBind(value) : null;
    if (port)
      return {
        port,
        evidence: {
          ...procfile.evidence,
          ...because(msg("ev.port.procfileFlag", { flag, value })),
        },
      };
  }
  return null;
}

/** Each word as a flag with the value it would take: `--bind=x`, or the next word. */
function* flagsOf(argv: readonly string[]): Generator<{ flag: string; value: string }> {
  for (let i = 0; i < argv.length; i += 1) {
    const [flag = "", inline] = (argv[i] as string).split(/=(.*)/s);
    yield { flag, value: inline ?? argv[i + 1] ?? "" };
  }
}

/** `gunicorn`, `/venv/bin/gunicorn`, `python -m gunicorn` → gunicorn. */
function serverOf(argv: readonly string[]): string {
  const [first = "", second, third = ""] = argv;
  const program = posix.basename(first);
  return /^python[\d.]*$/.test(program) && second === "-m" ? third : program;
}

/** `8080` or `${PORT:-8080}` / `${PORT-8080}` (a default for an unset PORT). */
function portOfValue(value: string): number | null {
  const fallback = /^\$\{PORT:?-(\d+)\}$/.exec(value)?.[1];
  const port = Number(fallback ?? value);
  return isPort(port) ? port : null;
}

function portOfBind(value: string): number | null {
  const expanded = value.replace(/\$\{PORT:?-(\d+)\}/, "$1");
  return portOfAddress(expanded);
}

function fromGunicornConfig({ files, sources, first, procfile }: PortContext): PortFacts | null {
  const usesGunicorn = procfile?.web
    ? serverOf(procfile.web) === "gunicorn"
    : first?.kind === "wsgi";
  // The config gunicorn reads: the one the command names (`--config gunicorn_config.py`, as
  // DigitalOcean's sample does), else the one beside the app when it runs from its own root.
  const file =
    namedConfig(procfile?.web) ??
    (first?.serverConfig && first.root
      ? `${first.root}/${first.serverConfig}`
      : "gunicorn.conf.py");
  const module = usesGunicorn && files.has(file) ? sources.module(file) : null;
  const found = module && portInGunicornConfig(module);
  return found
    ? { port: found.port, evidence: { file, line: found.line, ...reasonOf(found) } }
    : null;
}

/** `-c FILE`, `--config FILE` or `--config=FILE` of a gunicorn command, when it is a file path. */
function namedConfig(argv: readonly string[] | null | undefined): string | null {
  const config = [...flagsOf(argv ?? [])].find(({ flag }) => flag === "-c" || flag === "--config");
  const path = config?.value.replace(/^python:.*/, "").replace(/^\.\//, "") ?? "";
  return path.endsWith(".py") ? path : null;
}

function fromStreamlitConfig({ files, first }: PortContext): PortFacts | null {
  const path = ".streamlit/config.toml";
  if (first?.kind !== "streamlit" || !files.has(path)) return null;
  const server = files.toml(path).server as { port?: unknown } | undefined;
  const port = Number(server?.port);
  if (!isPort(port)) return null;
  const line =
    files
      .read(path)
      .split("\n")
      .findIndex((text) => /^\s*port\s*=/.test(text)) + 1;
  return { port, evidence: { file: path, line: line || null, why: `[server] port = ${port}` } };
}

/** A code port's reason, keyed when it has a catalog message. */
function reasonOf(found: CodePort): { why: string; text?: Message } {
  return found.text ? { why: found.why, text: found.text } : { why: found.why };
}

/** A script that starts its own server: the port its server call uses (detection read it). */
function fromServerCall({ first }: PortContext): PortFacts | null {
  const serves = first?.serves;
  return serves?.port ? { port: serves.port, evidence: serves.evidence } : null;
}

/** Web apps and scripts only: Celery has no HTTP port, Django's settings never hold one. */
function fromCode({ sources, first }: PortContext): PortFacts | null {
  if (!first || first.kind === "celery" || first.kind === "console-script") return null;
  if (first.framework === "django") return null;
  const module = sources.module(first.evidence.file);
  const found = module && portInCode(module);
  return found
    ? { port: found.port, evidence: { file: module.path, line: found.line, ...reasonOf(found) } }
    : null;
}
