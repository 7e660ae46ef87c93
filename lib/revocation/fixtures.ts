/** Test-only access to test/fixtures/ocsp (real vectors; see that folder's README). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCertificate } from "../pki/bundle";
import type { ParsedCertificate } from "../pki/certificate";

const DIR = join(__dirname, "../../test/fixtures/ocsp");

/** The bytes of a fixture file. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(DIR, name)));
}

/** A fixture certificate (DER or PEM). */
export function fixtureCert(name: string): ParsedCertificate {
  return parseCertificate(fixtureBytes(name));
}
