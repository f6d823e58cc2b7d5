/*
 * Secrets anywhere in an image, not only in its final filesystem: files copied in one layer
 * and deleted in a later one (still shipped: anyone who pulls the image can read the layer),
 * credentials in the files the layers carry, in the config (Env, Labels, Entrypoint/Cmd) and
 * in the history (build args recorded with `RUN`). Pure: works on what read-image-archive read.
 * Every value shown is masked.
 */
import {
  credentialUrls,
  findTokenShape,
  isSecretName,
  maskSecret,
  redactSecrets,
} from "../core/secret-patterns.js";
import { english, type Message, msg } from "../i18n/message.js";
import type { ArchiveLayer, ImageArchive, ImageConfig } from "./read-image-archive.js";
import { findLeaks, isSystemPath } from "./scan-files.js";
import { secretKindText } from "./secret-text.js";

export interface SecretFinding {
  readonly kind: "deleted-file" | "file-content" | "config" | "history";
  readonly what: string;
  /** `what` as a catalog message (or the English, for a name with no key). */
  readonly whatText: Message | string;
  /** A path, `ENV NAME`, `LABEL name`, `CMD` or `history`. */
  readonly where: string;
  /** 0-based layer index, null for the config. */
  readonly layer: number | null;
  /** The instruction that added the layer (or the history line), shortened. */
  readonly instruction: string | null;
  /** The secret's first characters, never the whole value. */
  readonly shown: string;
  /**
   * high: a credential format, a secret in the image config or history, a shipped secret
   * file; low: a secret-named variable given a literal in the app's files, or credentials for
   * a local database, often development defaults that production overrides (Django's
   * `SECRET_KEY = "django-insecure-…"`, `postgres://postgres:postgres@localhost/app`).
   */
  readonly confidence: "high" | "low";
}

/** Documentation: it shows how to set variables, with placeholders. */
const PROSE = /\.(md|rst|txt|adoc|html?)$/i;

/** Compiled or binary files: their strings are not assignments a person wrote. */
const BINARY = /\.(pyc|pyo|so|a|o|whl|zip|gz|png|jpe?g|gif|ico|woff2?|ttf|sqlite3?|db)$/i;

/** Which files' text is worth reading: the app's own small text files (not the OS's, not the venv's). */
export function wantsText(venvRoots: readonly string[]) {
  return (path: string, size: number): boolean =>
    size <= 256 * 1024 && !BINARY.test(path) && !isSystemPath(path, venvRoots);
}

export function scanImageSecrets(
  archive: ImageArchive,
  venvRoots: readonly string[],
): SecretFinding[] {
  const instructions = layerInstructions(archive.config);
  return [
    ...deletedButShipped(archive.layers, venvRoots, instructions),
    ...fileContents(archive.layers, instructions),
    ...configSecrets(archive.config),
    ...historySecrets(archive.config),
  ];
}

/** The history lines that made a layer, in layer order (empty-layer steps left out). */
function layerInstructions(config: ImageConfig): string[] {
  return config.history.filter((step) => !step.emptyLayer).map((step) => shorten(step.createdBy));
}

