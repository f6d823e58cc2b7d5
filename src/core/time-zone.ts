/*
 * What a TZ value means to the C library in the image. Zone names come from ICU's copy of
 * the IANA database (Intl), not a list kept here. The classic mistake is an offset written
 * the way people say it: POSIX reads `UTC+8` as "the zone called UTC, 8 hours *west* of
 * Greenwich" (the sign is reversed), and `+08:00` or a misspelt name (`Asia/Beijing`) as
 * nothing at all, so the container silently runs on UTC.
 */
export type TimeZoneReading =
  | { readonly kind: "zone" }
  /** A POSIX rule such as `CST-8` or `EST5EDT`: valid, if obscure. */
  | { readonly kind: "posix" }
  /** `UTC+8`, `GMT-5`, `+08:00`: the Etc zone for what the writer meant, if a whole hour. */
  | { readonly kind: "offset"; readonly suggested: string | null }
  | { readonly kind: "unknown" };

const OFFSET = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const POSIX_RULE = /^[A-Za-z]{3,}[+-]?\d{1,2}(?::\d{2})?(?:[A-Za-z]{3,}.*)?$/;

/** Etc/GMT-8 is UTC+8 (the Etc names keep POSIX's reversed sign); only whole hours exist. */
function etcName(hours: number): string {
  return hours === 0 ? "UTC" : `Etc/GMT${hours > 0 ? "-" : "+"}${Math.abs(hours)}`;
}

export function isTimeZoneName(value: string): boolean {
  if (!/^[A-Za-z][\w+-]*(\/[\w+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function readTimeZone(value: string): TimeZoneReading {
  const offset = OFFSET.exec(value.trim());
  const named = /^(?:UTC|GMT)/i.test(value.trim());
  if (offset && (named || !value.includes("/"))) {
    const hours = (offset[1] === "-" ? -1 : 1) * Number(offset[2]);
    const whole = offset[3] === undefined || offset[3] === "00";
    return { kind: "offset", suggested: whole ? etcName(hours) : null };
  }
  if (isTimeZoneName(value)) return { kind: "zone" };
  if (!value.includes("/") && POSIX_RULE.test(value)) return { kind: "posix" };
  return { kind: "unknown" };
}
