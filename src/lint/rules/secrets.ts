/*
 * PY401–PY404: credentials in the image or its history. What a variable expands to only
 * matters where it reaches the final image (its config and history); a literal secret
 * written in the Dockerfile is reported in any stage, because the file itself is in git.
 */
import type { Rule, RuleFinding } from "../model.js";
import { reachesFinal, textOf } from "../model.js";
import { copySources, propertiesOf } from "../rule-kit.js";

const SECRET_WORD =
  /^(PASSWORD|PASSWD|PASS|PWD|SECRET|SECRETS|TOKEN|APIKEY|CREDENTIALS?|PRIVATEKEY)$/;
const SECRET_PAIR = /(API|ACCESS|PRIVATE|SECRET|SIGNING|ENCRYPTION|MASTER)_KEY(_|$)/;
/** Names that describe a secret without holding it: SECRET_KEY_FILE, TOKEN_URL, DB_PASSWORD_PATH. */
const NOT_A_VALUE =
  /_(FILE|PATH|DIR|NAME|ID|URL|URI|HEADER|LENGTH|TYPE|ENABLED|TTL|EXPIRY|EXPIRES|TIMEOUT|VERSION|MODE|HOST|PORT|USER|USERNAME|FIELD|PARAM)$/;

export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (NOT_A_VALUE.test(upper) || upper === "PWD") return false;
  return upper.split("_").some((part) => SECRET_WORD.test(part)) || SECRET_PAIR.test(upper);
}

const TOKEN_SHAPES = [
  /AKIA[0-9A-Z]{16}/,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/,
  /\bglpat-[A-Za-z0-9_-]{20,}/,
  /\bsk-[A-Za-z0-9_-]{20,}/,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];
/** scheme://user:password@ or scheme://<token>@ ; `git@` alone is an ssh user, not a secret. */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/([^\s:@/'"]+)(?::([^\s@/'"]*))?@[^\s'"]+/gi;
const QUERY_TOKEN =
  /[?&](access_token|private_token|token|api_key|apikey|password|secret)=[^&\s'"]+/gi;

function hasTokenShape(value: string): boolean {
  return TOKEN_SHAPES.some((shape) => shape.test(value)) || credentialUrls(value).length > 0;
}

/** Credential-bearing URLs in a text, masked for the message, each with whether it is a literal. */
function credentialUrls(text: string): { shown: string; literal: boolean }[] {
  const found: { shown: string; literal: boolean }[] = [];
  for (const match of text.matchAll(URL_CREDENTIALS)) {
    const [whole, user = "", password] = match;
    const secret = password ?? user;
    const looksSecret = password
      ? password !== ""
      : /^\$|^[A-Za-z0-9_-]{20,}$/.test(user) && /[0-9$]/.test(user);
    if (!looksSecret) continue;
    found.push({ shown: whole.replace(/\/\/[^@]+@/, "//***@"), literal: !secret.includes("$") });
  }
  for (const match of text.matchAll(QUERY_TOKEN)) {
    found.push({ shown: match[0].replace(/=.*/, "=***"), literal: !match[0].includes("$") });
  }
  return found;
}

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
      const shaped = TOKEN_SHAPES.find((shape) => shape.test(text));
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
