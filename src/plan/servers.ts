/*
 * The programs pyship knows as the first word of a command: the PyPI package that provides
 * each, the port it listens on by convention, and whether it stops cleanly on SIGTERM when
 * it is PID 1 (anything else gets STOPSIGNAL SIGINT, see plan-process.ts).
 */
export interface ServerInfo {
  readonly package: string;
  /**
   * What pyship installs when the project does not depend on the server: a range of majors
   * known to work (a bare name would make builds drift; a project pin beats it anyway).
   */
  readonly spec: string;
  /** Conventional port, or null when the program serves no HTTP. */
  readonly port: number | null;
  readonly handlesSigterm: boolean;
}

export const SERVERS: Readonly<Record<string, ServerInfo>> = {
  gunicorn: { package: "gunicorn", spec: "gunicorn>=23,<28", port: 8000, handlesSigterm: true },
  uvicorn: { package: "uvicorn", spec: "uvicorn>=0.30,<1", port: 8000, handlesSigterm: true },
  hypercorn: { package: "hypercorn", spec: "hypercorn>=0.16,<1", port: 8000, handlesSigterm: true },
  daphne: { package: "daphne", spec: "daphne>=4,<5", port: 8000, handlesSigterm: true },
  granian: { package: "granian", spec: "granian>=1,<3", port: 8000, handlesSigterm: true },
  // waitress has no SIGTERM handler: as PID 1 it would ignore `docker stop`.
  "waitress-serve": {
    package: "waitress",
    spec: "waitress>=3,<4",
    port: 8080,
    handlesSigterm: false,
  },
  streamlit: { package: "streamlit", spec: "streamlit>=1.30,<2", port: 8501, handlesSigterm: true },
  sanic: { package: "sanic", spec: "sanic>=23,<26", port: 8000, handlesSigterm: true },
  // Bokeh's tornado server stops on SIGINT (KeyboardInterrupt), not on SIGTERM.
  panel: { package: "panel", spec: "panel>=1,<2", port: 5006, handlesSigterm: false },
  // shiny run is uvicorn underneath: SIGTERM stops it.
  shiny: { package: "shiny", spec: "shiny>=1,<2", port: 8000, handlesSigterm: true },
  celery: { package: "celery", spec: "celery>=5.3,<6", port: null, handlesSigterm: true },
};

export function serverFor(command: readonly string[]): ServerInfo | undefined {
  const program = command[0];
  return program !== undefined && Object.hasOwn(SERVERS, program) ? SERVERS[program] : undefined;
}
