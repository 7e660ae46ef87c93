/**
 * Loads @prisma/schema-engine-wasm by hand: its entry point imports the .wasm file as an
 * ES module, which Node 20 cannot do without an experimental flag.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { forwardEngineLog, log } from "./log.mjs";

const require = createRequire(import.meta.url);

/**
 * Starts a Wasm schema engine over `datamodels` ([path, text] pairs) that reaches the
 * database through `adapterFactory` (already bound with bindMigrationAwareSqlAdapterFactory).
 */
export async function startWasmEngine(datamodels, adapterFactory) {
  // The glue reports a Rust panic's message here before it throws.
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => forwardPanic(message) };
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = await import(gluePath);
  const bytes = readFileSync(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue.SchemaEngine.new({ datamodels }, forwardEngineLog, adapterFactory);
}

function forwardPanic(message) {
  log("ERROR", `Wasm schema engine panicked: ${message}`, { is_panic: true });
}
