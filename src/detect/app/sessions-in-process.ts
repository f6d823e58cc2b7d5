/*
 * Libraries that keep each client's session in the server process that accepted it. A
 * Socket.IO client's long-polling requests and its WebSocket upgrade must all reach that
 * process: behind more than one worker, the next request lands on another one and is refused
 * (400, "Invalid session"). Their docs run one worker with many threads (Flask-SocketIO:
 * `gunicorn -w 1 --threads 100`), or several behind sticky sessions and a message queue. The
 * plan sizes pyship's server to one worker when the app's code creates such a server
 * (plan-server.ts); WEB_CONCURRENCY still sets more for a deployment that has both.
 */
import type { DependencyFacts, EntrypointCandidate, Evidence } from "../../core/pipeline.js";
import type { ProjectFiles } from "../project-files.js";
import { appSources, firstLine } from "./app-sources.js";

interface SessionLibrary {
  /** The distribution the requirements name; without it no code is read. */
  readonly distribution: string;
  readonly library: string;
  readonly imports: RegExp;
  /** The call that creates the server holding the sessions. */
  readonly creates: RegExp;
}

/**
 * Flask-SocketIO before python-socketio, which it depends on: an app built on the Flask
 * extension is reported as that, whose docs give the gunicorn command.
 */
export const SESSION_LIBRARIES: readonly SessionLibrary[] = [
  {
    distribution: "flask-socketio",
    library: "Flask-SocketIO",
    imports: /^[ \t]*(?:from[ \t]+flask_socketio[ \t]+import|import[ \t]+flask_socketio)\b/m,
    creates: /\bSocketIO\s*\(/,
  },
  {
    distribution: "python-socketio",
    library: "python-socketio",
    imports: /^[ \t]*(?:import[ \t]+socketio\b|from[ \t]+socketio[ \t]+import)/m,
    creates: /\bsocketio\.(?:Async)?Server\s*\(|^[^#\n]*\b(?:Async)?Server\s*\(/m,
  },
];

export function detectSessionsInProcess(
  files: ProjectFiles,
  dependencies: DependencyFacts,
  entry: EntrypointCandidate | undefined,
): { library: string; evidence: Evidence } | undefined {
  const names = new Set(dependencies.requirements.map((r) => r.name));
  const libraries = SESSION_LIBRARIES.filter((lib) => names.has(lib.distribution));
  if (libraries.length === 0) return undefined;
  const sources = appSources(files, entry).filter((source) => source.text.includes("socketio"));
  for (const lib of libraries) {
    const found = firstLine(
      sources.filter((source) => lib.imports.test(source.text)),
      lib.creates,
    );
    if (found) return { library: lib.library, evidence: found };
  }
  return undefined;
}
