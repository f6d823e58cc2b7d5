/*
 * Whether an ASGI app serves WebSockets: uvicorn speaks them only with a WebSocket library
 * beside it (`uvicorn[standard]` brings websockets); plain uvicorn answers every upgrade with
 * "Unsupported upgrade request" and the page's socket never opens, while every HTTP probe
 * passes. The plan installs the extra when it adds uvicorn itself (plan-install.ts).
 */
import type { EntrypointCandidate, Evidence } from "../../core/pipeline.js";
import type { ProjectFiles } from "../project-files.js";
import { appSources, firstLine } from "./app-sources.js";

/**
 * What each framework writes to route a WebSocket; any one is evidence, so the order only
 * decides which line is quoted. Channels' router is the commonest shape in Django projects.
 */
export const WEBSOCKET_ROUTES: readonly { readonly framework: string; readonly pattern: RegExp }[] =
  [
    { framework: "Django Channels", pattern: /["']websocket["']\s*:\s*\w/ },
    {
      framework: "FastAPI/Starlette",
      pattern: /@\w+\.websocket(?:_route)?\(|\bWebSocketRoute\(|\.add_websocket_route\(/,
    },
    { framework: "python-socketio", pattern: /\bsocketio\.ASGIApp\(/ },
    { framework: "Litestar", pattern: /@websocket\(|\bWebsocketListener\b/ },
    { framework: "Quart", pattern: /@\w+\.websocket\(/ },
  ];

export function detectWebsockets(
  files: ProjectFiles,
  entry: EntrypointCandidate | undefined,
): Evidence | undefined {
  if (entry?.kind !== "asgi") return undefined;
  const sources = appSources(files, entry).filter((s) => /websocket|ASGIApp/i.test(s.text));
  for (const { framework, pattern } of WEBSOCKET_ROUTES) {
    const found = firstLine(sources, pattern);
    if (found) return { ...found, why: `${framework}: ${found.why}` };
  }
  return undefined;
}
