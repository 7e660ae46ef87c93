import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import http from "node:http";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { createTestCa, type TestCa, type TestLeaf } from "../test/support/openssl-ca";
import { freePort, startOpensslResponder, type OpensslResponder } from "../test/support/openssl-ocsp";
import { issueSpreadLeaves } from "../lib/checks/testing/spread-leaves";

/**
 * A real OpenSSL CA made for this run: one good and one revoked (keyCompromise) leaf,
 * answered by a real `openssl ocsp` responder and a CRL server, both on 127.0.0.1.
 */
let ca: TestCa;
let good: TestLeaf;
let revoked: TestLeaf;
let responder: OpensslResponder;
let crlServer: http.Server;

/** Leaves issued with `openssl ca` always have a file; the type allows in-process ones. */
function fileOf(leaf: TestLeaf): string {
  if (!leaf.certPath) throw new Error(`leaf ${leaf.serial} has no certificate file`);
  return leaf.certPath;
}

async function openssl(args: string[]): Promise<string> {
  return (await promisify(execFile)("openssl", args)).stdout;
}

test.beforeAll(async () => {
  const crlPort = await freePort();
  ca = await createTestCa({ ocspPort: await freePort(), crlPort });
  good = await ca.issueLeaf("good.incident-desk.test");
  revoked = await ca.issueLeaf("revoked.incident-desk.test");
  await ca.revoke(revoked, "keyCompromise");
  const crl = await ca.generateCrl();
  crlServer = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "application/pkix-crl" }).end(Buffer.from(crl));
  });
  await new Promise<void>((resolve) => crlServer.listen(crlPort, "127.0.0.1", resolve));
  responder = await startOpensslResponder({ ca });
});

test.afterAll(async () => {
  await responder?.stop();
  await new Promise((resolve) => crlServer?.close(resolve));
  await ca?.cleanup();
});

test("an officer attaches two certificates, checks them and downloads the evidence", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("link", { name: /SHECA/ }).click();

  await page.getByText("Add certificates").click();
  await page.getByLabel("Certificates", { exact: true }).setInputFiles([fileOf(good), fileOf(revoked)]);
  await page.getByLabel("Issuer certificates").setInputFiles(ca.certPath);
  await page.getByRole("button", { name: "Attach" }).click();
  await expect(page.getByText("Attached 2 certificate(s).")).toBeVisible();

  await page.getByRole("button", { name: "Check now" }).click();
  const table = page.getByRole("table", { name: "Revocation status" });
  const goodRow = table.locator(`tr[data-certificate="${good.cert.info.sha256Fingerprint}"]`);
  const revokedRow = table.locator(`tr[data-certificate="${revoked.cert.info.sha256Fingerprint}"]`);
  await expect(goodRow.locator("[data-verdict]").first()).toHaveText("good", { timeout: 30_000 });
  await expect(goodRow.locator("[data-verdict]").nth(1)).toHaveText("not-listed");
  await expect(revokedRow.locator("[data-verdict]").first()).toHaveText("revoked");
  await expect(revokedRow).toContainText("keyCompromise");
  await expect(page.getByText("2 of 2 certificates checked — sweep done")).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    revokedRow.getByRole("link", { name: "evidence" }).first().click(),
  ]);
  const evidence = JSON.parse(await readFile(await download.path(), "utf8"));
  expect(evidence.verdict).toBe("revoked");
  expect(evidence.protocol).toBe("ocsp");
  expect(evidence.url).toBe(ca.ocspUrl);

  // The filter lists only the certificates whose latest verdict is the one chosen.
  await page.getByLabel("Show").selectOption("revoked");
  await expect(goodRow).toHaveCount(0);
  await expect(revokedRow).toBeVisible();
  await expect(page.getByLabel("Show").locator("option:checked")).toHaveText(
    "Latest verdict revoked (OCSP 1, CRL 1)",
  );
  await page.getByLabel("Show").selectOption("attention");
  await expect(revokedRow).toBeVisible();
  await expect(goodRow).toHaveCount(0);
  await page.getByLabel("Show").selectOption("all");
  await expect(goodRow).toBeVisible();

  // The stored bytes, read by OpenSSL rather than by our own parser.
  const [raw] = await Promise.all([
    page.waitForEvent("download"),
    revokedRow.getByRole("link", { name: "response.der" }).first().click(),
  ]);
  const text = await openssl(["ocsp", "-respin", await raw.path(), "-resp_text", "-noverify"]);
  expect(text).toContain(`Serial Number: ${revoked.serial.toUpperCase()}`);
  expect(text).toContain("Cert Status: revoked");
  expect(text).toContain("Revocation Reason: keyCompromise (0x1)");
  expect(Buffer.from(evidence.response.der, "base64")).toEqual(await readFile(await raw.path()));
});

test("a garbage certificate file is refused with its name and nothing is attached", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("link", { name: /SHECA/ }).click();
  await page.getByText("Add certificates").click();
  await page.getByLabel("Or paste PEM blocks").fill(
    "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n",
  );
  await page.getByRole("button", { name: "Attach" }).click();
  const problems = page.getByRole("alert").filter({ hasText: "Nothing was attached" });
  await expect(problems).toContainText("pasted.pem");
});

test("an incident with more certificates than a page shows them a hundred at a time", async ({
  page,
  request,
}) => {
  await page.goto("/");
  await page.getByRole("link", { name: /SHECA/ }).click();
  await page.waitForURL(/\/incidents\/[^/]+$/);
  const incidentId = new URL(page.url()).pathname.split("/").pop() ?? "";
  const endpoint = `/api/incidents/${incidentId}/revocation-checks`;
  const before = (await (await request.get(endpoint)).json()) as { counts: { certificates: number } };
  const leaves = await issueSpreadLeaves(
    ca,
    Array.from({ length: 101 }, () => ({ ocspUrl: ca.ocspUrl, crlUrl: null })),
    "paged",
  );
  const attached = await request.post(`/api/incidents/${incidentId}/certificates`, {
    data: { pem: leaves.map((l) => l.pem).join("\n") },
  });
  expect(attached.status()).toBe(201);
  const total = before.counts.certificates + 101;

  await page.reload();
  const pages = page.getByRole("navigation", { name: "Certificate pages" });
  await expect(pages).toContainText(`Certificates 1–100 of ${total}`);
  const rows = page.getByRole("table", { name: "Revocation status" }).locator("tbody tr");
  await expect(rows).toHaveCount(100);
  await pages.getByRole("button", { name: "Next" }).click();
  await expect(pages).toContainText(`Certificates 101–${Math.min(200, total)} of ${total}`);
  await expect(rows).toHaveCount(Math.min(100, total - 100));

  // Never checked: exactly the 101 just attached, back on the first page.
  await page.getByLabel("Show").selectOption("unchecked");
  await expect(pages).toContainText("Certificates 1–100 of 101");
  await pages.getByRole("button", { name: "Next" }).click();
  await expect(pages).toContainText("Certificates 101–101 of 101");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("paged-100.test");
});
