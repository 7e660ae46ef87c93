import { describe, expect, it } from "vitest";
import { fixtureCert } from "@/lib/revocation/fixtures";
import { buildOcspRequest } from "@/lib/revocation/ocsp-request";
import { issuerKeyOf } from "./issuer-key";
import { ocspRequestDer } from "./ocsp-request-der";

describe("the sweep's directly encoded OCSP request", () => {
  const pairs = [
    ["leafCertHex.der", "issuerCertHex.der"],
    ["rsa-2048-sha256-crt.der", "rsa-2048-sha256-ca.der"],
    ["rsa-2048-sha256-ocsp-crt.der", "rsa-2048-sha256-ca.der"],
  ] as const;
  it.each(pairs)("is byte-identical to buildOcspRequest for %s", async (leafName, issuerName) => {
    const leaf = fixtureCert(leafName);
    const issuer = fixtureCert(issuerName);
    const reference = await buildOcspRequest(leaf, issuer);
    const mine = ocspRequestDer(issuerKeyOf(issuer), leaf.info.serialNumber);
    expect(Buffer.from(mine).toString("hex")).toBe(Buffer.from(reference.der).toString("hex"));
  });
});
