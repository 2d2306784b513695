import {
  expect,
  fillMeetingLog,
  logIn,
  menuButton,
  openNewLog,
  serviceWorkerReady,
  submitMeetingLog,
  syncState,
  test,
} from "./fixtures";

test("a mentor corrects a sent log offline, then withdraws it; the manager reads every version", async ({
  page,
  context,
  server,
}) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await openNewLog(page);
  await fillMeetingLog(page, { mentee: "Gabriela Radu", hours: "1", minutes: "0", description: "We met at the school gate." });
  await submitMeetingLog(page);
  const sent = page.getByTestId("log-card").filter({ hasText: "We met at the school gate." });
  await expect(sent.getByTestId("log-state")).toHaveText("Synced");

  // Offline: the correction waits on the phone in place of the sent log.
  await context.setOffline(true);
  await sent.getByTestId("correct-log").click();
  await expect(page.getByRole("heading", { name: "Correct a meeting log" })).toBeVisible();
  await expect(page.getByLabel("Mentee", { exact: true })).toBeDisabled();
  await expect(page.getByLabel(/Write a brief description/)).toHaveValue("We met at the school gate.");
  await page.getByLabel(/Write a brief description/).fill("We met at the library, not at the school gate.");
  await page.getByRole("button", { name: "Save the correction" }).click();
  const corrected = page.getByTestId("log-card").filter({ hasText: "not at the school gate" });
  await expect(corrected.getByTestId("log-state")).toHaveText("Waiting to sync");
  await expect(page.getByTestId("log-card").filter({ hasText: "We met at the school gate." })).toHaveCount(0);

  await context.setOffline(false);
  await expect(corrected.getByTestId("log-state")).toHaveText("Synced");
  await expect(syncState(page)).toContainText("All sent");
  const stored = (await server.managerLogs()).filter((l) => l.description.includes("school gate"));
  expect(stored.map((l) => l.description)).toEqual(["We met at the library, not at the school gate."]);

  // Withdrawing needs a reason, and a confirmation.
  await corrected.getByTestId("correct-log").click();
  await page.getByRole("button", { name: "Withdraw the log" }).click();
  await expect(page.locator("#log-withdrawn-reason-error")).toHaveText("Please fill this in.");
  await page.getByLabel("Why is it withdrawn?").fill("The same meeting was logged twice.");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Withdraw the log" }).click();
  const withdrawn = page.getByTestId("log-card").filter({ hasText: "not at the school gate" });
  await expect(withdrawn).toContainText("Withdrawn: The same meeting was logged twice.");
  await expect(withdrawn.getByTestId("log-state")).toHaveText("Synced");
  await expect(withdrawn.getByTestId("correct-log")).toHaveCount(0);

  await menuButton(page, "Log out");
  await expect(page).toHaveURL(/\/login$/);
  await logIn(page, "manager@example.org");
  await page.goto("/manager/logs");
  const managerCard = page.getByTestId("log-card").filter({ hasText: "not at the school gate" });
  await expect(managerCard).toContainText("Corrected");
  await expect(managerCard).toContainText("Withdrawn: The same meeting was logged twice.");
  await managerCard.getByText("Earlier versions").click();
  const versions = managerCard.getByTestId("log-version");
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0)).toContainText("Version 1");
  await expect(versions.nth(0)).toContainText("We met at the school gate.");
  await expect(versions.nth(1)).toContainText("Version 2");
  await expect(versions.nth(1)).toContainText("not at the school gate");
});
