/*
 * Placeholder values for the variables a Django settings module cannot import without, for
 * collectstatic at build time only: they go on that one RUN line, never into ENV or ARG, so
 * the image does not carry them. Each has the shape its readers parse (a URL that
 * dj-database-url and django-redis accept, a port that int() reads, a host list that split()
 * keeps), none is a real secret, and nothing connects during collectstatic. First match wins.
 */
import type { DjangoFacts } from "../core/pipeline.js";

export const BUILD_ONLY_VALUE = "collectstatic-build-only";

const VALUES: readonly (readonly [RegExp, string])[] = [
  [/(?:DATABASE|DB|SQL)_(?:URL|URI|DSN)$/, "sqlite:///:memory:"],
  [/REDIS|CACHE/, "redis://localhost:6379/0"],
  // Sentry's DSN shape (a key, a project id): sentry_sdk.init refuses a DSN without them.
  [/_DSN$/, "https://placeholder@localhost/1"],
  [/_(?:URL|URI)$/, "http://localhost/"],
  [/PORT$/, "1"],
  [/DEBUG$/, "0"],
  [/HOSTS?$/, "localhost"],
];

export interface BuildOnlyVariable {
  readonly name: string;
  readonly value: string;
  readonly evidence: NonNullable<DjangoFacts["requiredEnv"]>[number]["evidence"];
}

export function buildOnlyEnv(django: DjangoFacts): BuildOnlyVariable[] {
  return (django.requiredEnv ?? [])
    .filter((read) => read.name !== django.secretKeyEnv)
    .map((read) => ({ ...read, value: placeholderFor(read.name) }));
}

export function placeholderFor(name: string): string {
  return VALUES.find(([pattern]) => pattern.test(name))?.[1] ?? BUILD_ONLY_VALUE;
}
