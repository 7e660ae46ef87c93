/**
 * One-time wiring of the PKI libraries to Node's WebCrypto (see shared PKI-NOTES):
 * pkijs needs an engine, @peculiar/x509 needs a provider and reflect-metadata.
 * Every module in lib/pki and lib/revocation imports this file first.
 */
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import * as pkijs from "pkijs";

let ready = false;

/** Installs Node's WebCrypto into pkijs and @peculiar/x509; safe to call repeatedly. */
export function ensurePkiEngine(): void {
  if (ready) return;
  const crypto = webcrypto as unknown as Crypto;
  pkijs.setEngine("node", new pkijs.CryptoEngine({ name: "node", crypto }));
  x509.cryptoProvider.set(crypto);
  ready = true;
}

ensurePkiEngine();

/** The pkijs crypto engine, after {@link ensurePkiEngine}. */
export function pkiCrypto(): pkijs.ICryptoEngine {
  ensurePkiEngine();
  return pkijs.getCrypto(true);
}
