// Steps 1 to 3 of the process map in the app, as the people do them: a
// coordinator launches a programme and invites a manager; the manager
// registers a mentee (Tool 1) and a mentor, invites the mentor, records the
// speed-meeting's choices and confirms the proposed pair; the mentor then
// finds the new mentee on their phone.
import type { Browser, Page } from "@playwright/test";
import {
  appReady,
  choosePinIfAsked,
  expect,
  logIn,
  menuLink,
  PASSWORD,
  serviceWorkerReady,
  syncState,
  test,
  today,
} from "./fixtures";

/** Opens an invitation link in a browser of its own and joins. */
async function join(browser: Browser, link: string, name: string, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
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

/** The link of the invitation just made. */
async function invitationLink(page: Page): Promise<string> {
  const link = page.getByRole("textbox", { name: "Invitation link" });
  await expect(link).toHaveValue(/\/invite\//);
  await expect(page.getByTestId("made-invitation-link").getByRole("img", { name: "QR code of the invitation link" })).toBeVisible();
  return link.inputValue();
}

/** Moves the candidate whose page is open to `stage`. */
async function moveTo(page: Page, stage: string): Promise<void> {
  await page.getByLabel("Move to").selectOption({ label: stage });
  await page.getByRole("button", { name: "Move", exact: true }).click();
  await expect(page.getByTestId("current-stage")).toHaveText(stage);
}

test("a programme goes from launch to a matched pair, and the mentor sees the new mentee", async ({
  page,
  browser,
}) => {
  // Step 1: the coordinator launches the programme.
  await logIn(page, "coordinator@example.org");
  await appReady(page);
  await menuLink(page, "Programmes");
  await page.getByRole("link", { name: "New programme" }).click();
  await appReady(page);
  await page.getByLabel("Name", { exact: true }).fill("Spring programme, Cluj");
  await page.getByLabel("Start date").fill(today());
  await page.getByLabel("Country").fill("Romania");
  await page.getByLabel("Language of the programme").fill("Romanian");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Spring programme, Cluj" })).toBeVisible();
  await appReady(page);
  const programmeUrl = page.url();
  await expect(page.getByTestId("step").first()).toContainText("Invite a mentor manager");

  await page.getByRole("button", { name: "Invite a mentor manager" }).click();
  const managerLink = await invitationLink(page);

  // The manager joins from the link.
  const manager = await join(browser, managerLink, "Dana Pop", "dana@example.org");
  await manager.goto(programmeUrl.replace(/\/$/, "") + "/recruitment");
  await appReady(manager);

  // Step 1, recruitment: a mentee with the registration form (Tool 1).
  await manager.getByRole("link", { name: "Register a mentee" }).click();
  await appReady(manager);
  await manager.getByLabel("Name of mentee").fill("Rodica Stan");
  await manager.getByLabel("The person consented").check();
  await manager.getByLabel("Consent given on").fill(today());
  await manager.getByLabel("How consent was given").selectOption({ label: "Said to me (I record it)" });
  await manager.getByLabel("Gender").selectOption({ label: "Female" });
  await manager.getByLabel("Age", { exact: true }).fill("34");
  await manager.getByLabel("Role with the child").selectOption({ label: "Mother" });
  await manager.getByLabel("Age of the child").fill("13");
  await expect(manager.getByText("The programme is for parents of children under 12.")).toBeVisible();
  await manager.getByLabel("Age of the child").fill("8");
  await expect(manager.getByText("The programme is for parents of children under 12.")).toBeHidden();
  await manager.getByRole("button", { name: "Save" }).click();
  await expect(manager.getByTestId("current-stage")).toHaveText("Disclosure of the programme");
  await appReady(manager);
  await moveTo(manager, "Pre-matching");
  await moveTo(manager, "Accepted");
  await manager.getByLabel("Area").fill("Mărăști");
  await manager.getByRole("button", { name: "Save" }).click();
  await expect(manager.getByText("The candidate was saved.")).toBeVisible();

  // ... and a mentor, invited to the app from their record.
  await manager.getByRole("link", { name: "Back", exact: true }).click();
  await expect(manager.locator('[data-stage="accepted"]')).toContainText("Rodica Stan");
  await manager.getByRole("link", { name: "Mentors", exact: true }).click();
  await expect(manager.getByRole("link", { name: "Mentors", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(manager.locator('[data-stage="accepted"]')).not.toContainText("Rodica Stan");
  await manager.getByRole("link", { name: "Register a mentor" }).click();
  await expect(manager.getByLabel("Name", { exact: true })).toBeVisible();
  await manager.getByLabel("Name", { exact: true }).fill("Andreea Vlad");
  await manager.getByLabel("The person consented").check();
  await manager.getByLabel("Consent given on").fill(today());
  await manager.getByLabel("How consent was given").selectOption({ label: "Said to me (I record it)" });
  await manager.getByRole("button", { name: "Save" }).click();
  await expect(manager.getByTestId("current-stage")).toHaveText("Disclosure of the programme");
  await appReady(manager);
  await moveTo(manager, "Accepted");
  // A new programme requires the suggested screening checks before matching.
  await expect(manager.getByTestId("screening-ready")).toContainText("can not be matched yet");
  const checks = manager.getByTestId("check");
  await expect(checks).toHaveCount(6);
  for (let n = 0; n < 6; n++) {
    await checks.nth(n).getByText("Record where it stands").click();
    await checks.nth(n).getByLabel("Where it stands").selectOption({ label: "Passed" });
    await checks.nth(n).getByRole("button", { name: "Save" }).click();
    await expect(checks.nth(n).getByTestId("check-status")).toContainText("Passed");
  }
  await expect(manager.getByTestId("screening-ready")).toContainText("can be matched");
  await manager.getByRole("button", { name: "Invite to the app" }).click();
  const mentorLink = await invitationLink(manager);
  const mentor = await join(browser, mentorLink, "Andreea Vlad", "andreea@example.org");
  await expect(mentor).toHaveURL(/\/mentor$/);

  // Step 3: the speed-meeting's choices, the proposal, the pair.
  await manager.goto(programmeUrl.replace(/\/$/, "") + "/matching");
  await appReady(manager);
  const rodicasChoices = manager.getByRole("group", { name: "Choices of Rodica Stan, best first" });
  await rodicasChoices.getByLabel("Choice 1").selectOption({ label: "Andreea Vlad" });
  await rodicasChoices.getByRole("button", { name: "Save the choices" }).click();
  await expect(rodicasChoices.getByText("Saved.")).toBeVisible();
  const andreeasChoices = manager.getByRole("group", { name: "Choices of Andreea Vlad, best first" });
  await andreeasChoices.getByLabel("Choice 1").selectOption({ label: "Rodica Stan" });
  await andreeasChoices.getByRole("button", { name: "Save the choices" }).click();
  await expect(andreeasChoices.getByText("Saved.")).toBeVisible();

  await manager.getByRole("button", { name: "Propose the best assignment" }).click();
  const proposal = manager.getByTestId("proposal");
  await expect(proposal.getByTestId("proposed-pair")).toHaveCount(1);
  await expect(proposal.getByLabel("Rodica Stan")).toHaveValue(/.+/);
  await proposal.getByRole("button", { name: "Confirm these pairs" }).click();
  await expect(manager.getByText("Matched: the pair is getting to know each other.")).toBeVisible();
  const pair = manager.getByTestId("pair");
  await expect(pair).toHaveCount(1);
  await expect(pair).toContainText("Rodica Stan");
  await expect(pair).toContainText("Getting to know");

  // The mentor's phone shows the new mentee, and offline too.
  await mentor.reload();
  await appReady(mentor);
  await expect(mentor.getByText("Rodica Stan").first()).toBeVisible();
  await serviceWorkerReady(mentor);
  await mentor.context().setOffline(true);
  await mentor.reload();
  await appReady(mentor);
  await expect(syncState(mentor)).toHaveText(/^Offline/);
  await expect(mentor.getByText("Rodica Stan").first()).toBeVisible();
});

test("an invitation link works once; a second visit says it is gone", async ({ page, browser }) => {
  await logIn(page, "coordinator@example.org");
  await appReady(page);
  await menuLink(page, "Programmes");
  await page.getByTestId("programme-card").first().getByRole("link").click();
  await appReady(page);
  await page.getByRole("button", { name: "Invite a mentor manager" }).click();
  const link = await invitationLink(page);

  const first = await join(browser, link, "Ana Rus", "ana.rus@example.org");
  await expect(first).toHaveURL(/\/manager$/);

  const context = await browser.newContext();
  const second = await context.newPage();
  await second.goto(link);
  await expect(second.getByRole("alert")).toContainText("This invitation link does not work");
});
