/*
 * The base image through a registry mirror: `FROM ${PYSHIP_BASE_REGISTRY}python:3.13-slim`,
 * with `ARG PYSHIP_BASE_REGISTRY=` before the first FROM. Empty, the FROM is the image as
 * today (checked on Docker 20.10 BuildKit, the legacy builder and podman 4.3); set, it is
 * `host/library/` for Docker Hub's official images (only docker.io adds library/ itself)
 * and `host/` for other Docker Hub images. An image that names its registry stays as it is.
 */

export const BASE_REGISTRY_ARG = "PYSHIP_BASE_REGISTRY";

/** Whether the image is on Docker Hub (no registry host in front of its name). */
export function onDockerHub(image: string): boolean {
  const first = image.split("/")[0] ?? "";
  return !image.includes("/") || !(/[.:]/.test(first) || first === "localhost");
}

/** The value of PYSHIP_BASE_REGISTRY for this image, or null when it is not rewritten. */
export function baseRegistryPrefix(registry: string, image: string): string | null {
  if (!onDockerHub(image)) return null;
  return image.includes("/") ? `${registry}/` : `${registry}/library/`;
}
