/*
 * The `no-secrets` check: exports the image (`save`, every layer as shipped) to a temp file,
 * reads it and reports secrets in any layer, the config or the history. The temp file is
 * always removed; an engine that cannot export makes the check fail, never pass silently.
 * The same read also measures where the bytes are (image-sizes.ts): one export, two uses.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ImageSizes, VerifyCheck } from "../core/pipeline.js";
import { english, msg } from "../i18n/message.js";
import type { EngineSession } from "./engine-session.js";
import { imageSizes, isDistRecord } from "./image-sizes.js";
import { type ImageArchive, readImageArchive } from "./read-image-archive.js";
import { type SecretFinding, scanImageSecrets, wantsText } from "./scan-layers.js";

const SHOWN = 5;

export interface LayerReading {
  readonly check: VerifyCheck;
  /** null when the layers could not be read. */
  readonly sizes: ImageSizes | null;
}

export async function secretsCheck(
  session: EngineSession,
  image: string,
  venvRoots: readonly string[],
): Promise<LayerReading> {
  const dir = await mkdtemp(join(tmpdir(), "pyship-save-"));
  try {
    const file = join(dir, "image.tar");
    // podman's default format is its own; docker-archive is the layout both engines share.
    const format = /podman/.test(session.client) ? ["--format", "docker-archive"] : [];
    await session.must(["save", ...format, "-o", file, image], 300_000);
    const scanned = wantsText(venvRoots);
    const archive = await readImageArchive(
      file,
      (path, size) => scanned(path, size) || isDistRecord(path),
    );
    const secrets = scanImageSecrets(onlyTexts(archive, scanned), venvRoots);
    return { check: toCheck(secrets), sizes: imageSizes(archive, venvRoots) };
  } catch (error) {
    const why = (error as { details?: string }).details?.split("\n")[0];
    const detail = `cannot read the image's layers: ${(error as Error).message}${why ? ` (${why})` : ""}`;
    return { check: { name: "no-secrets", status: "fail", detail }, sizes: null };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The secrets scan reads the app's text files, not the RECORDs read for sizing (hashes). */
function onlyTexts(
  archive: ImageArchive,
  keep: (path: string, size: number) => boolean,
): ImageArchive {
  const layers = archive.layers.map((layer) => {
    const sizes = new Map(layer.entries.map((entry) => [entry.path, entry.size]));
    const texts = [...layer.texts].filter(([path]) => keep(path, sizes.get(path) ?? 0));
    return { ...layer, texts: new Map(texts) };
  });
  return { ...archive, layers };
}

/**
 * A credential format, a secret in the config or history, or a shipped secret file fails;
 * secret-named literals in the app's files and local database URLs (often development
 * defaults) only warn.
 */
function toCheck(findings: readonly SecretFinding[]): VerifyCheck {
  if (findings.length === 0) {
    const note = msg("verify.d.noSecrets");
    return { name: "no-secrets", status: "pass", detail: english(note), note, value: 0 };
  }
  const sure = findings.some((finding) => finding.confidence === "high");
  const shown = findings.slice(0, SHOWN).map(describe);
  const more = findings.length > SHOWN ? `; and ${findings.length - SHOWN} more` : "";
  const advice = sure
    ? "Anyone who pulls the image can read every layer: keep secrets out of the build (BuildKit secret mounts, runtime env)"
    : "If these are real values, read them from the environment instead; development defaults can stay";
  const detail = `${shown.join("; ")}${more}. ${advice}`;
  return { name: "no-secrets", status: sure ? "fail" : "warn", detail, value: findings.length };
}

function describe(finding: SecretFinding): string {
  const layer = finding.layer === null ? "" : ` (layer ${finding.layer + 1}`;
  const by = finding.instruction === null ? "" : `${layer ? ", " : " ("}${finding.instruction}`;
  const close = layer || by ? ")" : "";
  const value = finding.shown === finding.where ? "" : ` ${finding.shown}`;
  return `${finding.where}: ${finding.what}${value}${layer}${by}${close}`;
}
