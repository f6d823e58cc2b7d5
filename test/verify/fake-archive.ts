/*
 * docker-archive exports made in the test with tar-stream, the layout `docker save` writes:
 * manifest.json, the config (Env, Labels, WorkingDir, history), one <id>/layer.tar per layer.
 * Metadata-only instructions (ENV, ARG, CMD…) are empty-layer history steps, as in Docker.
 */
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { pack } from "tar-stream";
import { afterAll } from "vitest";

export type Files = Readonly<Record<string, string>>;

export interface FakeImage {
  readonly layers: readonly Files[];
  /** One line per instruction; metadata instructions make no layer. */
  readonly history: readonly string[];
  readonly env?: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly workingDir?: string;
}

const EMPTY_LAYER =
  /^(?:\/bin\/sh -c #\(nop\)\s+)?(?:ENV|ARG|CMD|ENTRYPOINT|WORKDIR|LABEL|EXPOSE|USER)\b/;

async function tarBuffer(files: Files): Promise<Buffer> {
  const archive = pack();
  for (const [name, content] of Object.entries(files)) archive.entry({ name }, content);
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const dir = mkdtempSync(join(tmpdir(), "pyship-layers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

export async function saveImage(name: string, image: FakeImage): Promise<string> {
  const outer = pack();
  const layerNames = image.layers.map((_, index) => `layer${index}/layer.tar`);
  const history = image.history.map((line) => ({
    created_by: line,
    ...(EMPTY_LAYER.test(line) ? { empty_layer: true } : {}),
  }));
  const config = {
    config: {
      Env: image.env ?? [],
      Labels: image.labels ?? {},
      ...(image.workingDir === undefined ? {} : { WorkingDir: image.workingDir }),
    },
    history,
  };
  for (const [index, files] of image.layers.entries())
    outer.entry({ name: layerNames[index] as string }, await tarBuffer(files));
  outer.entry({ name: "cfg.json" }, JSON.stringify(config));
  outer.entry(
    { name: "manifest.json" },
    JSON.stringify([{ Config: "cfg.json", Layers: layerNames }]),
  );
  outer.finalize();
  const file = join(dir, `${name}.tar`);
  await pipeline(outer, createWriteStream(file));
  return file;
}
