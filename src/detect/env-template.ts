/*
 * A project's example environment: the file its README says to copy to `.env` before the
 * first run (`cp .env.example .env`), committed with placeholder values. Where the app's code
 * cannot start without a variable and the template gives it, the build's test container gets
 * the template's value (plan-verify-env.ts), as a developer following the README
 * would; the image never carries it. Only variables read with no default: the template's
 * other values (DEBUG=True, a localhost database) would test a development setup instead of
 * the image's own defaults.
 */
import { parse as parseDotenv } from "dotenv";
import type { DjangoFacts, EntrypointCandidate, EnvTemplateFacts } from "../core/pipeline.js";
import { appSources } from "./app/app-sources.js";
import type { ProjectFiles } from "./project-files.js";
import { type EnvRead, envReads, settingsClasses } from "./python-ast/env-reads.js";
import { lineOf } from "./text-lines.js";

/**
 * The names such files go by, most common first (the first one present is read): dotenv's
 * and most tutorials' `.env.example`, Azure's samples' `.env.sample`, then the rarer
 * spellings seen in projects (`.env_example` in django-telegram-bot, Symfony's `.env.dist`).
 * Never `.env`: that is the user's own, with real secrets, and the plan is printed.
 */
export const ENV_TEMPLATE_NAMES: readonly string[] = [
  ".env.example",
  ".env.sample",
  ".env.template",
  ".env_example",
  ".env-example",
  ".env.dist",
  "example.env",
  "sample.env",
  "env.example",
];

export function detectEnvTemplate(
  files: ProjectFiles,
  entry: EntrypointCandidate | undefined,
  django: DjangoFacts | undefined,
): EnvTemplateFacts | undefined {
  const file = ENV_TEMPLATE_NAMES.find((name) => files.has(name));
  if (file === undefined) return undefined;
  const text = files.read(file);
  const values = parseDotenv(text);
  const seen = new Set<string>();
  const provides = requiredReads(files, entry, django)
    .filter(
      (read) => (values[read.name] ?? "") !== "" && !seen.has(read.name) && seen.add(read.name),
    )
    .map((read) => {
      const value = values[read.name] as string;
      const evidence = {
        file,
        line: lineOf(text, setting(read.name)),
        why: `${read.name}=${value}`,
      };
      return { name: read.name, value, evidence, readAt: read.evidence };
    });
  return provides.length > 0 ? { file, provides } : undefined;
}

/** The app's reads with no default, then the Django settings chain's (read-django-settings.ts). */
function requiredReads(
  files: ProjectFiles,
  entry: EntrypointCandidate | undefined,
  django: DjangoFacts | undefined,
): Pick<EnvRead, "name" | "evidence">[] {
  const sources = appSources(files, entry);
  const bases = settingsClasses(sources.map((source) => source.text));
  const reads = sources
    .flatMap((source) => envReads(source.file, source.text, bases))
    .filter((read) => read.required);
  return [...reads, ...(django?.requiredEnv ?? [])];
}

/** The line that sets `name`: `NAME=…` or `export NAME=…`. */
function setting(name: string): RegExp {
  return new RegExp(`^\\s*(?:export\\s+)?${name}\\s*=`);
}
