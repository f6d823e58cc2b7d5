/*
 * Shared helpers for lint tests: lint a Dockerfile text against an in-memory build context
 * at a fixed "today", and a best-practice Dockerfile to vary from.
 */
import type { LintFinding } from "../../src/core/pipeline.js";
import { memoryContext } from "../../src/lint/build-context.js";
import { type LintOptions, lintDockerfile } from "../../src/lint/lint-dockerfile.js";

export const NOW = new Date("2026-11-22T12:00:00Z");

export const CONTEXT_FILES: Record<string, string> = {
  "requirements.txt": "flask==3.0.3\ngunicorn==23.0.0\n",
  "app.py": "from flask import Flask\napp = Flask(__name__)\n",
  ".dockerignore": ".git\n.env\n.venv\nvenv\n__pycache__/\n",
};

export const CLEAN = `FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1 \\
    PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .
RUN useradd --create-home --uid 10001 app
USER app
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
`;

export function lint(
  text: string,
  files: Record<string, string> = CONTEXT_FILES,
  options: Partial<LintOptions> = {},
): LintFinding[] {
  return lintDockerfile(text, {
    file: "Dockerfile",
    build: memoryContext(files),
    now: NOW,
    ...options,
  });
}

export function codes(text: string, files?: Record<string, string>): string[] {
  return lint(text, files).map((finding) => finding.code);
}
