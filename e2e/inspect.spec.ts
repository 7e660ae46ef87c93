import { expect, test } from "@playwright/test";

const fixture = (name: string) => `test/fixtures/ocsp/${name}`;

test.describe("an officer inspects an OCSP response a monitor handed over", () => {
  test("reads Google Trust Services' answer and verifies it with the issuer", async ({ page }) => {
    await page.goto("/ocsp/inspect");
    await page.getByLabel("OCSP response (DER)").setInputFiles(fixture("ocspResponseHex.der"));
    await page.getByLabel("Issuer certificate (optional)").setInputFiles(fixture("GTSRoot.pem"));
    await page.getByRole("button", { name: "Inspect" }).click();

    const result = page.getByRole("region", { name: "Inspection" });
    // Signed by the issuer and valid, but its nextUpdate (2021-11-14) has long passed.
    await expect(result).toContainText("Signature: valid");
    await expect(page.getByTestId("inspect-verdict")).toHaveText("stale");
    await expect(result).toContainText("f374542e3c7a68360a00000001103462");
    await expect(result).toContainText("8a747faf85cdee95cd3d9cd0e24614f371351d27");
  });

  test("is told plainly that a CRL is not an OCSP response", async ({ page }) => {
    await page.goto("/ocsp/inspect");
    await page.getByLabel("OCSP response (DER)").setInputFiles(fixture("rsa-2048-sha256-ca-crl.der"));
    await page.getByRole("button", { name: "Inspect" }).click();
    const answer = page.getByRole("region", { name: "Inspection" }).or(page.getByRole("alert").filter({ hasText: /CRL/ }));
    await expect(answer).toContainText(/CRL/);
  });
});
