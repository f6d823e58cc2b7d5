/*
 * The programs pyship knows as the first word of a command: the PyPI package that provides
 * each, the port it listens on by convention, and whether it stops cleanly on SIGTERM when
 * it is PID 1 (anything else gets STOPSIGNAL SIGINT, see plan-process.ts).
 */
export interface ServerInfo {
  readonly package: string;
  /** Conventional port, or null when the program serves no HTTP. */
  readonly port: number | null;
  readonly handlesSigterm: boolean;
}

export const SERVERS: Readonly<Record<string, ServerInfo>> = {
  gunicorn: { package: "gunicorn", port: 8000, handlesSigterm: true },
  uvicorn: { package: "uvicorn", port: 8000, handlesSigterm: true },
  hypercorn: { package: "hypercorn", port: 8000, handlesSigterm: true },
  daphne: { package: "daphne", port: 8000, handlesSigterm: true },
  granian: { package: "granian", port: 8000, handlesSigterm: true },
  // waitress has no SIGTERM handler: as PID 1 it would ignore `docker stop`.
  "waitress-serve": { package: "waitress", port: 8080, handlesSigterm: false },
  streamlit: { package: "streamlit", port: 8501, handlesSigterm: true },
  celery: { package: "celery", port: null, handlesSigterm: true },
};

export function serverFor(command: readonly string[]): ServerInfo | undefined {
  const program = command[0];
  return program !== undefined && Object.hasOwn(SERVERS, program) ? SERVERS[program] : undefined;
}
