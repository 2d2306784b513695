// Mentor screening: a check that expires soon is on the manager's home; a
// mentor candidate is not ready for matching until the manager records
// every required check; then the matching page no longer holds them back;
// a check that has expired holds them back again and leads the home's list.
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
  await page.goBack();
  await appReady(page);

  // A reference: who gives it and how to reach them, before they are asked.
  const referees = page.getByTestId("referees");
  await expect(referees).toContainText("No reference recorded yet.");
  await referees.getByText("Add a reference").click();
  await referees.getByLabel("Who gives the reference").fill("Ana Pop");
  await referees.getByLabel("How to reach them").fill("0722 000 111");
  await referees.getByRole("button", { name: "Save the reference" }).click();
  await expect(referees.getByTestId("referee")).toContainText("Ana Pop");
  await expect(referees.getByTestId("referee")).toContainText("not asked yet");

  // A background check seen long ago has expired (36 months): the manager's
  // home says so first, and its link leads back to the mentor's checks.
  const background = page.getByTestId("check").filter({ hasText: "Background check" });
  await background.getByText("Record where it stands").click();
  await background.getByLabel("Where it stands").selectOption({ label: "Passed" });
  await background.getByLabel("Date", { exact: true }).fill("2020-01-15");
  await background.getByRole("button", { name: "Save" }).click();
  await expect(background.getByTestId("check-status")).toContainText("screening expired");
  await expect(page.getByTestId("screening-ready")).toContainText("can not be matched yet");

  await page.goto("/manager");
  await appReady(page);
  const expired = page.getByTestId("screening-alerts").getByRole("listitem").first();
  await expect(expired).toContainText("Radu Georgescu");
  await expect(expired).toContainText("Expired on 15 Jan 2023: screening expired");
  await expired.getByRole("link", { name: "Radu Georgescu" }).click();
  await appReady(page);
  await expect(page.getByTestId("check").filter({ hasText: "Background check" }).getByTestId("check-status")).toContainText(
    "screening expired",
  );
});
