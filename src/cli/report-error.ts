/*
 * Turns anything thrown into the one-line message, hint and exit code users see. User
 * mistakes never show a stack trace; an unexpected bug does (with PYSHIP_DEBUG=1) because
 * then the trace is what a maintainer needs.
 */
import pc from "picocolors";
import { type ErrorCode, EXIT_CODES, isPyshipError } from "../core/errors.js";
import type { CliContext } from "./context.js";
import { t } from "./i18n.js";

const ZH_TITLES: Partial<Record<ErrorCode, string>> = {
  E_USAGE: "命令用法错误",
  E_NO_PROJECT: "未找到 Python 项目",
  E_PARSE: "文件格式错误",
  E_CONFIG: "配置错误",
  E_NO_ENTRYPOINT: "找不到应用入口",
  E_AMBIGUOUS_ENTRYPOINT: "有多个可能的应用入口",
  E_FILE_EXISTS: "文件已存在",
  E_IO: "无法读取或写入文件",
  E_PATH_OUTSIDE: "路径超出项目目录",
  E_INDEX_CREDENTIALS: "软件包索引地址中含有凭据",
  E_ENGINE_UNAVAILABLE: "容器引擎不可用",
  E_ENGINE_PERMISSION: "无权访问容器引擎",
  E_BUILDKIT_UNSUPPORTED: "客户端不支持 BuildKit",
  E_BASE_IMAGE_MISSING: "基础镜像不存在",
  E_BUILD_FAILED: "镜像构建失败",
  E_NETWORK: "网络不可达",
  E_PUSH_FAILED: "推送镜像失败",
  E_ENGINE_LOST: "构建途中容器引擎停止",
  E_DISK_FULL: "容器引擎磁盘空间不足",
  E_INTERRUPTED: "已中断（Ctrl-C）",
  E_CONTAINER_EXITED: "容器启动后立即退出",
  E_PORT_TIMEOUT: "端口一直没有响应",
  E_VERIFY_FAILED: "镜像验证未通过",
  E_LINT_INPUT: "无法检查该文件",
  E_INTERNAL: "内部错误",
};

export function reportError(ctx: CliContext, error: unknown): number {
  const paint = ctx.color ? pc : noColor;
  if (!isPyshipError(error)) {
    ctx.err(
      `${paint.red(t(ctx.lang, "error"))} [E_INTERNAL] ${String((error as Error)?.message ?? error)}`,
    );
    if (ctx.env.PYSHIP_DEBUG && error instanceof Error && error.stack) ctx.err(error.stack);
    ctx.err("This is a bug in pyship; please report it with PYSHIP_DEBUG=1 output.");
    return EXIT_CODES.E_INTERNAL;
  }
  const title = ctx.lang === "zh" && ZH_TITLES[error.code] ? ` ${ZH_TITLES[error.code]}:` : "";
  ctx.err(
    `${paint.red(t(ctx.lang, "error"))} [${error.code}]${title} ${error.location}${error.message}`,
  );
  if (error.details) ctx.err(error.details);
  if (error.hint) ctx.err(`${paint.cyan(t(ctx.lang, "hint"))}: ${error.hint}`);
  return error.exitCode;
}

const identity = (text: string) => text;
const noColor = { red: identity, cyan: identity } as const;
