/*
 * What verify learns from `image inspect` before running anything: exposed ports, the
 * command, the configured user, pyship's labels, the size, and the virtualenv location
 * (so the file scan can tell the image's own venv from one copied in by mistake).
 */
import { PyshipError } from "../core/errors.js";
import { msg } from "../i18n/message.js";
import type { EngineSession } from "./engine-session.js";

export interface ImageFacts {
  readonly exposedPorts: readonly number[];
  readonly command: readonly string[];
  readonly user: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly sizeBytes: number | null;
  /** Directories holding the image's own virtualenv(s): /opt/venv plus $VIRTUAL_ENV. */
  readonly venvRoots: readonly string[];
}

interface InspectJson {
  Size?: number;
  Config?: {
    ExposedPorts?: Record<string, unknown> | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    User?: string;
    Labels?: Record<string, string> | null;
    Env?: string[] | null;
  };
}

export async function inspectImage(session: EngineSession, image: string): Promise<ImageFacts> {
  const result = await session.try(["image", "inspect", image]);
  if (result.exitCode !== 0) throw inspectFailed(session.client, image, result.stderr);
  const parsed = JSON.parse(result.stdout) as InspectJson[] | InspectJson;
  const data = (Array.isArray(parsed) ? parsed[0] : parsed) ?? {};
  const config = data.Config ?? {};
  return {
    exposedPorts: Object.keys(config.ExposedPorts ?? {})
      .filter((key) => !key.endsWith("/udp"))
      .map((key) => Number.parseInt(key, 10))
      .filter((port) => Number.isInteger(port))
      .sort((a, b) => a - b),
    command: [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])],
    user: config.User ?? "",
    labels: config.Labels ?? {},
    sizeBytes: typeof data.Size === "number" ? data.Size : null,
    venvRoots: venvRoots(config.Env ?? []),
  };
}

function venvRoots(env: readonly string[]): string[] {
  const roots = new Set(["/opt/venv"]);
  for (const entry of env) {
    if (entry.startsWith("VIRTUAL_ENV="))
      roots.add(entry.slice("VIRTUAL_ENV=".length).replace(/\/+$/, ""));
  }
  return [...roots].filter((root) => root.length > 1);
}

/** The engine's own words decide between "no engine", "no permission" and "no image". */
function inspectFailed(client: string, image: string, stderr: string): PyshipError {
  const text = stderr.trim();
  if (/permission denied/i.test(text)) {
    return new PyshipError("E_ENGINE_PERMISSION", msg("verify.denied", { client }), {
      details: text,
      hint: msg("verify.denied.hint"),
    });
  }
  if (
    /cannot connect|is the docker daemon running|connection refused|no such file or directory/i.test(
      text,
    )
  ) {
    return new PyshipError("E_ENGINE_UNAVAILABLE", msg("verify.noEngine", { client }), {
      details: text,
      hint: msg("verify.noEngine.hint"),
    });
  }
  return new PyshipError("E_USAGE", msg("verify.noImage", { image }), {
    details: text || undefined,
    hint: msg("verify.noImage.hint", { image, client }),
  });
}
