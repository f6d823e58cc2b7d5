/*
 * Where the megabytes are: splits what an image's layers ship into the base image, system
 * packages, the virtualenv (with its ten largest distributions) and the app. Pure: works on
 * the archive read-image-archive already read for the secrets scan, so the image is exported
 * once. A file counts in every layer that ships it (deleted or replaced later, it is still
 * downloaded), which is why the parts add up to the layers' sum, not to `du` in a container.
 */
import type { ImageSizes, PackageSize } from "../core/pipeline.js";
import type { ArchiveLayer, ImageArchive, ImageConfig } from "./read-image-archive.js";

const TOP_PACKAGES = 10;
const SITE_PACKAGES = /\/lib\/python[0-9.]+\/(?:site|dist)-packages\//;

/** dist-info RECORD files: the sizing reads them (`wanted`) to know which file is whose. */
export function isDistRecord(path: string): boolean {
  return SITE_PACKAGES.test(path) && /\.dist-info\/RECORD$/.test(path);
}

export function imageSizes(archive: ImageArchive, venvRoots: readonly string[]): ImageSizes {
  const base = baseLayers(archive.config, archive.layers.length);
  const app = appDir(archive.config.workingDir);
  const owners = packageOwners(archive.layers);
  const parts = { baseBytes: 0, systemBytes: 0, venvBytes: 0, appBytes: 0 };
  const packages = new Map<string, number>();
  archive.layers.forEach((layer, index) => {
    for (const entry of layer.entries) {
      if (entry.whiteout !== null) continue;
      if (isPythonPackage(entry.path, index >= base.layers, venvRoots)) {
        parts.venvBytes += entry.size;
        const owner = ownerOf(entry.path, owners);
        if (owner) packages.set(owner, (packages.get(owner) ?? 0) + entry.size);
      } else if (app !== null && within(entry.path, app)) parts.appBytes += entry.size;
      else if (index < base.layers) parts.baseBytes += entry.size;
      else parts.systemBytes += entry.size;
    }
  });
  const total = parts.baseBytes + parts.systemBytes + parts.venvBytes + parts.appBytes;
  return { totalBytes: total, ...parts, venvPackages: largest(packages), base };
}

/**
 * The base image's layers end where its own build ended: a base's history closes with its
 * CMD/ENTRYPOINT (python:*-slim ends `CMD ["python3"]`), so the last such step that still has
 * layers after it is the boundary. An imported base (`docker import`) records no CMD step:
 * then its one layer is the base.
 */
function baseLayers(config: ImageConfig, layerCount: number): ImageSizes["base"] {
  let layers = 0;
  let boundary = -1;
  config.history.forEach((step, index) => {
    if (!step.emptyLayer) layers += 1;
    const closesBuild = /^(?:\/bin\/sh -c #\(nop\)\s+)?(?:CMD|ENTRYPOINT)\b/.test(step.createdBy);
    const layersAfter = config.history.slice(index + 1).some((next) => !next.emptyLayer);
    if (closesBuild && layersAfter) boundary = layers;
  });
  if (boundary > 0)
    return { layers: boundary, why: `history: the base image's CMD after layer ${boundary}` };
  const first = Math.min(1, layerCount);
  return { layers: first, why: "history names no base CMD: the first layer is the base" };
}

/**
 * The virtualenv, or packages a later layer pip-installed into the system Python (images
 * pyship didn't write: `RUN pip install -r requirements.txt` on python:*-slim). The base
 * image's own site-packages (pip, setuptools) stay with the base.
 */
function isPythonPackage(path: string, onTop: boolean, venvRoots: readonly string[]): boolean {
  return venvRoots.some((root) => within(path, root)) || (onTop && SITE_PACKAGES.test(path));
}

function appDir(workingDir: string): string | null {
  const dir = workingDir.replace(/\/+$/, "");
  return dir === "" ? "/app" : dir;
}

function within(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

interface Owners {
  /** Absolute path → distribution, from RECORD. */
  readonly files: ReadonlyMap<string, string>;
  /** site-packages/<top> → distribution: covers files RECORD leaves out (__pycache__). */
  readonly tops: ReadonlyMap<string, string>;
}

/** Reads every RECORD the layers carry: `path,hash,size` lines relative to site-packages. */
function packageOwners(layers: readonly ArchiveLayer[]): Owners {
  const files = new Map<string, string>();
  const tops = new Map<string, string>();
  for (const layer of layers) {
    for (const [record, text] of layer.texts) {
      if (!isDistRecord(record)) continue;
      const distInfo = record.slice(0, -"/RECORD".length);
      const site = distInfo.slice(0, distInfo.lastIndexOf("/"));
      const name = distName(distInfo.slice(site.length + 1));
      for (const line of text.split("\n")) {
        const relative = line.split(",")[0]?.replace(/^"|"$/g, "") ?? "";
        if (relative === "" || relative.startsWith("..")) continue;
        files.set(`${site}/${relative}`, name);
        tops.set(`${site}/${relative.split("/")[0]}`, name);
      }
    }
  }
  return { files, tops };
}

/** `numpy-2.1.3.dist-info` → numpy (the name before the version, as pip wrote it). */
function distName(distInfo: string): string {
  return distInfo.replace(/\.dist-info$/, "").replace(/-[^-]*$/, "");
}

/** RECORD's owner, else the owner of its top-level folder, else the top-level name itself. */
function ownerOf(path: string, owners: Owners): string | null {
  const match = SITE_PACKAGES.exec(path);
  if (match === null) return null;
  const site = path.slice(0, match.index + match[0].length - 1);
  const top = path.slice(site.length + 1).split("/")[0] ?? "";
  const fallback = top.replace(
    /(?:-[^-]*)?\.(?:dist|egg)-info$|\.libs$|\.(?:py|pth|so)$|\..*$/,
    "",
  );
  return owners.files.get(path) ?? owners.tops.get(`${site}/${top}`) ?? (fallback || null);
}

function largest(packages: ReadonlyMap<string, number>): PackageSize[] {
  return [...packages]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name))
    .slice(0, TOP_PACKAGES);
}
