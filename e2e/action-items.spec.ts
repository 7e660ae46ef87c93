import { expect, test } from "@playwright/test";

test("a manager sees every open action item across incidents, earliest due first", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Action items" }).click();

  const rows = page.getByRole("table", { name: "Action items across incidents" }).locator("tbody tr");
  const seed = rows.filter({ hasText: "SHECA" });
  await expect(seed).toHaveCount(3);
  // The seed's items were due in May 2025 and are still Ongoing: all three are overdue.
  await expect(seed.nth(0)).toContainText("2025-05-12 (overdue)");
  await expect(seed.nth(0)).toContainText("Fix transaction issue");
  await expect(seed.nth(1)).toContainText("2025-05-16 (overdue)");
  await expect(seed.nth(2)).toContainText("2025-05-25 (overdue)");

  await seed.nth(0).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("SHECA");
});
