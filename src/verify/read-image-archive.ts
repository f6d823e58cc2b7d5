/*
 * Reads an image as the engine exports it (`docker save` / `podman save`, docker-archive
 * layout): the config (Env, Labels, Cmd, history) and, for every layer in order, its entries
 * and the text of the files worth reading for secrets. Streams: a 300 MB image is never held
 * in memory, only the small files chosen by `wanted`.
 */
import { createReadStream } from "node:fs";
import { extract } from "tar-stream";
import { PyshipError } from "../core/errors.js";
import { msg } from "../i18n/message.js";

export interface LayerEntry {
  /** `/app/.env`; a whiteout is reported as the path it deletes. */
  readonly path: string;
  readonly whiteout: "file" | "opaque" | null;
  readonly size: number;
}

export interface ArchiveLayer {
  readonly entries: readonly LayerEntry[];
  /** Contents of the files `wanted` chose, by path. */
  readonly texts: ReadonlyMap<string, string>;
}

export interface ImageConfig {
  readonly env: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  /** WORKDIR, "" when the image sets none. */
  readonly workingDir: string;
  /** The history, with `emptyLayer` marking instructions that added no layer. */
  readonly history: readonly { readonly createdBy: string; readonly emptyLayer: boolean }[];
}

export interface ImageArchive {
  readonly config: ImageConfig;
  readonly layers: readonly ArchiveLayer[];
}

/** Decides, from a path and size, whether a file's text is read. */
export type WantedFile = (path: string, size: number) => boolean;

const SMALL_JSON = 4 * 1024 * 1024;

export async function readImageArchive(file: string, wanted: WantedFile): Promise<ImageArchive> {
  const small = await readEntries(
    file,
    (name, size) => name.endsWith(".json") && size < SMALL_JSON,
  );
  const manifest = parseJson(small.get("manifest.json"), "manifest.json") as {
    Config: string;
    Layers: string[];
  }[];
  const first = manifest[0];
  if (!first) throw archiveError("manifest.json lists no image");
  const config = toConfig(parseJson(small.get(first.Config), first.Config));
  const layers = await readLayers(file, first.Layers, wanted);
  return { config, layers };
}

async function readLayers(
  file: string,
  layerPaths: readonly string[],
  wanted: WantedFile,
): Promise<ArchiveLayer[]> {
  const byPath = new Map<string, ArchiveLayer>();
  const wantedLayers = new Set(layerPaths);
  await eachEntry(createReadStream(file), async (name, _size, stream) => {
    if (!wantedLayers.has(name)) return false;
    byPath.set(name, await readLayer(stream, wanted));
    return true;
  });
  return layerPaths.map((path) => byPath.get(path) ?? { entries: [], texts: new Map() });
}

async function readLayer(stream: Body, wanted: WantedFile): Promise<ArchiveLayer> {
  const entries: LayerEntry[] = [];
  const texts = new Map<string, string>();
  await eachEntry(stream, async (name, size, body) => {
    const entry = toEntry(name, size);
    entries.push(entry);
    if (entry.whiteout !== null || !wanted(entry.path, size)) return false;
    texts.set(entry.path, await readText(body));
    return true;
  });
  return { entries, texts };
}

/** `app/.wh.env` deletes /app/env; `app/.wh..wh..opq` empties /app of lower layers. */
function toEntry(name: string, size: number): LayerEntry {
  const path = `/${name.replace(/^\.?\/+/, "").replace(/\/+$/, "")}`;
  const slash = path.lastIndexOf("/");
  const dir = path.slice(0, slash);
  const base = path.slice(slash + 1);
  if (base === ".wh..wh..opq") return { path: dir || "/", whiteout: "opaque", size };
  if (base.startsWith(".wh.")) return { path: `${dir}/${base.slice(4)}`, whiteout: "file", size };
  return { path, whiteout: null, size };
}

/** A byte stream: a file on disk, or an entry of an outer tar (tar-stream's streamx stream). */
interface Body extends AsyncIterable<unknown> {
  pipe<T extends NodeJS.WritableStream>(destination: T): T;
  on(event: "error", listener: (error: Error) => void): unknown;
}

type EntryHandler = (name: string, size: number, body: Body) => Promise<boolean>;

/** Calls `handle` for every regular file; it returns true when it consumed the body. */
async function eachEntry(source: Body, handle: EntryHandler): Promise<void> {
  const reader = extract();
  source.on("error", (error) => reader.destroy(error));
  source.pipe(reader as unknown as NodeJS.WritableStream);
  for await (const entry of reader) {
    const { name, size = 0, type } = entry.header;
    const consumed =
      type === "file" || type === "contiguous-file" ? await handle(name, size, entry) : false;
    if (!consumed) entry.resume();
  }
}

async function readEntries(file: string, keep: (name: string, size: number) => boolean) {
  const found = new Map<string, string>();
  await eachEntry(createReadStream(file), async (name, size, body) => {
    if (!keep(name, size)) return false;
    found.set(name, await readText(body));
    return true;
  });
  return found;
}

async function readText(body: Body): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string | undefined, name: string): unknown {
  if (text === undefined) throw archiveError(`the export has no ${name}`);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw archiveError(`${name} in the export is not JSON`, cause);
  }
}

interface RawConfig {
  config?: {
    Env?: string[];
    Labels?: Record<string, string>;
    Entrypoint?: string[];
    Cmd?: string[];
    WorkingDir?: string;
  };
  history?: { created_by?: string; empty_layer?: boolean }[];
}

function toConfig(raw: unknown): ImageConfig {
  const { config = {}, history = [] } = raw as RawConfig;
  return {
    env: config.Env ?? [],
    labels: config.Labels ?? {},
    entrypoint: config.Entrypoint ?? [],
    cmd: config.Cmd ?? [],
    workingDir: config.WorkingDir ?? "",
    history: history.map((step) => ({
      createdBy: step.created_by ?? "",
      emptyLayer: step.empty_layer === true,
    })),
  };
}

function archiveError(message: string, cause?: unknown): PyshipError {
  return new PyshipError("E_VERIFY_FAILED", msg("verify.archive", { message }), {
    cause,
    hint: msg("verify.archive.hint"),
  });
}
