// The mid-term report as a pair lives it: with the network cut, the mentor
// fills theirs, hands the phone to the mentee who answers one question at a
// time, and gives it back; back online, both reports reach the manager once,
// side by side in the mirror view, and the mentor cannot read the mentee's.
// Also: the mentee answering with their own login, a half-done mentee
// report going on with the earlier answers hidden, and a final report
// followed by a closure where the mentee goes on with a new mentor.
import type { Locator, Page } from "@playwright/test";
import { appReady, expect, logIn, menuLink, serviceWorkerReady, test } from "./fixtures";

/** Answers one question: statements agreed (or `disagree` with a reason), YES / NO with "NO" and a reason, texts typed. */
async function answer(question: Locator, disagree = false): Promise<void> {
  if ((await question.getByRole("radio", { name: "Agree", exact: true }).count()) > 0) {
    if (disagree) {
      await question.getByRole("radio", { name: "Disagree", exact: true }).check();
      await question.getByRole("textbox").fill("Nobody at the school asks me.");
    } else {
      await question.getByRole("radio", { name: "Agree", exact: true }).check();
    }
  } else if ((await question.getByRole("radio", { name: "NO", exact: true }).count()) > 0) {
    await question.getByRole("radio", { name: "NO", exact: true }).check();
    await question.getByRole("textbox").fill("Not yet.");
  } else {
    await question.getByRole("textbox").fill("She showed me how to talk to the teacher.");
  }
}

function dueRow(page: Page, report: string, who: string): Locator {
  return page.getByTestId("report-due").filter({ hasText: report }).filter({ hasText: who });
}

test("offline, a mentor and then the mentee on the mentor's phone answer the mid-term report; online, the manager reads both side by side", async ({
  page,
  context,
  browser,
}) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  // The home says what is due for whom.
  const ioana = page.getByTestId("pair-card").filter({ hasText: "Ioana Marin" });
  await expect(ioana.getByTestId("pair-due")).toContainText("Mid-term report due");
  await menuLink(page, "Reports");
  await appReady(page);
  await expect(dueRow(page, "Mid-term report · Ioana Marin", "Your answers")).toBeVisible();
  await context.setOffline(true);

  // The mentor's own report, the whole form on one page.
  await dueRow(page, "Mid-term report · Ioana Marin", "Your answers").getByRole("link", { name: "Fill in" }).click();
  await expect(page.getByRole("heading", { name: "Mid-term report: Your answers" })).toBeVisible();
  await page.getByRole("button", { name: "Save and send" }).click();
  await expect(page.getByText("Please correct the marked fields.")).toBeVisible();
  await page.getByLabel("Months").fill("2");
  const questions = page.locator("fieldset.question");
  for (let n = 0; n < (await questions.count()); n++) {
    await answer(questions.nth(n));
  }
  await page.getByRole("button", { name: "Save and send" }).click();
  await expect(page.getByText("Saved. The report is sent as soon as the phone is online.")).toBeVisible();

  // The phone goes to Ioana: the promise first, then one question at a time.
  await page.getByRole("link", { name: "Reports" }).last().click();
  await dueRow(page, "Mid-term report · Ioana Marin", "Ioana Marin's answers")
    .getByRole("link", { name: "Hand the phone to Ioana Marin" })
    .click();
  await expect(page.getByTestId("privacy-promise")).toContainText("Your mentor does not");
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByText("1 of 11")).toBeVisible();
  await expect(page.getByLabel("One question at a time, with big buttons")).toBeChecked();
  await page.getByLabel("Months").fill("2");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("2 of 11")).toBeVisible();
  await expect(page.getByRole("button", { name: "Read aloud" })).toBeVisible();
  while (await page.getByRole("button", { name: "Next" }).isVisible()) {
    const question = page.locator("fieldset.question");
    const key = await question.getAttribute("data-question");
    await answer(question, key === "s_voice");
    await page.getByRole("button", { name: "Next" }).click();
  }
  await expect(page.getByText("11 of 11")).toBeVisible();
  await answer(page.locator("fieldset.question"));
  await page.getByRole("button", { name: "Save and send" }).click();
  await expect(page.getByTestId("mentee-thanks")).toContainText("Please give the phone back to Elena Ionescu");
  await page.getByRole("button", { name: "Give the phone back" }).click();

  // Back with the mentor: both wait on the phone; nothing opens the mentee's answers.
  const theirs = dueRow(page, "Mid-term report · Ioana Marin", "Ioana Marin's answers");
  await expect(theirs.getByTestId("report-waiting")).toBeVisible();
  await expect(theirs.getByRole("link")).toHaveCount(0);
  await expect(page.getByText("Nobody at the school asks me.")).toHaveCount(0);

  await context.setOffline(false);

  await expect(theirs).toContainText("answered on");
  await expect(dueRow(page, "Mid-term report · Ioana Marin", "Your answers")).toContainText("answered on");
  const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  expect(stored).not.toContain("Nobody at the school asks me.");
  // Both sides answered: the home now names the final report.
  await page.goto("/mentor");
  await expect(ioana.getByTestId("pair-due")).toContainText("Final report due");

  // The manager opens the pair's mirror view.
  const manager = await (await browser.newContext()).newPage();
  await logIn(manager, "manager@example.org");
  await appReady(manager);
  await menuLink(manager, "Programmes");
  await manager.getByTestId("programme-card").first().getByRole("link").click();
  await appReady(manager);
  await manager.goto(`${new URL(manager.url()).pathname}/matching`);
  await appReady(manager);
  await manager.getByTestId("pair").filter({ hasText: "Ioana Marin" }).getByRole("link", { name: "Reports" }).click();
  await expect(manager.getByRole("heading", { name: "Reports of Elena Ionescu and Ioana Marin" })).toBeVisible();
  const midterm = manager.getByRole("region", { name: "Mid-term report" });
  await expect(midterm.locator("tr.differs")).toHaveCount(1);
  await expect(midterm.locator("tr.differs")).toContainText("Answers differ");
  await expect(midterm).toContainText("Nobody at the school asks me.");
  await expect(manager.getByText("Neither side has answered this report yet.")).toBeVisible();
});

