/*
 * The ordered rules table. Order only decides the order of findings on the same line (they
 * are sorted by position afterwards): base image first, then what is installed, how it
 * runs, secrets, system packages, single instructions, and the build context last, so a
 * reader of one line sees the most fundamental problem first.
 */
import type { Rule } from "./model.js";
import { alpinePython, alpineWithoutWheels } from "./rules/alpine.js";
import {
  buildPlatformInFinal,
  eolDebian,
  eolPython,
  fullBaseImage,
  unpinnedBaseImage,
} from "./rules/base-image.js";
import {
  dockerignoreLeaksBloat,
  dockerignoreLeaksSecrets,
  noDockerignore,
} from "./rules/build-context.js";
import { copyBeforeInstall } from "./rules/copy-before-install.js";
import { pipCache, unpinnedPipInstall } from "./rules/dependency-install.js";
import {
  addInsteadOfCopy,
  addUrl,
  cdInRun,
  healthcheckMissingTool,
  maintainer,
  syntaxDirective,
} from "./rules/instructions.js";
import { legacyEnvForm } from "./rules/legacy-env.js";
import { noPythonUnbuffered, rootUser, shellFormCommand } from "./rules/runtime.js";
import { copySecretFile, credentialsInUrl, secretInArg, secretInEnv } from "./rules/secrets.js";
import { bindsLocalhost, devServer, exposeMismatch } from "./rules/server.js";
import {
  aptInstallRecommends,
  aptUpdateAlone,
  buildToolsInFinal,
  packageIndexKept,
} from "./rules/system-packages.js";
import { timeZoneMistake } from "./rules/time-zone.js";
import { unpinnedBaseTools, unpinnedInstaller } from "./rules/tool-pins.js";

export const LINT_RULES: readonly Rule[] = [
  fullBaseImage,
  unpinnedBaseImage,
  eolPython,
  eolDebian,
  buildPlatformInFinal,
  alpineWithoutWheels,
  alpinePython,
  copyBeforeInstall,
  pipCache,
  unpinnedPipInstall,
  unpinnedBaseTools,
  unpinnedInstaller,
  noPythonUnbuffered,
  rootUser,
  shellFormCommand,
  devServer,
  bindsLocalhost,
  exposeMismatch,
  timeZoneMistake,
  secretInEnv,
  secretInArg,
  credentialsInUrl,
  copySecretFile,
  aptUpdateAlone,
  aptInstallRecommends,
  packageIndexKept,
  buildToolsInFinal,
  addUrl,
  addInsteadOfCopy,
  cdInRun,
  maintainer,
  healthcheckMissingTool,
  syntaxDirective,
  legacyEnvForm,
  noDockerignore,
  dockerignoreLeaksSecrets,
  dockerignoreLeaksBloat,
];
