// STUB — replaced by the helper that owns `pyship build`.
import { PyshipError } from "../../core/errors.js";
import type { Register } from "../main.js";

export const registerBuild: Register = (program, _ctx, _done) => {
  program
    .command("build")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(() => {
      throw new PyshipError("E_INTERNAL", "pyship build is not implemented yet");
    });
};
