#!/usr/bin/env node
/**
 * Stands in for Prisma's native schema-engine binary, which cannot be downloaded on
 * restricted networks. The Prisma CLI runs it through PRISMA_SCHEMA_ENGINE_BINARY (set in
 * prisma.config.ts) and speaks to it as to the native engine: JSON-RPC on stdin/stdout,
 * JSON log lines on stderr, or one `cli <command>`. The work is done by Prisma's own engine
 * compiled to WebAssembly (@prisma/schema-engine-wasm) through a driver adapter.
 * Why: docs/decisions/0001-two-databases.md. Pitfalls handled: the comments in schema-engine/.
 */
import { readFileSync } from "node:fs";
import { EngineError, log } from "./schema-engine/log.mjs";
import { serveJsonRpc } from "./schema-engine/rpc.mjs";

function parseArguments(argv) {
  const options = { datamodels: [], datasource: undefined, command: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--datamodels") options.datamodels.push(argv[++i]);
    else if (arg === "--datasource") options.datasource = JSON.parse(argv[++i]);
    else if (arg === "cli") options.command = argv[++i];
    else if (arg.startsWith("--")) i++; // preview features, extension types: nothing to do
  }
  return options;
}

/** "sqlite" or "postgres", from the URL or else from the schema's datasource block. */
function providerOf(url, datamodels) {
  if (url) return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
  const text = datamodels.map(([, content]) => content).join("\n");
  return /provider\s*=\s*"postgres(ql)?"/.test(text) ? "postgres" : "sqlite";
}

async function runCli(command, url) {
  if (!url) throw new EngineError("P1012", "No datasource URL was given");
  if (providerOf(url, []) === "postgres") {
    await (await import("./schema-engine/postgres.mjs")).postgresCli(command, url);
  } else {
    (await import("./schema-engine/sqlite.mjs")).sqliteCli(command, url);
  }
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const url = options.datasource?.url;
  // The CLI skips the first stderr line of a `cli` run, as the native engine starts with one.
  log("INFO", "Starting schema engine (Wasm stand-in)");

  if (options.command) {
    try {
      await runCli(options.command, url);
      process.exit(0);
    } catch (error) {
      log("ERROR", error.message, { error_code: error.code ?? "P1000" });
      process.exit(1);
    }
  }

  const datamodels = options.datamodels.map((file) => [file, readFileSync(file, "utf8")]);
  await serveJsonRpc({
    provider: providerOf(url, datamodels),
    url,
    shadowDatabaseUrl: options.datasource?.shadowDatabaseUrl,
    datamodels,
  });
}

main().catch((error) => {
  log("ERROR", String(error?.stack ?? error));
  process.exit(1);
});
