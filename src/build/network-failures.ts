/*
 * Network failures of pip, uv, apt and registries in a build log, each with one hint that
 * says what to change, as catalog messages (network.ID, network.ID.cause). Order: the
 * specific before the general, because one log can show both (a 401 is also "could not
 * fetch", a TLS failure also "could not connect"); the generic "cannot reach the index"
 * rule in known-failures.ts comes after all of these.
 */
import { type Message, msg } from "../i18n/message.js";

export interface NetworkFailure {
  readonly id: string;
  readonly pattern: RegExp;
  readonly cause: Message;
  readonly hint: Message;
}

export const NETWORK_FAILURES: readonly NetworkFailure[] = [
  {
    id: "auth",
    pattern:
      /401 Client Error|403 Client Error|status code 401|401 Unauthorized|403 Forbidden|HTTP status client error \(40[13]/,
    cause: msg("network.auth.cause"),
    hint: msg("network.auth"),
  },
  {
    id: "lagging-mirror",
    pattern:
      /404 Client Error: Not Found for url|HTTP status client error \(404 Not Found\) for url/,
    cause: msg("network.lagging-mirror.cause"),
    hint: msg("network.lagging-mirror"),
  },
  {
    id: "tls",
    pattern:
      /CERTIFICATE_VERIFY_FAILED|certificate verify failed|invalid peer certificate|UnknownIssuer|self[- ]signed certificate|is not a trusted or secure host/,
    cause: msg("network.tls.cause"),
    hint: msg("network.tls"),
  },
  {
    id: "refused",
    pattern: /Connection refused|ECONNREFUSED|Connection reset by peer/,
    cause: msg("network.refused.cause"),
    hint: msg("network.refused"),
  },
  {
    id: "timeout",
    pattern:
      /ReadTimeoutError|Read timed out|operation timed out|error sending request[^\n]*timed out|Failed to download[^\n]*timeout|Connection timed out/,
    cause: msg("network.timeout.cause"),
    hint: msg("network.timeout"),
  },
  {
    id: "apt-mirror",
    pattern:
      /Failed to fetch http\S+\s+(?:50\d|404)|Hash Sum mismatch|File has unexpected size|does not have a Release file/,
    cause: msg("network.apt-mirror.cause"),
    hint: msg("network.apt-mirror"),
  },
];
