// The office's daily work (issue 24): a manager corrects a training's
// topic, removes it after saying yes to the question (not after saying
// no), and moves a pair's planned end with the reason the pair's history
// then shows; a mentee asks to end the mentoring; the blank tools print;
// a paper report is typed in; a training goes into a calendar.
import { readFileSync } from "node:fs";
import { appReady, expect, logIn, openFirstProgramme, test, today } from "./fixtures";

test("a manager corrects a training, removes it only after confirming, and moves a pair's planned end with a reason", async ({
  page,
}) => {
  await logIn(page, "manager@example.org");
  const programme = await openFirstProgramme(page);

  await page.goto(`${programme}/training`);
  await appReady(page);
  const planned = page.getByTestId("training").filter({ hasText: "Supporting the mentee's own goals" });
  await planned.getByRole("button", { name: "Edit" }).click();
  await planned.getByLabel("Topic").fill("");
  await planned.getByRole("button", { name: "Save", exact: true }).click();
  await expect(planned.getByText("Please fill this in.")).toBeVisible();
  await planned.getByLabel("Topic").fill("Goals the mentee sets, and how to support them");
  await planned.getByRole("button", { name: "Save", exact: true }).click();
  const corrected = page.getByTestId("training").filter({ hasText: "Goals the mentee sets" });
  await expect(corrected).toBeVisible();
  await expect(page.getByTestId("training").filter({ hasText: "Supporting the mentee's own goals" })).toHaveCount(0);

  // "No" keeps it; "yes" removes it.
  page.once("dialog", (dialog) => dialog.dismiss());
  await corrected.getByRole("button", { name: "Remove" }).click();
  await expect(corrected).toBeVisible();
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("Remove this training session");
    return dialog.accept();
  });
  await corrected.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId("training").filter({ hasText: "Goals the mentee sets" })).toHaveCount(0);
  await page.reload();
  await appReady(page);
  await expect(page.getByTestId("training").filter({ hasText: "Goals the mentee sets" })).toHaveCount(0);
  await expect(page.getByTestId("training")).not.toHaveCount(0);

  await page.goto(`${programme}/matching`);
  await appReady(page);
  const pair = page.getByTestId("pair").filter({ hasText: "Ioana Marin" });
  await expect(pair).toContainText("manager Mihai Popa");
  await pair.getByRole("button", { name: "Change manager or planned end" }).click();
  await pair.getByLabel("Planned end").fill(today(-120));
  await pair.getByRole("button", { name: "Save", exact: true }).click();
  await expect(pair.getByText("Please fill this in.")).toBeVisible();
  await pair.getByLabel("Why it changes").fill("The family was away for two months.");
  await pair.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("The pair was changed.")).toBeVisible();
  const history = page.getByTestId("pair").filter({ hasText: "Ioana Marin" }).getByTestId("pair-changes");
  await history.getByText("Changes (1)").click();
  await expect(history).toContainText("planned end");
  await expect(history).toContainText("The family was away for two months.");
});

test("a mentee asks to end the mentoring and their manager finds it among the first alerts of their home", async ({
  page,
  browser,
}) => {
  await logIn(page, "mentee@example.org");
  await appReady(page);
  await page.getByText("I want to end the mentoring").click();
  await page.getByLabel("Why (if you wish)").fill("We are moving to another town.");
  // "No" sends nothing.
  page.once("dialog", (dialog) => dialog.dismiss());
  await page.getByRole("button", { name: "Tell my manager" }).click();
  await expect(page.getByTestId("end-asked")).toHaveCount(0);
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Tell my manager" }).click();
  await expect(page.getByTestId("end-asked")).toContainText("You asked to end the mentoring on");
  await page.reload();
  await appReady(page);
  await expect(page.getByTestId("end-asked")).toContainText("You asked to end the mentoring on");

  const manager = await (await browser.newContext()).newPage();
  await logIn(manager, "manager@example.org");
  const asked = manager.getByTestId("alert").filter({ hasText: "the mentee asked to end the mentoring" });
  await expect(asked).toContainText("Elena Ionescu · Ioana Marin");
  await asked.getByRole("link").click();
  await appReady(manager);
  await expect(manager.getByTestId("pair").filter({ hasText: "Ioana Marin" }).getByTestId("end-asked")).toContainText(
    "We are moving to another town.",
  );
});

