/*
 * The `no-secrets` check: exports the image (`save`, every layer as shipped) to a temp file,
 * reads it and reports secrets in any layer, the config or the history. The temp file is
 * always removed; an engine that cannot export makes the check fail, never pass silently.
 * The same read also measures where the bytes are (image-sizes.ts): one export, two uses.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isPyshipError } from "../core/errors.js";
import type { ImageSizes, VerifyCheck } from "../core/pipeline.js";
import { english, type Message, msg } from "../i18n/message.js";
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
    const said = isPyshipError(error) ? error.text : (error as Error).message;
    const note = why
      ? msg("verify.secrets.unreadableWhy", { error: said, why })
      : msg("verify.secrets.unreadable", { error: said });
    const detail = english(note);
    return { check: { name: "no-secrets", status: "fail", detail, note }, sizes: null };
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
  const listed = findings
    .slice(0, SHOWN)
    .map(describe)
    .reduce((first, rest) => msg("verify.secrets.and", { first, rest }));
  const count = findings.length - SHOWN;
  const note = msg("verify.secrets.detail", {
    findings: count > 0 ? msg("verify.secrets.more", { findings: listed, count }) : listed,
    advice: msg(sure ? "verify.secrets.sure" : "verify.secrets.maybe"),
  });
  const status = sure ? "fail" : "warn";
  return { name: "no-secrets", status, detail: english(note), note, value: findings.length };
}

function describe(finding: SecretFinding): Message {
  const value = finding.shown === finding.where ? "" : ` ${finding.shown}`;
  const at = msg("verify.secrets.at", { where: finding.where, what: finding.whatText, value });
  const { layer, instruction } = finding;
  if (layer === null)
    return instruction === null ? at : msg("verify.secrets.by", { finding: at, instruction });
  return instruction === null
    ? msg("verify.secrets.inLayer", { finding: at, layer: layer + 1 })
    : msg("verify.secrets.inLayerBy", { finding: at, layer: layer + 1, instruction });
}