function shorten(createdBy: string): string {
  const text = redactSecrets(createdBy)
    .replace(/^\/bin\/sh -c #\(nop\)\s*/, "")
    .replace(/ # buildkit$/, "")
    .trim();
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function deletedButShipped(
  layers: readonly ArchiveLayer[],
  venvRoots: readonly string[],
  instructions: readonly string[],
): SecretFinding[] {
  return layers.flatMap((layer, index) => {
    const later = layers.slice(index + 1);
    const paths = layer.entries.filter((e) => e.whiteout === null).map((e) => e.path);
    return findLeaks(paths, venvRoots)
      .filter((leak) => later.some((next) => deletes(next, leak.path)))
      .map((leak) => ({
        kind: "deleted-file" as const,
        ...said(msg("secret.deleted", { what: secretKindText(leak.what) })),
        where: leak.path,
        layer: index,
        instruction: instructions[index] ?? null,
        shown: leak.path,
        confidence: "high" as const,
      }));
  });
}

/** Whether a layer removes `path`: a whiteout of it or of a parent, or an opaque parent. */
function deletes(layer: ArchiveLayer, path: string): boolean {
  return layer.entries.some((entry) => {
    if (entry.whiteout === null) return false;
    const within = path === entry.path || path.startsWith(`${entry.path}/`);
    return entry.whiteout === "file" ? within : path.startsWith(`${entry.path}/`);
  });
}

function fileContents(
  layers: readonly ArchiveLayer[],
  instructions: readonly string[],
): SecretFinding[] {
  return layers.flatMap((layer, index) =>
    [...layer.texts].flatMap(([path, text]) => {
      const found = secretInText(text, path.endsWith(".py"), PROSE.test(path));
      if (found === null) return [];
      const instruction = instructions[index] ?? null;
      const confidence = found.assignment ? "low" : "high";
      const { assignment: _, ...shown } = found;
      return [
        {
          kind: "file-content" as const,
          ...shown,
          where: path,
          layer: index,
          instruction,
          confidence,
        },
      ];
    }),
  );
}

/** `NAME = "value"`, `NAME: 'value'`, or (outside Python) `NAME=value`. */
const QUOTED = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*[=:]\s*(["'])([^"'\n]{4,})\2/;
const BARE =
  /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*[=:]\s*([^\s"'#()$%{}<>[\]]{4,})\s*(?:#.*)?$/;

/**
 * A token shape, a URL with a literal password, or a secret-named variable given a literal
 * value. In Python only quoted values are literals (`os.environ[...]` is not a secret).
 */
interface TextSecret {
  readonly what: string;
  readonly whatText: Message | string;
  readonly shown: string;
  /**
   * Found by a variable's name rather than by the value's format, or a URL whose credentials
   * reach only a local or compose-service database: most often a development default.
   */
  readonly assignment: boolean;
}

/** A database on this machine or a compose service (`db`, `postgres`): a development default. */
const LOCAL_HOST =
  /\/\/\*\*\*@(localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0|[a-z][a-z0-9_-]*)(?=[:/]|$)/i;

function secretInText(text: string, python = false, prose = false): TextSecret | null {
  const token = findTokenShape(text);
  if (token)
    return {
      what: token.what,
      whatText: secretKindText(token.what),
      shown: maskSecret(token.value),
      assignment: false,
    };
  const url = credentialUrls(text).find((found) => found.literal);
  if (url)
    return {
      ...said(msg("secret.url")),
      shown: url.shown,
      assignment: LOCAL_HOST.test(url.shown),
    };
  // Documentation names variables to set (`API_TOKEN=<your token>`): not values.
  if (prose) return null;
  for (const line of text.split("\n")) {
    const quoted = QUOTED.exec(line);
    const match = quoted ? [quoted[1], quoted[3]] : python ? null : BARE.exec(line)?.slice(1);
    const [name, value] = match ?? [];
    if (name && value && isSecretName(name))
      return {
        ...said(msg("secret.literal", { name })),
        shown: maskSecret(value),
        assignment: true,
      };
  }
  return null;
}

function configSecrets(config: ImageConfig): SecretFinding[] {
  const env = config.env.flatMap((pair) => {
    const [name = "", ...rest] = pair.split("=");
    const value = rest.join("=");
    const named = isSecretName(name) && value !== "" && !value.startsWith("/run/secrets/");
    const found = named
      ? { ...said(msg("secret.inImage", { name })), shown: maskSecret(value) }
      : secretInText(value);
    return found ? [configFinding(`ENV ${name}`, found)] : [];
  });
  const labels = Object.entries(config.labels).flatMap(([name, value]) => {
    const found = secretInText(value);
    return found ? [configFinding(`LABEL ${name}`, found)] : [];
  });
  const command = [...config.entrypoint, ...config.cmd].join(" ");
  const inCommand = secretInText(command);
  return [...env, ...labels, ...(inCommand ? [configFinding("CMD", inCommand)] : [])];
}

/** A value in the image config is what every container gets: always a real finding. */
function configFinding(
  where: string,
  found: { what: string; whatText: Message | string; shown: string },
): SecretFinding {
  const { what, whatText, shown } = found;
  const at = { where, layer: null, instruction: null };
  return { kind: "config", ...at, what, whatText, shown, confidence: "high" };
}

/** `what` (English) and `whatText` (the catalog message) of a finding. */
function said(text: Message): { what: string; whatText: Message } {
  return { what: english(text), whatText: text };
}

/** `RUN |2 TOKEN=abc X=1 /bin/sh -c …`: the build args BuildKit records for a RUN. */
const BUILD_ARGS = /^(?:RUN )?\|\d+ ((?:[A-Za-z_][A-Za-z0-9_]*=\S* )+)/;

function historySecrets(config: ImageConfig): SecretFinding[] {
  return config.history.flatMap((step) => {
    const line = step.createdBy;
    // ENV lines are reported from the config, where they still are.
    if (/^(?:\/bin\/sh -c #\(nop\)\s+)?ENV /.test(line)) return [];
    const args = BUILD_ARGS.exec(line)?.[1]?.trim().split(" ") ?? [];
    const declared = /^ARG (\S+=\S+)/.exec(line)?.[1];
    const pairs = declared ? [...args, declared] : args;
    const named = pairs.find(
      (pair) => isSecretName(pair.split("=")[0] as string) && !pair.endsWith("="),
    );
    const found = named
      ? {
          ...said(msg("secret.buildArg", { name: named.split("=")[0] ?? "" })),
          shown: maskSecret(named.split("=").slice(1).join("=")),
        }
      : secretInText(line);
    if (!found) return [];
    const { what, whatText, shown } = found;
    const instruction = shorten(line);
    return [
      {
        kind: "history" as const,
        what,
        whatText,
        shown,
        where: "history",
        layer: null,
        instruction,
        confidence: "high" as const,
      },
    ];
  });
}