test("the blank tools print in the reader's language with the app's own questions", async ({ page }) => {
  await logIn(page, "manager@example.org");
  await openFirstProgramme(page);
  await page.getByRole("link", { name: "Blank tools to print" }).click();
  await appReady(page);
  const tool = page.getByTestId("blank-tool");
  await expect(tool.getByRole("heading", { name: "Tool 1: Registration form" })).toBeVisible();
  await expect(tool.locator("tbody tr")).toHaveCount(12);
  await expect(tool.getByRole("columnheader", { name: "Age of the child" })).toBeVisible();

  await page.getByRole("link", { name: "Tool 2: Mentoring meeting log" }).click();
  await expect(tool.getByRole("heading", { name: "Tool 2: Mentoring meeting log" })).toBeVisible();
  await expect(tool).toContainText("Write a brief description of what you did during this meeting");
  await expect(tool).toContainText("Video call");

  await page.getByTestId("paper-tool-4").getByRole("link", { name: "for a mentee" }).click();
  await expect(tool.getByRole("heading", { name: "Tool 4: Mentoring final report" })).toBeVisible();
  await expect(tool).toContainText("My child has more confidence.");
  await expect(tool).not.toContainText("I have improved my self-knowledge.");
  await page.getByTestId("paper-tool-3").getByRole("link", { name: "for a mentor" }).click();
  await expect(tool.getByRole("heading", { name: "Tool 3: Mentoring mid-term report" })).toBeVisible();
  await expect(tool).toContainText("Please add any other comment you feel necessary");

  // Printed, the app's menu and the list of tools are left out.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByRole("link", { name: "Tool 2: Mentoring meeting log" })).toBeHidden();
  await expect(tool).toBeVisible();

  // In Romanian, the same tool in Romanian.
  await page.emulateMedia({ media: "screen" });
  await page.getByRole("combobox").first().selectOption("ro");
  await expect(tool.getByRole("heading", { name: "Instrumentul 3: Raportul intermediar de mentorat" })).toBeVisible();
});

test("a manager types in a mentee's mid-term report answered on paper and the mirror view shows it came from paper", async ({
  page,
}) => {
  await logIn(page, "manager@example.org");
  const programme = await openFirstProgramme(page);
  await page.goto(`${programme}/matching`);
  await appReady(page);
  await page.getByTestId("pair").filter({ hasText: "Ioana Marin" }).getByRole("link", { name: "Reports" }).click();
  await appReady(page);
  const midterm = page.locator("section.card").filter({ hasText: "Mid-term report" });
  await midterm.getByRole("link", { name: "Mentee" }).click();
  await appReady(page);
  await expect(page.getByRole("heading", { name: "A report answered on paper" })).toBeVisible();

  // Nothing typed: every problem is named.
  await page.getByRole("button", { name: "Save the paper answer" }).click();
  await expect(page.getByText("Please correct the marked fields.")).toBeVisible();
  await expect(page.locator("#paper-date-error")).toHaveText("Please fill this in.");

  await page.getByLabel("Date on the paper").fill(today(1));
  await page.getByLabel("Months").fill("3");
  const questions = page.locator("fieldset.question");
  const n = await questions.count();
  for (let i = 0; i < n; i++) {
    const question = questions.nth(i);
    const agree = question.getByLabel("Agree", { exact: true });
    const no = question.getByLabel("NO", { exact: true });
    if ((await agree.count()) > 0) await agree.check();
    else if ((await no.count()) > 0) await no.check();
    await question.locator("textarea").fill("As she wrote on the paper.");
  }
  await page.getByRole("button", { name: "Save the paper answer" }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await appReady(page);
  const answered = page.locator("section.card").filter({ hasText: "Mid-term report" });
  await expect(answered.getByTestId("on-paper")).toHaveText("On paper, typed in by Mihai Popa");
  await expect(answered).toContainText("As she wrote on the paper.");
});

test("a manager sees when and where a training is and downloads it for their calendar", async ({ page }) => {
  await logIn(page, "manager@example.org");
  const programme = await openFirstProgramme(page);
  await page.goto(`${programme}/training`);
  await appReady(page);
  const held = page.getByTestId("training").filter({ hasText: "The mentor's role" });
  await expect(held.getByTestId("schedule")).toContainText("17:00 · 3 h · The school library");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    held.getByRole("link", { name: "Add to my calendar (.ics)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^training-\d{4}-\d{2}-\d{2}\.ics$/);
  const text = readFileSync(await download.path(), "utf8");
  expect(text).toContain("BEGIN:VEVENT");
  expect(text).toMatch(/\r\nDTSTART:\d{8}T170000\r\nDTEND:\d{8}T200000\r\n/);
  expect(text).toContain("LOCATION:The school library");
});
