/*
 * Where verify's HTTP probe runs. "host": the app's port is published on 127.0.0.1 and
 * fetched from here: quick, but right only when the engine runs on this machine. "network":
 * a helper container of the same image holds the network namespace, the app joins it, and
 * the image's own python3 GETs 127.0.0.1 from inside (`exec` into the helper), so the probe
 * works wherever the engine is (DOCKER_HOST=tcp:// or ssh://, contexts, rootless podman).
 * An image without python3 falls back to the host and says so in the report.
 */
import type { VerifyCheck } from "../core/pipeline.js";
import { type Message, msg } from "../i18n/message.js";
import type { EngineSession } from "./engine-session.js";
import type { HttpAnswer, HttpGet } from "./probe-http.js";

export type ProbeFrom = "host" | "network";

/** The app container as probeWeb starts it. */
export interface WebApp {
  readonly image: string;
  readonly env: Readonly<Record<string, string>>;
  readonly port: number;
  readonly path: string;
}

/** A started app container, and one GET of its path (null: nothing answered yet). */
export interface WebTarget {
  readonly name: string;
  readonly get: (timeoutMs: number) => Promise<HttpAnswer | null>;
}

export interface WebReach {
  readonly from: ProbeFrom;
  /** Shown while starting: where the port is reached. */
  describe(port: number): Message;
  start(session: EngineSession, http: HttpGet, app: WebApp): Promise<WebTarget>;
  /** The report's `probe-from` check; null when the probe ran the usual way (local engine). */
  check(): VerifyCheck | null;
}

export const hostReach: WebReach = {
  from: "host",
  describe: (port) => msg("verify.p.published", { port }),
  async start(session, http, app) {
    const name = await session.start({ image: app.image, env: app.env, publish: app.port });
    let url: string | null = null;
    const get = async (timeoutMs: number) => {
      // The engine cannot report the host port of a container that already died.
      url ??= await session.hostPort(name, app.port).then(
        (hostPort) => `http://127.0.0.1:${hostPort}${app.path}`,
        () => null,
      );
      return url === null ? null : http(url, timeoutMs);
    };
    return { name, get };
  },
  check: () => null,
};

// The helper only has to exist: its network namespace is what the app joins.
const IDLE = "import time\nwhile True: time.sleep(3600)";

// One GET with the standard library: no redirects followed (a 3xx already proves the app
// answers), no proxy from the image's environment, at most 64 KiB of body.
const GET = `import json, sys, urllib.error, urllib.request
class Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
opener = urllib.request.build_opener(Stay, urllib.request.ProxyHandler({}))
try:
    answer = opener.open(sys.argv[1], timeout=float(sys.argv[2]))
except urllib.error.HTTPError as error:
    answer = error
except Exception:
    sys.exit(1)
body = answer.read(65536).decode("utf-8", "replace")
print(json.dumps({"status": answer.getcode(), "body": body}))
`;

/** Seconds the engine needs to start an `exec` on a busy machine, on top of the GET's own. */
const EXEC_SLACK_MS = 10_000;

export class NetworkReach implements WebReach {
  readonly from = "network";
  private fellBack = false;

  constructor(
    /** Why the probe runs inside (the engine is remote, or --probe-from network). */
    private readonly why: string,
  ) {}

  describe(port: number): Message {
    return msg("verify.p.inside", { port });
  }

  async start(session: EngineSession, http: HttpGet, app: WebApp): Promise<WebTarget> {
    const helper = await startHelper(session, app.image);
    if (helper === null) {
      this.fellBack = true;
      return hostReach.start(session, http, app);
    }
    const name = await session.start({
      image: app.image,
      env: app.env,
      network: `container:${helper}`,
    });
    const url = `http://127.0.0.1:${app.port}${app.path}`;
    return { name, get: (timeoutMs) => execGet(session, helper, url, timeoutMs) };
  }

  check(): VerifyCheck {
    if (this.fellBack) {
      const detail = `${this.why}, but the image has no python3 to probe with: probed through a port published on 127.0.0.1 instead, which only works when the engine runs on this machine`;
      return { name: "probe-from", status: "warn", detail };
    }
    const detail = `${this.why}: probed from a helper container in the app's network namespace, with the image's python3`;
    return { name: "probe-from", status: "pass", detail };
  }
}

/** The helper's name, or null when the image has no python3 to run it with. */
async function startHelper(session: EngineSession, image: string): Promise<string | null> {
  try {
    return await session.start({ image, env: {}, entrypoint: "python3", args: ["-I", "-c", IDLE] });
  } catch (error) {
    const details = `${(error as Error).message}\n${(error as { details?: string }).details ?? ""}`;
    if (/executable file not found|no such file or directory|not found in \$?PATH/i.test(details))
      return null;
    throw error;
  }
}

async function execGet(
  session: EngineSession,
  helper: string,
  url: string,
  timeoutMs: number,
): Promise<HttpAnswer | null> {
  const args = ["exec", helper, "python3", "-I", "-c", GET, url, String(timeoutMs / 1000)];
  const result = await session.try(args, timeoutMs + EXEC_SLACK_MS);
  if (result.exitCode !== 0 || result.timedOut) return null;
  try {
    const answer = JSON.parse(result.stdout) as HttpAnswer;
    return typeof answer.status === "number" ? answer : null;
  } catch {
    return null;
  }
}
