/*
 * PY401–PY404: credentials in the image or its history. What a variable expands to only
 * matters where it reaches the final image (its config and history); a literal secret
 * written in the Dockerfile is reported in any stage, because the file itself is in git.
 * The patterns are shared with verify's layer scan (src/core/secret-patterns.ts).
 */
import {
  credentialUrls,
  findTokenShape,
  hasTokenShape,
  isSecretName,
} from "../../core/secret-patterns.js";
import type { Rule, RuleFinding } from "../model.js";
import { reachesFinal, textOf } from "../model.js";
import { copySources, propertiesOf } from "../rule-kit.js";

export const secretInEnv: Rule = (model) =>
  model.instructions
    .filter((instruction) => instruction.keyword === "ENV")
    .flatMap((instruction) =>
      propertiesOf(instruction).flatMap((property): RuleFinding[] => {
        const { name, value } = property;
        if (value === "" || /^\/run\/secrets\//.test(value)) return [];
        const inFinal = reachesFinal(model, instruction.stage);
        const named = isSecretName(name) && (inFinal || !value.includes("$"));
        if (!named && !hasTokenShape(value)) return [];
        return [{ code: "PY401", range: instruction.range, vars: { name } }];
      }),
    );

export const secretInArg: Rule = (model) =>
  model.instructions
    .filter((i) => i.keyword === "ARG" && i.stage >= 0 && reachesFinal(model, i.stage))
    .flatMap((instruction) =>
      propertiesOf(instruction)
        .filter((p) => isSecretName(p.name) || hasTokenShape(p.value))
        .map((p) => ({ code: "PY402", range: instruction.range, vars: { name: p.name } })),
    );

export const credentialsInUrl: Rule = (model) =>
  model.instructions
    .filter((instruction) => instruction.keyword === "RUN" || instruction.keyword === "ADD")
    .flatMap((instruction) => {
      const text = textOf(model, instruction.range);
      const inFinal = reachesFinal(model, instruction.stage);
      const urls = credentialUrls(text).filter((url) => url.literal || inFinal);
      const shaped = findTokenShape(text);
      const shown = urls[0]?.shown ?? (shaped ? "a token" : null);
      return shown === null
        ? []
        : [{ code: "PY403", range: instruction.range, vars: { url: shown } }];
    });

const SECRET_FILE =
  /^(\.env(\.(?!example$|sample$|template$|dist$|defaults?$)[\w-]+)?|.*\.(pem|p12|pfx|jks|keystore)|.*private.*\.key|id_(rsa|dsa|ecdsa|ed25519)|\.netrc|\.pypirc|\.npmrc|\.git-credentials|credentials(\.json)?|.*service[-_]?account.*\.json)$/i;

export const copySecretFile: Rule = (model) =>
  model.finalChain
    .flatMap((stage) => stage.instructions)
    .filter((instruction) => instruction.keyword === "COPY" || instruction.keyword === "ADD")
    .flatMap((instruction) => {
      const secret = copySources(instruction).find((source) =>
        SECRET_FILE.test(source.split("/").pop() ?? ""),
      );
      return secret ? [{ code: "PY404", range: instruction.range, vars: { path: secret } }] : [];
    });