test("a mentee with their own login answers the mid-term report; the manager reads it and the mentor sees only the date", async ({
  page,
  browser,
}) => {
  await logIn(page, "mentee@example.org");
  await appReady(page);
  const midterm = page.getByTestId("report-due").filter({ hasText: "Mid-term report" });
  await midterm.getByRole("link", { name: "Answer" }).click();
  await expect(page.getByRole("heading", { name: "Mid-term report: Your answers" })).toBeVisible();
  await appReady(page);
  await expect(page.getByTestId("privacy-promise")).toContainText("Your mentor does not");
  await page.getByRole("button", { name: "Start" }).click();
  await page.getByLabel("Months").fill("2");
  await page.getByRole("button", { name: "Next" }).click();
  while (await page.getByRole("button", { name: "Next" }).isVisible()) {
    const question = page.locator("fieldset.question");
    const key = await question.getAttribute("data-question");
    await answer(question, key === "s_voice");
    await page.getByRole("button", { name: "Next" }).click();
  }
  await answer(page.locator("fieldset.question"));
  await page.getByRole("button", { name: "Save and send" }).click();
  await expect(page.getByTestId("own-report-done")).toContainText("Your answers were sent.");
  const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  expect(stored).not.toContain("Nobody at the school asks me.");
  await page.getByRole("link", { name: "My mentoring" }).last().click();
  await expect(page.getByTestId("report-due").filter({ hasText: "Mid-term report" })).toContainText("answered on");

  // The mentee corrects their answers: the same form, filled with what they sent.
  await page.getByTestId("report-due").filter({ hasText: "Mid-term report" }).getByTestId("correct-report").click();
  await expect(page.getByTestId("correcting-report")).toBeVisible();
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByLabel("Months")).toHaveValue("2");
  await page.getByLabel("Months").fill("3");
  while (await page.getByRole("button", { name: "Next" }).isVisible()) {
    await page.getByRole("button", { name: "Next" }).click();
  }
  await page.getByRole("button", { name: "Save and send" }).click();
  await expect(page.getByTestId("own-report-done")).toContainText("Your answers were sent.");

  const mentor = await (await browser.newContext()).newPage();
  await logIn(mentor, "mentor@example.org");
  await menuLink(mentor, "Reports");
  await appReady(mentor);
  await expect(dueRow(mentor, "Mid-term report · Ioana Marin", "Ioana Marin's answers")).toContainText("answered on");
  await expect(mentor.getByText("Nobody at the school asks me.")).toHaveCount(0);

  const manager = await (await browser.newContext()).newPage();
  await logIn(manager, "manager@example.org");
  await appReady(manager);
  await menuLink(manager, "Programmes");
  await manager.getByTestId("programme-card").first().getByRole("link").click();
  await appReady(manager);
  await manager.goto(`${new URL(manager.url()).pathname}/matching`);
  await appReady(manager);
  await manager.getByTestId("pair").filter({ hasText: "Ioana Marin" }).getByRole("link", { name: "Reports" }).click();
  await expect(manager.getByRole("region", { name: "Mid-term report" })).toContainText("Nobody at the school asks me.");
  await expect(manager.getByRole("region", { name: "Mid-term report" })).toContainText("3 months");
  await expect(manager.getByRole("region", { name: "Mid-term report" })).toContainText("Corrected");
});

