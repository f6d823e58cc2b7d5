/*
 * One HTTP GET against the published port, behind a function type so unit tests can fake
 * the network the way they fake the engine. Redirects are not followed: a 3xx already
 * proves the app answers, and following one could leave loopback. Each probe closes its
 * connection, as the kubelet's and Docker's health checks do: Node's pool would keep it open
 * for 4 s, and a server that waits for open connections at SIGTERM (gevent's pywsgi, Lin CMS's
 * workers) then spent the stop check waiting for verify's own idle socket (4.0 s, 0.9 s without).
 */

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** Resolves null when nothing answered (refused, reset, timed out). */
export type HttpGet = (url: string, timeoutMs: number) => Promise<HttpAnswer | null>;

const MAX_BODY = 64 * 1024;

export const fetchHttp: HttpGet = async (url, timeoutMs) => {
  // A ref'd timer, not AbortSignal.timeout(): that one is unref'd, and a fetch waiting on a
  // half-open proxied socket then lets Node exit with the verification still pending.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, {
      redirect: "manual",
      signal: controller.signal,
      headers: { connection: "close" },
    });
    const body = await response.text();
    return { status: response.status, body: body.slice(0, MAX_BODY) };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
};

/** Time, behind an interface so unit tests run the timeouts instantly. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
