import { expect, test } from "@playwright/test";

test("an officer records that the Full report was filed in bug 1965804", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: /SHECA/ }).click();

  await page.getByText("Edit filing details").click();
  const form = page.getByRole("form", { name: "Filing details" });
  await form.getByLabel("Bug number").fill("x12");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("alert")).toHaveText("Not saved: bug number: a positive integer");

  await form.getByLabel("Bug number").fill("1965804");
  await form.getByLabel("Status").selectOption("full_filed");
  await form.getByLabel("Whiteboard").fill("[ca-compliance] [ocsp-failure] Next update 2025-05-20");
  await form.getByLabel("Next update").fill("2025-05-20");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");

  await page.reload();
  await expect(page.getByRole("link", { name: "Bug 1965804" })).toBeVisible();
  await expect(page.getByText("Next update 2025-05-20 (overdue)")).toBeVisible();

  await page.goto("/");
  const row = page.getByRole("table", { name: "Incidents" }).getByRole("row").filter({ hasText: "SHECA" });
  await expect(row).toContainText("1965804");
  await expect(row).toContainText("Full report filed");
});
