// STUB — replaced by the helper that owns `pyship doctor`.
import { PyshipError } from "../../core/errors.js";
import type { Register } from "../main.js";

export const registerDoctor: Register = (program, _ctx, _done) => {
  program
    .command("doctor")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(() => {
      throw new PyshipError("E_INTERNAL", "pyship doctor is not implemented yet");
    });
};
