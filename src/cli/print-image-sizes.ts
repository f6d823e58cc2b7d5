/*
 * "Where the megabytes are" under the verify table: base image, system packages, Python
 * packages (the virtualenv; its ten largest distributions indented below it) and app, each with a bar of its share
 * of the total, so what to trim is visible at a glance. The numbers are in `--json`.
 */
import pc from "picocolors";
import type { ImageSizes } from "../core/pipeline.js";
import type { CliContext } from "./context.js";
import { displayWidth, padDisplay } from "./display-width.js";
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
  const labelWidth = Math.max(...rows.map(([label]) => displayWidth(label)));
  ctx.out(paint.dim(`  ${t(ctx.lang, "sizes.heading", { total: megabytes(sizes.totalBytes) })}`));
  for (const [label, bytes] of rows) {
    const share = bytes / total;
    const filled = Math.round(share * BAR);
    const bar = paint.cyan("█".repeat(filled)) + paint.dim("░".repeat(BAR - filled));
    const percent = `${Math.round(share * 100)}%`.padStart(4);
    const padded = padDisplay(label, labelWidth);
    ctx.out(`  ${padded}  ${bar}  ${megabytes(bytes).padStart(9)} ${percent}`);
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
