// STUB — owned by the plan/render/write helper. Plan → Dockerfile and .dockerignore (pure).
import type { Plan, RenderedFiles } from "../core/pipeline.js";

export function renderFiles(_plan: Plan): RenderedFiles {
  return [];
}
