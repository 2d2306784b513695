// People and their data: a coordinator finds a mentee, records that she
// withdrew her consent to emails, reads everything the programme holds about
// her, downloads it, erases her after confirming, and finds each of these
// in the audit trail.
import { appReady, expect, logIn, menuLink, test } from "./fixtures";

test("a coordinator records a withdrawal, exports a mentee's data, erases her, and finds it all in the audit trail", async ({
  page,
}) => {
  await logIn(page, "coordinator@example.org");
  await appReady(page);
  await menuLink(page, "People");
  await appReady(page);
  await page.getByLabel("Name or email").fill("gabriela");
  await page.getByRole("button", { name: "Search" }).click();
  const rows = page.getByTestId("person-row");
  await expect(rows).toHaveCount(1);
  await rows.getByRole("link", { name: "Gabriela Radu" }).click();
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gabriela Radu");

  // A withdrawal said on the phone, recorded on her behalf.
  await page.getByText("Record a consent or a withdrawal").click();
  const form = page.getByTestId("consent-form");
  await form.getByLabel("For what").selectOption({ label: "Emails from Parent Bridge" });
  await form.getByLabel("Given or withdrawn").selectOption({ label: "Withdrawn" });
  await form.getByLabel("How consent was given").selectOption({ label: "Signed on paper" });
  await form.getByRole("button", { name: "Save" }).click();
  const consent = page.getByTestId("consent").first();
  await expect(consent).toContainText("Emails from Parent Bridge");
  await expect(consent).toContainText("Withdrawn");
  await expect(consent).toContainText("Carmen Dumitrescu");

  // Everything about her, readable here and as a file.
  await page.getByTestId("export-show").click();
  const exported = page.getByTestId("export");
  await expect(exported.getByTestId("export-account")).toContainText("gabriela.radu@example.org");
  await expect(exported.getByTestId("export-meeting_logs").locator("dl").first()).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByTestId("export-download").click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^parent-bridge-user-.*\.json$/);

  // Erasure asks first; a "no" changes nothing.
  page.once("dialog", (dialog) => dialog.dismiss());
  await page.getByTestId("erase").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gabriela Radu");
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("Gabriela Radu");
    return dialog.accept();
  });
  await page.getByTestId("erase").click();
  await expect(page.getByTestId("erased")).toHaveText("This person was erased.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Erased person");
  await expect(page.getByTestId("erase")).toHaveCount(0);

  // The audit trail holds the export and the erasure, newest first.
  await page.goto("/audit");
  await appReady(page);
  await page.getByLabel("What").selectOption({ label: "Erased a person" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("audit-row")).toHaveCount(1);
  await expect(page.getByTestId("audit-row")).toContainText("coordinator@example.org");
  await page.getByLabel("What").selectOption({ label: "Exported a person's data" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("audit-row")).toHaveCount(2);
});
