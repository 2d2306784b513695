// The pair's journey after matching, as the people do it: the mentor says
// on their phone that they want to go on, the manager records the mentee's
// answer (Larisa has no device) and confirms the pair; later the manager
// closes it as completed and proposes the mentee as a mentor.
import type { Browser, Page } from "@playwright/test";
import { appReady, choosePinIfAsked, expect, logIn, menuLink, PASSWORD, test } from "./fixtures";

async function join(browser: Browser, link: string, name: string, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await appReady(page);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("I have read how my data is kept and used, and I agree").check();
  await page.getByRole("button", { name: "Join the programme" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/invite"));
  await choosePinIfAsked(page);
  return page;
}

test("a pair is confirmed by both sides and the manager, then closed, and the mentee proposed as a mentor", async ({
  page,
  browser,
}) => {
  page.on("dialog", (dialog) => dialog.accept());
  await logIn(page, "manager@example.org");
  await appReady(page);
  await menuLink(page, "Programmes");
  await page.getByTestId("programme-card").first().getByRole("link").click();
  await appReady(page);
  const programme = new URL(page.url()).pathname;

  // Sorina, the mentor getting to know Larisa, is invited to the app.
  await page.goto(`${programme}/recruitment?kind=mentor`);
  await appReady(page);
  await page.getByRole("link", { name: "Sorina Vasile" }).click();
  await appReady(page);
  await page.getByRole("button", { name: "Invite to the app" }).click();
  const link = page.getByRole("textbox", { name: "Invitation link" });
  await expect(link).toHaveValue(/\/invite\//);
  const mentor = await join(browser, await link.inputValue(), "Sorina Vasile", "sorina@example.org");

  // On her phone: the badge asks whether to go on.
  await expect(mentor).toHaveURL(/\/mentor$/);
  await mentor.getByRole("link", { name: "Getting to know each other" }).click();
  await appReady(mentor);
  const question = mentor.getByTestId("go-on");
  await expect(question).toContainText("With Larisa Nistor");
  await mentor.getByRole("button", { name: "Send my answer" }).click();
  await expect(question.getByText("This field is required.").or(question.getByRole("alert"))).toBeVisible();
  await mentor.getByLabel("Yes, I want to go on").check();
  await mentor.getByRole("button", { name: "Send my answer" }).click();
  await expect(mentor.getByText("Thank you: your answer was sent.")).toBeVisible();

  // The manager sees it, records Larisa's answer and confirms.
  await page.goto(`${programme}/matching`);
  await appReady(page);
  const pair = page.getByTestId("pair").filter({ hasText: "Larisa Nistor" });
  await expect(pair).toContainText("Mentor: wants to go on");
  await expect(pair).toContainText("Mentee: not answered yet");
  await expect(pair.getByRole("button", { name: "Confirm the pair" })).toBeDisabled();
  await pair.getByRole("button", { name: "Record the mentee's answer" }).click();
  await pair.getByLabel("Do you want to go on?").selectOption({ label: "Yes, I want to go on" });
  await pair.getByRole("button", { name: "Save" }).click();
  await expect(pair).toContainText("Mentee: wants to go on");
  await pair.getByRole("button", { name: "Confirm the pair" }).click();
  await expect(page.getByText("The pair is confirmed and active.")).toBeVisible();
  await expect(pair).toContainText("Active");

  // Months later: the pair completes, Larisa is proposed as a mentor.
  await pair.getByRole("button", { name: "Close the pair" }).click();
  await pair.getByLabel("How it ended").selectOption({ label: "Completed" });
  await pair.getByRole("button", { name: "Close the pair" }).last().click();
  await expect(page.getByText("The pair is closed.")).toBeVisible();
  await expect(pair.getByTestId("pair-end")).toContainText("Completed");
  await pair.getByRole("button", { name: "Propose as a mentor" }).click();
  await expect(pair.getByTestId("pair-end")).toContainText("Proposed as a mentor candidate");

  await page.goto(`${programme}/recruitment?kind=mentor`);
  await appReady(page);
  await expect(page.locator('[data-stage="interest"]').getByRole("link", { name: "Larisa Nistor" })).toBeVisible();
});
