/*
 * The CycloneDX (1.6, JSON) document of a release image: the image itself as the subject, its
 * base image, and every Python distribution installed in it, each with its PyPI purl. Built
 * and serialized with the CycloneDX library; the timestamp is the commit's and the bom-refs
 * are the purls, so one commit gives one document.
 */
// Subpaths, not the package root: the root also loads the validators, which find their
// schemas through __dirname and so can't live in the bundled CLI (the tests use them).
import * as Enums from "@cyclonedx/cyclonedx-library/Enums";
import * as Models from "@cyclonedx/cyclonedx-library/Models";
import * as Serialize from "@cyclonedx/cyclonedx-library/Serialize";
import * as Spec from "@cyclonedx/cyclonedx-library/Spec";
import { PackageURL } from "packageurl-js";
import type { InstalledPackage } from "./installed-packages.js";

export interface SbomSubject {
  /** `host/namespace/name`. */
  readonly repository: string;
  readonly version: string;
  /** The image config digest (sha256:…). */
  readonly imageDigest: string;
  readonly commitTime: number;
}

export interface BaseImage {
  /** As the Dockerfile names it: `python:3.12-slim`. */
  readonly reference: string;
  /** Its local image id (sha256:…), or null when the engine does not know it. */
  readonly digest: string | null;
}

export function sbomDocument(
  subject: SbomSubject,
  base: BaseImage | null,
  packages: readonly InstalledPackage[],
): string {
  const bom = new Models.Bom();
  bom.metadata.timestamp = new Date(subject.commitTime * 1000);
  bom.metadata.component = container(subject.repository, subject.version, subject.imageDigest);
  if (base) bom.components.add(baseComponent(base));
  for (const found of packages) bom.components.add(pythonComponent(found));
  const serializer = new Serialize.JsonSerializer(
    new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6),
  );
  return serializer.serialize(bom, { sortLists: true, space: 2 });
}

function container(name: string, version: string, digest: string | null): Models.Component {
  const component = new Models.Component(Enums.ComponentType.Container, name, {
    version,
    bomRef: `${name}:${version}`,
  });
  const hex = digest?.replace(/^sha256:/, "");
  if (hex && /^[0-9a-f]{64}$/.test(hex)) component.hashes.set(Enums.HashAlgorithm["SHA-256"], hex);
  return component;
}

function baseComponent(base: BaseImage): Models.Component {
  const [name = base.reference, tag = "latest"] = splitReference(base.reference);
  const component = container(name, tag, base.digest);
  component.description = "base image";
  return component;
}

/** `registry:5000/python:3.12-slim` → [registry:5000/python, 3.12-slim]. */
export function splitReference(reference: string): [string, string] {
  const at = reference.lastIndexOf(":");
  return at > reference.lastIndexOf("/")
    ? [reference.slice(0, at), reference.slice(at + 1)]
    : [reference, "latest"];
}

function pythonComponent(found: InstalledPackage): Models.Component {
  // PyPI purls use the normalized (PEP 503) name.
  const purl = new PackageURL(
    "pypi",
    null,
    found.name.toLowerCase().replace(/[-_.]+/g, "-"),
    found.version,
    null,
    null,
  );
  const component = new Models.Component(Enums.ComponentType.Library, found.name, {
    version: found.version,
    purl: purl.toString(),
    bomRef: purl.toString(),
  });
  if (found.license) component.licenses.add(new Models.NamedLicense(found.license));
  return component;
}
