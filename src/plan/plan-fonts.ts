/*
 * CJK fonts for charts: matplotlib draws Chinese labels as empty boxes (and warns "Glyph …
 * missing from current font") in a slim image, which has no CJK font. `--cjk-fonts` or
 * `[tool.pyship] cjk-fonts = true` adds one Debian font package to the final stage's apt
 * step (so the apt mirror ARG applies to it too). Without the option, a project that uses
 * matplotlib, planned by someone working in Chinese, gets a hint instead of a silent 5 MB.
 */
import type { Evidence, PlanOptions, ProjectFacts } from "../core/pipeline.js";
import { because, type Message, msg, withText } from "../i18n/message.js";
import { byDefault, fromFlag, type Notes } from "./notes.js";

/**
 * WenQuanYi Micro Hei: one ~5 MB TrueType collection (Debian main, bookworm and trixie) that
 * covers GB 18030 and Big5, so both Simplified and Traditional labels draw. fonts-noto-cjk
 * looks better but installs about 90 MB, more than the rest of a slim runtime.
 */
export const CJK_FONT_PACKAGE = "fonts-wqy-microhei";

/** What matplotlib needs to pick the font (its default DejaVu Sans has no CJK glyphs). */
const FONT_FAMILY = "WenQuanYi Micro Hei";

/** The runtime apt packages for CJK fonts: [] unless asked; a hint when they'd help. */
export function planCjkFonts(facts: ProjectFacts, options: PlanOptions, notes: Notes): string[] {
  const chosen = cjkFontsChoice(facts, options);
  if (chosen !== null) {
    const text = msg("ev.cjkFonts", { package: CJK_FONT_PACKAGE, family: FONT_FAMILY });
    notes.evidence.push(chosen(text));
    return [CJK_FONT_PACKAGE];
  }
  const matplotlib = facts.dependencies.requirements.find((r) => r.name === "matplotlib");
  if (matplotlib && options.locale !== undefined && options.locale !== "en") {
    const text = withText(msg("warn.cjkFonts", { package: CJK_FONT_PACKAGE }));
    notes.warnings.push({ code: "W_CJK_FONTS", ...text, file: matplotlib.evidence.file });
  }
  return [];
}

type Because = (text: Message) => Evidence;

/** How the fonts were asked for (flag over config), or null when they were not. */
function cjkFontsChoice(facts: ProjectFacts, options: PlanOptions): Because | null {
  if (options.cjkFonts !== undefined)
    return options.cjkFonts ? (text) => fromFlag("--cjk-fonts", text) : null;
  if (facts.config.cjkFonts !== true) return null;
  const source = facts.config.source;
  return (text) => (source ? { ...source, ...because(text) } : byDefault(text));
}