test("a mentee who stopped half way goes on later with the answers given hidden, so the mentor never reads them", async ({ page }) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await menuLink(page, "Reports");
  await appReady(page);
  const handOver = dueRow(page, "Mid-term report · Ioana Marin", "Ioana Marin's answers").getByRole("link", {
    name: "Hand the phone to Ioana Marin",
  });
  await handOver.click();
  await page.getByRole("button", { name: "Start" }).click();
  await page.getByLabel("Months").fill("2");
  await page.getByRole("button", { name: "Next" }).click();
  for (let n = 0; n < 3; n++) {
    await answer(page.locator("fieldset.question"));
    await page.getByRole("button", { name: "Next" }).click();
  }
  await expect(page.getByText("5 of 11")).toBeVisible();

  // Ioana stops; later the form is opened again on the same phone.
  await page.getByRole("link", { name: "Reports" }).last().click();
  await handOver.click();
  await expect(page.getByTestId("go-on-hidden")).toContainText("not shown again");
  await page.getByRole("button", { name: "Go on" }).click();

  await expect(page.getByText("5 of 11")).toBeVisible();
  await expect(page.getByRole("button", { name: "Back" })).toBeDisabled();
  await expect(page.getByLabel("One question at a time, with big buttons")).toHaveCount(0);
  await expect(page.getByLabel("Months")).toHaveCount(0);
});

