// Mentor screening: a check that expires soon is on the manager's home; a
// mentor candidate is not ready for matching until the manager records
// every required check; then the matching page no longer holds them back.
import type { Page } from "@playwright/test";
import { appReady, expect, logIn, menuLink, test } from "./fixtures";

async function moveTo(page: Page, stage: string): Promise<void> {
  await page.getByLabel("Move to").selectOption({ label: stage });
  await page.getByRole("button", { name: "Move", exact: true }).click();
  await expect(page.getByTestId("current-stage")).toHaveText(stage);
}

test("a manager records a mentor candidate's checks, the matching page then shows them ready, and an expiring check is on the manager's home", async ({
  page,
}) => {
  await logIn(page, "manager@example.org");
  await appReady(page);
  const alerts = page.getByTestId("screening-alerts");
  await expect(alerts).toContainText("Elena Ionescu");
  await expect(alerts).toContainText("Background check for work with children");
  await expect(alerts).toContainText("expires on");

  await menuLink(page, "Programmes");
  await page.getByTestId("programme-card").first().getByRole("link").click();
  await appReady(page);
  const programmeUrl = new URL(page.url()).pathname.replace(/\/$/, "");
  await page.goto(`${programmeUrl}/recruitment?kind=mentor`);
  await appReady(page);
  await page.getByRole("link", { name: "Radu Georgescu" }).click();
  await expect(page.getByTestId("screening-ready")).toContainText("can not be matched yet");
  await appReady(page);
  await moveTo(page, "Accepted");

  await page.goto(`${programmeUrl}/matching`);
  await appReady(page);
  const notReady = page.getByTestId("not-ready");
  await expect(notReady).toContainText("Radu Georgescu");
  await notReady.getByRole("link", { name: "Radu Georgescu" }).click();
  await appReady(page);

  const checks = page.getByTestId("check");
  await expect(checks).toHaveCount(3);
  for (let n = 0; n < 3; n++) {
    const check = checks.nth(n);
    await check.getByText("Record where it stands").click();
    await check.getByLabel("Where it stands").selectOption({ label: "Passed" });
    await check.getByRole("button", { name: "Save" }).click();
    await expect(checks.nth(n).getByTestId("check-status")).toContainText("Passed");
  }
  await expect(page.getByTestId("screening-ready")).toContainText("can be matched");

  await page.goto(`${programmeUrl}/matching`);
  await appReady(page);
  await expect(page.getByTestId("not-ready")).toHaveCount(0);
});
