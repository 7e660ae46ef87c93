#!/usr/bin/env node
/**
 * Derives prisma/postgres/schema.prisma from the canonical SQLite schema: same models, only
 * the provider and the client's output directory change. `--check` fails when the derived
 * file is out of date instead of writing it.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const source = path.join(root, "prisma", "schema.prisma");
const target = path.join(root, "prisma", "postgres", "schema.prisma");

/** The PostgreSQL schema text for a canonical schema text. */
export function derivePostgresSchema(text) {
  const replace = (input, pattern, replacement) => {
    if (!pattern.test(input)) throw new Error(`${source}: expected to find ${pattern}`);
    return input.replace(pattern, replacement);
  };
  let out = replace(text, /provider = "sqlite"/, 'provider = "postgresql"');
  const output = /output\s*=\s*"\.\.\/lib\/db\/generated\/sqlite"/;
  out = replace(out, output, 'output   = "../../lib/db/generated/postgres"');
  const banner =
    "// GENERATED from prisma/schema.prisma by scripts/derive-postgres-schema.mjs: do not edit.\n";
  return banner + out;
}

const derived = derivePostgresSchema(readFileSync(source, "utf8"));
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {}
  if (current !== derived) {
    console.error(`${path.relative(root, target)} is out of date: run npm run db:derive`);
    process.exit(1);
  }
} else {
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, derived);
  console.log(`wrote ${path.relative(root, target)}`);
}
