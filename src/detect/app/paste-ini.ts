/*
 * A PasteDeploy ini (Pyramid's production.ini), read once: its sections as the `ini` library
 * parses them, and the text for line numbers. The Pyramid detector and its database init both
 * read the same file; a file that does not parse is no app ini (empty sections), not an error.
 */
import { parse as parseIni } from "ini";
import type { ProjectFiles } from "../project-files.js";

export type IniSections = Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;

export interface PasteIni {
  readonly path: string;
  readonly text: string;
  readonly sections: IniSections;
}

export function readPasteIni(files: ProjectFiles, path: string): PasteIni {
  const text = files.read(path);
  return { path, text, sections: parseSections(text) };
}

/** The 1-based line of the first line matching `pattern`, or null. */
export function lineOf(text: string, pattern: RegExp): number | null {
  const index = text.split("\n").findIndex((line) => pattern.test(line));
  return index === -1 ? null : index + 1;
}

function parseSections(text: string): IniSections {
  try {
    return parseIni(text) as IniSections;
  } catch {
    return {};
  }
}
