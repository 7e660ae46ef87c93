/**
 * Command-line entry point: `npm run cli -- <command> ...`. Each command lives in
 * scripts/cli/ and calls the same domain code as the app. Errors go to stderr with a
 * non-zero exit; the last line of a successful import is the new incident's id.
 */
import { disconnectDatabase } from "@/lib/db/client";
import { runCommand } from "./cli/commands";

runCommand(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    process.exitCode = 1;
  },
).finally(() => disconnectDatabase());
