/*
 * A PasteDeploy ini (Pyramid's production.ini), read once: its sections as the `ini` library
 * parses them, and the text for line numbers. The Pyramid detector and its database init both
 * read the same file; a file that does not parse is no app ini (empty sections), not an error.
 * Line numbers come from text-lines.ts.
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

function parseSections(text: string): IniSections {
  try {
    return parseIni(text) as IniSections;
  } catch {
    return {};
  }
}
