/*
 * "Where the megabytes are" under the verify table: base image, system packages, Python
 * packages (the virtualenv; its ten largest distributions indented below it) and app, each with a bar of its share
 * of the total, so what to trim is visible at a glance. The numbers are in `--json`.
 */
import pc from "picocolors";
import type { ImageSizes } from "../core/pipeline.js";
import type { CliContext } from "./context.js";
import { t } from "./i18n.js";

const BAR = 24;

export function printImageSizes(ctx: CliContext, sizes: ImageSizes): void {
  const paint = ctx.color ? pc : { dim: (s: string) => s, cyan: (s: string) => s };
  const total = Math.max(sizes.totalBytes, 1);
  const rows: [string, number][] = [
    [t(ctx.lang, "sizes.base"), sizes.baseBytes],
    [t(ctx.lang, "sizes.system"), sizes.systemBytes],
    [t(ctx.lang, "sizes.venv"), sizes.venvBytes],
    ...sizes.venvPackages.map(({ name, bytes }): [string, number] => [`  ${name}`, bytes]),
    [t(ctx.lang, "sizes.app"), sizes.appBytes],
  ];
  const labelWidth = Math.max(...rows.map(([label]) => columns(label)));
  ctx.out(paint.dim(`  ${t(ctx.lang, "sizes.heading", { total: megabytes(sizes.totalBytes) })}`));
  for (const [label, bytes] of rows) {
    const share = bytes / total;
    const filled = Math.round(share * BAR);
    const bar = paint.cyan("█".repeat(filled)) + paint.dim("░".repeat(BAR - filled));
    const percent = `${Math.round(share * 100)}%`.padStart(4);
    const padded = label + " ".repeat(labelWidth - columns(label));
    ctx.out(`  ${padded}  ${bar}  ${megabytes(bytes).padStart(9)} ${percent}`);
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Display width: CJK characters take two terminal columns. */
function columns(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u2e80-\ua4cf\uac00-\ud7a3\uff00-\uff60]/.test(char) ? 2 : 1;
  return width;
}
