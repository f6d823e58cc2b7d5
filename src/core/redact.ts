/*
 * Credentials in URLs (`https://user:token@host/…`, `https://token@host/…`) never reach a
 * terminal, a log file or a message: every line pyship prints or keeps goes through here.
 */

const CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@'"]+@/gi;

export function redact(text: string): string {
  return text.replace(CREDENTIALS, "$1***@");
}
