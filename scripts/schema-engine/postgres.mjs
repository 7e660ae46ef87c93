/**
 * PostgreSQL for the Wasm schema engine: adapter-pg with two fixes the migration process
 * needs (pg_catalog's "char" columns, and a shadow database that really is separate).
 */
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { EngineError } from "./log.mjs";

const require = createRequire(import.meta.url);
const pg = require("pg");
const { PrismaPg } = require("@prisma/adapter-pg");

const CHAR_OID = 18;
const TEXT_OID = 25;

/**
 * Introspection reads pg_catalog columns of the internal type "char", which adapter-pg
 * refuses; within this process only, report them as text (their text form is the same).
 */
export function readCharAsText() {
  const addFields = pg.Result.prototype.addFields;
  pg.Result.prototype.addFields = function (fields) {
    for (const field of fields) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    return addFields.call(this, fields);
  };
}

/**
 * Discrete connection fields from a URL. adapter-pg given a connection string would ignore
 * the database name it sets for the shadow database.
 */
export function pgConfig(url) {
  const u = new URL(url);
  const params = u.searchParams;
  const sslmode = params.get("sslmode");
  return {
    config: {
      host: params.get("host") ?? (decodeURIComponent(u.hostname) || "localhost"),
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username) || undefined,
      password: decodeURIComponent(u.password) || undefined,
      database: decodeURIComponent(u.pathname.slice(1)) || "postgres",
      ssl:
        sslmode && sslmode !== "disable"
          ? { rejectUnauthorized: sslmode === "verify-full" }
          : undefined,
    },
    schema: params.get("schema") ?? undefined,
  };
}

const quote = (name) => `"${name.replaceAll('"', '""')}"`;

async function withMaintenanceClient(config, fn) {
  const client = new pg.Client({ ...config, database: "postgres" });
  await client.connect().catch((error) => {
    throw connectionError(error, config);
  });
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A migration-aware adapter factory for `url`, shadow database made and dropped here. */
export function postgresAdapterFactory(url, shadowDatabaseUrl) {
  const { config, schema } = pgConfig(url);
  const inner = new PrismaPg(config, { schema });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => inner.connect(),
    connectToShadowDb: async () => {
      if (shadowDatabaseUrl) return new PrismaPg(pgConfig(shadowDatabaseUrl).config).connect();
      const database = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      await withMaintenanceClient(config, (c) => c.query(`CREATE DATABASE ${quote(database)}`));
      const shadow = await new PrismaPg({ ...config, database }, { schema }).connect();
      const drop = (c) => c.query(`DROP DATABASE IF EXISTS ${quote(database)}`);
      const dispose = shadow.dispose.bind(shadow);
      // Close the pool before dropping: PostgreSQL refuses to drop a database in use.
      shadow.dispose = async () => {
        await dispose();
        await withMaintenanceClient(config, drop);
      };
      return shadow;
    },
  };
}

/** The Prisma error code and wording the CLI expects for a failed connection. */
function connectionError(error, config) {
  const server = `\`${config.host}:${config.port}\``;
  if (error?.code === "3D000") {
    const message = `Database \`${config.database}\` does not exist on the database server at ${server}`;
    return new EngineError("P1003", message);
  }
  if (error?.code === "28P01" || error?.code === "28000") {
    const message = `Authentication failed against database server at ${server}: ${error.message}`;
    return new EngineError("P1000", message);
  }
  if (["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "EHOSTUNREACH"].includes(error?.code)) {
    return new EngineError("P1001", `Can't reach database server at ${server}`);
  }
  return new EngineError("P1000", String(error?.message ?? error));
}

/** The engine's `cli` commands (and the createDatabase RPC) for a PostgreSQL URL. */
export async function postgresCli(command, url) {
  const { config } = pgConfig(url);
  if (command === "can-connect-to-database") {
    const client = new pg.Client(config);
    await client.connect().catch((error) => {
      throw connectionError(error, config);
    });
    await client.end();
  } else if (command === "create-database") {
    await withMaintenanceClient(config, async (c) => {
      const found = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [config.database]);
      if (found.rowCount === 0) await c.query(`CREATE DATABASE ${quote(config.database)}`);
    });
  } else if (command === "drop-database") {
    const sql = `DROP DATABASE IF EXISTS ${quote(config.database)} WITH (FORCE)`;
    await withMaintenanceClient(config, (c) => c.query(sql));
  } else {
    throw new EngineError("P1012", `Unknown command \`${command}\``);
  }
}