test("a mentor sends the final report; the pair then ends early and the mentee goes on with a new mentor, the new pair linked to the old", async ({
  page,
  browser,
}) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await menuLink(page, "Reports");
  await appReady(page);
  const final = dueRow(page, "Final report · Gabriela Radu", "Your answers");
  await final.getByRole("link", { name: "Fill in" }).click();
  await expect(page.getByRole("heading", { name: "Final report: Your answers" })).toBeVisible();
  await page.getByLabel("Months").fill("3");
  const questions = page.locator("fieldset.question");
  for (let n = 0; n < (await questions.count()); n++) {
    await answer(questions.nth(n));
  }
  await page.getByRole("button", { name: "Save and send" }).click();
  await expect(page.getByText("Saved. The report is sent as soon as the phone is online.")).toBeVisible();
  await page.getByRole("link", { name: "Reports" }).last().click();
  await expect(dueRow(page, "Final report · Gabriela Radu", "Your answers")).toContainText("answered on");

  const manager = await (await browser.newContext()).newPage();
  manager.on("dialog", (dialog) => dialog.accept());
  await logIn(manager, "manager@example.org");
  await appReady(manager);
  await menuLink(manager, "Programmes");
  await manager.getByTestId("programme-card").first().getByRole("link").click();
  await appReady(manager);
  await manager.goto(`${new URL(manager.url()).pathname}/matching`);
  await appReady(manager);
  const old = manager.getByTestId("pair").filter({ hasText: "Gabriela Radu" });
  await old.getByRole("button", { name: "Close the pair" }).click();
  await old.getByLabel("How it ended").selectOption({ label: "Dropped out early" });
  await old.getByLabel("Why it ended early").selectOption({ label: "The mentor withdrew" });
  await old.getByLabel("The mentee goes on with a new mentor").check();
  await old.getByRole("button", { name: "Close the pair" }).last().click();
  await expect(manager.getByText("The pair is closed.")).toBeVisible();
  await expect(old.getByTestId("pair-end")).toContainText("Dropped out early");
  await expect(old.getByTestId("pair-end")).toContainText("the mentee goes on with a new mentor");

  // Gabriela waits for a mentor again; the manager matches her.
  const waiting = manager.getByTestId("mentee-suggestions").filter({ hasText: "Gabriela Radu" });
  await waiting.getByRole("button", { name: /^Match with / }).first().click();
  await expect(manager.getByText("Matched: the pair is getting to know each other.")).toBeVisible();
  const pairs = manager.getByTestId("pair").filter({ hasText: "Gabriela Radu" });
  await expect(pairs).toHaveCount(2);
  await expect(pairs.filter({ hasText: "continues an earlier pair" })).toHaveCount(1);

  // The old pair's final report is in its mirror view.
  await old.getByRole("link", { name: "Reports" }).click();
  await expect(manager.getByRole("region", { name: "Final report" })).toContainText("She showed me how to talk to the teacher.");
});

test("a mentor corrects the report they sent; the manager reads the correction and the earlier answers", async ({ page, browser }) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await menuLink(page, "Reports");
  await appReady(page);
  await dueRow(page, "Final report · Gabriela Radu", "Your answers").getByRole("link", { name: "Fill in" }).click();
  await page.getByLabel("Months").fill("3");
  const questions = page.locator("fieldset.question");
  for (let n = 0; n < (await questions.count()); n++) {
    await answer(questions.nth(n));
  }
  await page.getByRole("button", { name: "Save and send" }).click();
  await expect(page.getByText("Saved. The report is sent as soon as the phone is online.")).toBeVisible();
  await page.getByRole("link", { name: "Reports" }).last().click();
  const row = dueRow(page, "Final report · Gabriela Radu", "Your answers");
  await expect(row).toContainText("answered on");

  await row.getByTestId("correct-report").click();
  await expect(page.getByTestId("correcting-report")).toBeVisible();
  await expect(page.getByLabel("Months")).toHaveValue("3");
  await page.getByLabel("Months").fill("4");
  await page.getByRole("button", { name: "Save and send" }).click();
  await expect(page.getByText("Saved. The report is sent as soon as the phone is online.")).toBeVisible();
  await page.getByRole("link", { name: "Reports" }).last().click();
  await expect(dueRow(page, "Final report · Gabriela Radu", "Your answers")).toContainText("answered on");

  const manager = await (await browser.newContext()).newPage();
  await logIn(manager, "manager@example.org");
  await appReady(manager);
  await menuLink(manager, "Programmes");
  await manager.getByTestId("programme-card").first().getByRole("link").click();
  await appReady(manager);
  await manager.goto(`${new URL(manager.url()).pathname}/matching`);
  await appReady(manager);
  await manager.getByTestId("pair").filter({ hasText: "Gabriela Radu" }).getByRole("link", { name: "Reports" }).click();
  const final = manager.getByRole("region", { name: "Final report" });
  await expect(final).toContainText("4 months");
  await expect(final).toContainText("Corrected");
  await final.getByTestId("report-history").locator("summary").click();
  const versions = final.getByTestId("report-version");
  await expect(versions).toHaveCount(1);
  await expect(versions.first()).toContainText("Version 1");
});
