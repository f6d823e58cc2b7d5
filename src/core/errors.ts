/*
 * The one error class every stage throws. A code is a readable string; src/cli maps it to
 * an exit code with EXIT_CODES, so two different failures never share an exit status
 * (CI scripts branch on it). Messages name the file and line; hints say what to do.
 * Message and hint are catalog messages (msg("key", params)) so the CLI can say them in the
 * user's language; `message` and `hint` hold their English text (what --json and logs show).
 */
import { english, type Message } from "../i18n/message.js";

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
  E_MIRROR_UNKNOWN: 11,
  E_MIRROR_URL: 14,
  E_SECRET_UNSET: 13,
  // engines and builds
  E_ENGINE_UNAVAILABLE: 20,
  E_ENGINE_PERMISSION: 21,
  E_BUILDKIT_UNSUPPORTED: 22,
  E_BASE_IMAGE_MISSING: 23,
  E_BUILD_FAILED: 24,
  E_NETWORK: 25,
  E_PUSH_FAILED: 26,
  E_SECRET_UNSUPPORTED: 27,
  E_ENGINE_LOST: 28,
  E_DISK_FULL: 29,
  // verification
  E_CONTAINER_EXITED: 30,
  E_PORT_TIMEOUT: 31,
  E_VERIFY_FAILED: 32,
  // multi-platform builds: no engine for it, an image of the wrong architecture, the list
  E_PLATFORM_UNSUPPORTED: 45,
  E_PLATFORM_MISMATCH: 46,
  E_MANIFEST_FAILED: 47,
  // releases (src/release): git, version, registry (40s are multi-platform builds')
  E_GIT_DIRTY: 51,
  E_VERSION_MALFORMED: 52,
  E_VERSION_MISMATCH: 53,
  E_TAG_EXISTS: 54,
  E_REGISTRY_UNREACHABLE: 55,
  E_REGISTRY_AUTH: 56,
  E_REGISTRY: 57,
  // lint: issue #4 fixes parse and usage errors at exit 2
  E_LINT_INPUT: 2,
  E_INTERNAL: 70,
  // Ctrl-C: 128 + SIGINT, as shells report it
  E_INTERRUPTED: 130,
} as const;

export type ErrorCode = keyof typeof EXIT_CODES;

export interface ErrorDetails {
  /** What to do about it, one sentence. */
  readonly hint?: string | Message;
  /** The hint's key in the CLI's message catalog, when it is translated there. */
  readonly hintKey?: string;
  /** Path relative to the project (or as given by the user). */
  readonly file?: string;
  /** 1-based line. */
  readonly line?: number;
  readonly cause?: unknown;
  /** Extra text shown under the message (e.g. the last lines of a build log). */
  readonly details?: string | Message;
}

export class PyshipError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly hintKey: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly details: string | undefined;
  /** `details` as catalog data, when the throw site has keys for its lines. */
  readonly detailsText: Message | string | undefined;
  /** The message as catalog data; a plain string when the throw site has no key yet. */
  readonly text: Message | string;
  readonly hintText: Message | string | undefined;

  constructor(code: ErrorCode, message: string | Message, details: ErrorDetails = {}) {
    super(english(message), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "PyshipError";
    this.code = code;
    this.text = message;
    this.hintText = details.hint;
    this.hint = details.hint === undefined ? undefined : english(details.hint);
    this.hintKey = details.hintKey;
    this.file = details.file;
    this.line = details.line;
    this.details = details.details === undefined ? undefined : english(details.details);
    this.detailsText = details.details;
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
