// STUB — replaced by the helper that owns `pyship init`.
import { PyshipError } from "../../core/errors.js";
import type { Register } from "../main.js";

export const registerInit: Register = (program, _ctx, _done) => {
  program
    .command("init")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(() => {
      throw new PyshipError("E_INTERNAL", "pyship init is not implemented yet");
    });
};
