/*
 * When each CPython minor was released (python.org), oldest first: a package release that
 * declares no Requires-Python and ships no version-specific wheels was made for the Pythons
 * that existed on its upload date.
 */
export const PYTHON_RELEASES: readonly { readonly minor: string; readonly date: string }[] = [
  { minor: "3.6", date: "2016-12-23" },
  { minor: "3.7", date: "2018-06-27" },
  { minor: "3.8", date: "2019-10-14" },
  { minor: "3.9", date: "2020-10-05" },
  { minor: "3.10", date: "2021-10-04" },
  { minor: "3.11", date: "2022-10-24" },
  { minor: "3.12", date: "2023-10-02" },
  { minor: "3.13", date: "2024-10-07" },
  { minor: "3.14", date: "2025-10-07" },
];

/** "3.9" → 309, so minors compare as numbers. */
export function minorRank(minor: string): number {
  const [major = "0", rest = "0"] = minor.split(".");
  return Number(major) * 100 + Number(rest);
}

/** The newest minor released on or before an ISO date, or null before 3.6. */
export function newestMinorAt(isoDate: string): string | null {
  const day = isoDate.slice(0, 10);
  return PYTHON_RELEASES.filter((r) => r.date <= day).at(-1)?.minor ?? null;
}
