/*
 * The text of a requirements file the way pip decodes it (pip's auto_decode): a byte-order
 * mark says UTF-8, UTF-16 LE or BE (Windows PowerShell's `pip freeze > requirements.txt`
 * writes UTF-16 LE with a BOM); without one the file must be UTF-8. pip reads BOM-marked
 * files itself, so the file goes into the image unchanged. A legacy encoding (GBK, Latin-1)
 * is refused with the file, the line of the first bad byte and the one-line fix.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PyshipError } from "../../core/errors.js";
import { msg } from "../../i18n/message.js";

/** Checked in order: the UTF-8 mark is the longest, and FF FE is little-endian UTF-16. */
const BOMS: ReadonlyArray<readonly [readonly number[], string]> = [
  [[0xef, 0xbb, 0xbf], "utf-8"],
  [[0xff, 0xfe], "utf-16le"],
  [[0xfe, 0xff], "utf-16be"],
];

/** `refusal` words the error for the file's reader (pip by default; a Procfile is pyship's). */
export function readRequirementsText(
  root: string,
  path: string,
  fallback: () => string,
  refusal: "text.notUtf8" | "text.notUtf8.pyship" = "text.notUtf8",
): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, path));
  } catch {
    return fallback(); // missing or unreadable: the project's reader says so, naming the file
  }
  for (const [mark, encoding] of BOMS) {
    if (mark.every((byte, index) => bytes[index] === byte))
      return new TextDecoder(encoding).decode(bytes.subarray(mark.length));
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (cause) {
    throw notUtf8(path, bytes, cause, refusal);
  }
}

function notUtf8(
  path: string,
  bytes: Buffer,
  cause: unknown,
  refusal: "text.notUtf8" | "text.notUtf8.pyship",
): PyshipError {
  const offset = firstInvalidUtf8(bytes);
  const line = bytes.subarray(0, offset).filter((byte) => byte === 0x0a).length + 1;
  const byte = bytes[offset]?.toString(16).toUpperCase().padStart(2, "0");
  return new PyshipError("E_PARSE", msg(refusal, { path, byte: `0x${byte}` }), {
    file: path,
    line,
    hint: msg("text.notUtf8.hint", { path }),
    cause,
  });
}

/** Offset of the first byte that breaks UTF-8 (lead byte, continuation or overlong/short). */
function firstInvalidUtf8(bytes: Buffer): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] as number;
    const length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead < 0xe0
          ? 2
          : lead >= 0xe0 && lead < 0xf0
            ? 3
            : lead >= 0xf0 && lead < 0xf5
              ? 4
              : 0;
    if (length === 0) return index;
    for (let next = 1; next < length; next++) {
      if (((bytes[index + next] ?? 0) & 0xc0) !== 0x80) return index;
    }
    index += length;
  }
  return index;
}
