/*
 * The one error class every stage throws. A code is a readable string; src/cli maps it to
 * an exit code with EXIT_CODES, so two different failures never share an exit status
 * (CI scripts branch on it). Messages name the file and line; hints say what to do.
 */

export const EXIT_CODES = {
  // usage and input
  E_USAGE: 2,
  E_NO_PROJECT: 3,
  E_PARSE: 4,
  E_CONFIG: 5,
  E_NO_ENTRYPOINT: 6,
  E_AMBIGUOUS_ENTRYPOINT: 7,
  E_FILE_EXISTS: 8,
  E_IO: 9,
  E_PATH_OUTSIDE: 9,
  E_NO_GIT: 12,
  E_INDEX_CREDENTIALS: 10,
  // engines and builds
  E_ENGINE_UNAVAILABLE: 20,
  E_ENGINE_PERMISSION: 21,
  E_BUILDKIT_UNSUPPORTED: 22,
  E_BASE_IMAGE_MISSING: 23,
  E_BUILD_FAILED: 24,
  E_NETWORK: 25,
  E_PUSH_FAILED: 26,
  E_ENGINE_LOST: 27,
  E_DISK_FULL: 28,
  // verification
  E_CONTAINER_EXITED: 30,
  E_PORT_TIMEOUT: 31,
  E_VERIFY_FAILED: 32,
  // lint: issue #4 fixes parse and usage errors at exit 2
  E_LINT_INPUT: 2,
  E_INTERNAL: 70,
  // Ctrl-C: 128 + SIGINT, as shells report it
  E_INTERRUPTED: 130,
} as const;

export type ErrorCode = keyof typeof EXIT_CODES;

export interface ErrorDetails {
  /** What to do about it, one sentence. */
  readonly hint?: string;
  /** Path relative to the project (or as given by the user). */
  readonly file?: string;
  /** 1-based line. */
  readonly line?: number;
  readonly cause?: unknown;
  /** Extra text shown under the message (e.g. the last lines of a build log). */
  readonly details?: string;
}

export class PyshipError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly details: string | undefined;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "PyshipError";
    this.code = code;
    this.hint = details.hint;
    this.file = details.file;
    this.line = details.line;
    this.details = details.details;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }

  /** `file:line: message` — the one line users see. */
  get location(): string {
    if (this.file === undefined) return "";
    return this.line === undefined ? `${this.file}: ` : `${this.file}:${this.line}: `;
  }
}

export function isPyshipError(value: unknown): value is PyshipError {
  return value instanceof PyshipError;
}
