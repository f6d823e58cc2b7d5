import * as Spec from "@cyclonedx/cyclonedx-library/Spec";
import * as Validation from "@cyclonedx/cyclonedx-library/Validation";
import { describe, expect, it } from "vitest";
import { ociLabels } from "../../src/release/oci-labels.js";
import { parseReleaseVersion } from "../../src/release/release-version.js";
import { sbomDocument } from "../../src/release/sbom-document.js";

const SUBJECT = {
  repository: "127.0.0.1:5000/team/shop",
  version: "1.2.3",
  imageDigest: `sha256:${"a".repeat(64)}`,
  commitTime: 1_764_000_000,
};
const PACKAGES = [
  { name: "Flask", version: "3.0.3", license: "BSD-3-Clause" },
  { name: "zope.interface", version: "6.4", license: null },
];

describe("sbomDocument", () => {
  const document = sbomDocument(
    SUBJECT,
    { reference: "python:3.12-slim", digest: `sha256:${"b".repeat(64)}` },
    PACKAGES,
  );

  it("is valid CycloneDX 1.6 (the library's strict JSON schema validator)", async () => {
    expect(
      await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(document),
    ).toBeNull();
  });

  it("names the image, its base and each installed package by purl", () => {
    const bom = JSON.parse(document);
    expect(bom.metadata.component).toMatchObject({
      type: "container",
      name: SUBJECT.repository,
      version: "1.2.3",
    });
    expect(bom.metadata.timestamp).toBe("2025-11-24T16:00:00.000Z");
    expect(
      bom.components.map((c: { name: string; purl?: string }) => [c.name, c.purl ?? null]),
    ).toStrictEqual([
      ["Flask", "pkg:pypi/flask@3.0.3"],
      ["zope.interface", "pkg:pypi/zope-interface@6.4"],
      ["python", null],
    ]);
  });

  it("one commit gives one document", () => {
    expect(sbomDocument(SUBJECT, null, PACKAGES)).toBe(sbomDocument(SUBJECT, null, PACKAGES));
  });

  it("a document the schema rejects is reported (the validator can fail)", async () => {
    const broken = JSON.stringify({ ...JSON.parse(document), components: [{ type: "library" }] });
    expect(
      await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(broken),
    ).not.toBeNull();
  });
});

describe("ociLabels", () => {
  const git = {
    sha: "f".repeat(40),
    shortSha: "fffffff",
    tags: [],
    commitTime: 1_764_000_000,
    source: "https://example.com/acme/shop",
  };
  const project = {
    name: "shop",
    version: "1.2.3",
    versionSource: "literal" as const,
    evidence: null,
    license: "MIT",
    description: "A shop\n",
  };

  it("labels the release from the commit, not the clock", () => {
    expect(ociLabels(project, parseReleaseVersion("v1.2.3"), git)).toStrictEqual({
      "org.opencontainers.image.version": "1.2.3",
      "org.opencontainers.image.revision": "f".repeat(40),
      "org.opencontainers.image.source": "https://example.com/acme/shop",
      "org.opencontainers.image.created": "2025-11-24T16:00:00Z",
      "org.opencontainers.image.licenses": "MIT",
      "org.opencontainers.image.title": "shop",
      "org.opencontainers.image.description": "A shop",
    });
  });

  it("leaves out what is unknown; an untagged commit is versioned by its sha", () => {
    const labels = ociLabels({ ...project, license: null, description: null }, null, {
      ...git,
      source: null,
    });
    expect(Object.keys(labels).sort()).toStrictEqual(
      ["created", "revision", "title", "version"].map((k) => `org.opencontainers.image.${k}`),
    );
    expect(labels["org.opencontainers.image.version"]).toBe("sha-fffffff");
  });
});
