/**
 * Log lines on stderr in the shape the Prisma CLI reads from its schema engine: one JSON
 * object per line, `level` and `fields.message`, errors tagged `schema_engine::logger`.
 */

/** Writes one log line; `fields` is merged into the line's `fields`. */
export function log(level, message, fields = {}) {
  const line = {
    timestamp: new Date().toISOString(),
    level,
    fields: { message, ...fields },
    target: "schema_engine::logger",
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

/** Passes a log line from the Wasm engine through, kept to one line. */
export function forwardEngineLog(line) {
  const text = String(line).trim();
  if (text) process.stderr.write(`${text.replaceAll("\n", " ")}\n`);
}

/** A Prisma-coded failure (P1001, P1003...) the CLI shows to the user as is. */
export class EngineError extends Error {
  constructor(code, message, meta = {}) {
    super(message);
    this.name = "SchemaConnectorError";
    this.code = code;
    this.meta = meta;
  }
}
