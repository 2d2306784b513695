// Comparison across programmes and the public impact page: the
// coordinator compares the organisation's programmes, filters them by year,
// publishes the aggregated results and opens the public page (no script,
// no count below five).
import { appReady, expect, logIn, menuLink, test } from "./fixtures";

test("a coordinator compares the programmes and publishes the public impact page", async ({ page }) => {
  await logIn(page, "coordinator@example.org");
  await appReady(page);
  await menuLink(page, "Programmes");
  await appReady(page);
  await page.getByRole("link", { name: "Compare programmes" }).click();
  await appReady(page);

  const table = page.getByTestId("comparison");
  await expect(table.getByRole("columnheader", { name: /Parent'R'Us pilot \(demo\)/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /Meetings per pair/ })).toBeVisible();

  // Filtered by the year it started: still there; by a year without one: none.
  const year = page.getByLabel("Year it started");
  const years = await year.locator("option").allTextContents();
  await year.selectOption({ label: years[1] });
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`year=${years[1]}`));
  await expect(page.getByTestId("comparison")).toContainText("Parent'R'Us pilot (demo)");

  // Published: the public page opens for anyone, without a script.
  const publish = page.getByRole("checkbox", { name: /Publish the results of/ });
  await expect(publish).not.toBeChecked();
  const saved = page.waitForResponse((r) => r.url().includes("/api/programme-report/public") && r.ok());
  await publish.check();
  await saved;
  await page.getByRole("link", { name: "Open the public page" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("the results of our parent-to-parent mentoring");
  await expect(page.getByTestId("public-figures")).toContainText("Pairs matched");
  await expect(page.locator("script")).toHaveCount(0);
  await expect(page.getByText("Only totals are shown")).toBeVisible();
});
