import { expect, test } from "@playwright/test";

test.describe("a compliance officer working on the demo incident", () => {
  test("finds it on the dashboard, opens its report and copies the markdown", async ({
    page,
    context,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/");

    const table = page.getByRole("table", { name: "Incidents" });
    await page.getByRole("searchbox").fill("SHECA");
    const row = table.getByRole("row").filter({ hasText: "Shanghai Electronic Certification" });
    await expect(row).toHaveCount(1);
    await row.getByRole("link").click();

    await expect(page.getByRole("heading", { level: 1 })).toContainText("SHECA");
    await expect(page.getByRole("table", { name: "Action items" }).locator("tbody tr")).toHaveCount(3);
    await page.getByRole("link", { name: "Report markdown" }).click();

    const markdown = page.getByTestId("report-markdown");
    await expect(markdown).toContainText("## Full Incident Report");
    await page.getByRole("button", { name: "Copy markdown" }).click();
    await expect(page.getByRole("status")).toHaveText("Copied to the clipboard.");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await markdown.textContent());
    expect(copied).toContain("### Action Items");

    const preview = page.getByRole("region", { name: "Preview" });
    const actionTable = preview.locator("table").filter({ hasText: "Evaluation Criteria" });
    await expect(actionTable.locator("tbody tr")).toHaveCount(3);
    await expect(actionTable).toContainText("Fix transaction issue");
  });

  test("filters the dashboard by status and year", async ({ page }) => {
    await page.goto("/");
    const rows = page.getByRole("table", { name: "Incidents" }).locator("tbody tr");
    await page.getByLabel("Year identified").selectOption("2025");
    await expect(rows.filter({ hasText: "SHECA" })).toHaveCount(1);
    await page.getByLabel("Status").selectOption("closed");
    await expect(rows.filter({ hasText: "SHECA" })).toHaveCount(0);
    await expect(page.getByText("No incident matches.")).toBeVisible();
  });

  test("downloads the report as a .md file", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: /SHECA/ }).click();
    await page.getByRole("link", { name: "Report markdown" }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download .md" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/full-report\.md$/);
  });
});

test("an import with errors shows each problem with its line and saves nothing", async ({
  page,
  request,
}) => {
  const before = (await (await request.get("/api/incidents")).json()).incidents.length;
  await page.goto("/incidents/import");
  await page.getByLabel("Or paste the report’s markdown").fill("## Full Incident Report\n\nno summary\n");
  await page.getByRole("button", { name: "Import" }).click();
  const problems = page.getByRole("alert").filter({ hasText: "Nothing was saved" });
  await expect(problems).toContainText('Line 1: No "### Summary" section');
  const after = (await (await request.get("/api/incidents")).json()).incidents.length;
  expect(after).toBe(before);
});
