// STUB — replaced by the helper that owns `pyship verify`.
import { PyshipError } from "../../core/errors.js";
import type { Register } from "../main.js";

export const registerVerify: Register = (program, _ctx, _done) => {
  program
    .command("verify")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(() => {
      throw new PyshipError("E_INTERNAL", "pyship verify is not implemented yet");
    });
};
