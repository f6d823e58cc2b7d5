/*
 * Decides the port the container listens on: [tool.pyship] port > what detection found in
 * the Procfile or the code > the server's convention. Workers, scripts and console scripts
 * serve no HTTP and get none unless the config says otherwise.
 */
import type { EntrypointCandidate, Plan, ProjectFacts } from "../core/pipeline.js";
import { because, msg } from "../i18n/message.js";
import { WEB_KINDS } from "./choose-entrypoint.js";
import { byDefault, type Notes } from "./notes.js";
import { SERVERS, serverFor } from "./servers.js";

/** The server each web kind runs under; its conventional port is in SERVERS. */
const SERVER_NAMES: Readonly<Partial<Record<EntrypointCandidate["kind"], string>>> = {
  wsgi: "gunicorn",
  asgi: "uvicorn",
  streamlit: "streamlit",
  panel: "panel",
  shiny: "shiny",
};

/** A Procfile web process must listen on $PORT; any port works, 8000 is the common one. */
const PROCFILE_PORT = 8000;

export interface PortContext {
  readonly source: Plan["commandSource"];
  readonly candidate: EntrypointCandidate | null;
  /** The written command (config/Procfile), [] for detected ones. */
  readonly command: readonly string[];
}

export function planPort(facts: ProjectFacts, context: PortContext, notes: Notes): number | null {
  const { config } = facts;
  if (config.port !== undefined) {
    notes.evidence.push({
      ...(config.source ?? byDefault("")),
      ...because(msg("ev.config.port", { port: config.port })),
    });
    return config.port;
  }
  if (!servesHttp(facts, context)) return null;
  if (facts.port !== null) {
    notes.evidence.push({
      ...facts.port.evidence,
      ...because(
        msg("ev.port", {
          port: facts.port.port,
          why: facts.port.evidence.text ?? facts.port.evidence.why,
        }),
      ),
    });
    return facts.port.port;
  }
  const port = conventionalPort(context);
  const program =
    context.command[0] ??
    SERVER_NAMES[context.candidate?.kind ?? "wsgi"] ??
    msg("ev.port.theServer");
  notes.evidence.push(byDefault(msg("ev.port.usual", { port, program })));
  return port;
}

function servesHttp(facts: ProjectFacts, { source, candidate, command }: PortContext): boolean {
  // A `web:` label is a platform's name for the process; a script that runs once serves nothing.
  if (source === "procfile") return candidate?.runs?.until !== "done";
  if (source === "config") return serverFor(command)?.port != null || facts.port !== null;
  return candidate !== null && WEB_KINDS.has(candidate.kind);
}

function conventionalPort({ source, candidate, command }: PortContext): number {
  const server = serverFor(command)?.port;
  if (server != null) return server;
  const kindServer = source === "detected" ? SERVER_NAMES[candidate?.kind ?? "script"] : undefined;
  return (kindServer && SERVERS[kindServer]?.port) || PROCFILE_PORT;
}
