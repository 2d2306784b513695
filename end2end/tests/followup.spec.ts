// The manager follows every pair. With the network cut, a mentor raises a
// safeguarding concern; when the phone reconnects it reaches the top of the
// manager's home, the manager reads and acknowledges it, and the mentor sees
// the acknowledgement. Also: the group meeting's agenda from a challenge,
// and what came of it on the mentor's phone.
import { appReady, expect, logIn, menuLink, serviceWorkerReady, test, today } from "./fixtures";

const WORRY = "Ioana's daughter said her father hits her when he is drunk.";

test("a concern raised offline reaches the top of the manager's home, is acknowledged, and the mentor sees it acknowledged", async ({
  page,
  context,
  browser,
}) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await context.setOffline(true);

  await page.getByRole("link", { name: "Worried about someone's safety?" }).click();
  await appReady(page);
  await expect(page.getByRole("heading", { name: "I am worried about someone's safety" })).toBeVisible();
  // Nothing chosen: every problem is named.
  await page.getByRole("button", { name: "Send to my manager" }).click();
  await expect(page.getByText("Please correct the marked fields.")).toBeVisible();
  await page.getByLabel("Mentee", { exact: true }).selectOption({ label: "Ioana Marin" });
  await page.getByLabel("A child's").check();
  await page.getByLabel("What happened").fill(WORRY);
  await page.getByLabel("What was done straight away").fill("I listened and told her she was right to tell me.");
  await page.getByRole("button", { name: "Send to my manager" }).click();
  await expect(page.getByText("Saved on this phone. It is sent before anything else")).toBeVisible();
  await expect(page.getByTestId("concern-on-phone")).toContainText("On this phone, waiting to be sent");

  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(page.getByTestId("concern-on-phone")).toHaveCount(0);
  // What it said left the phone with it.
  const kept = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  expect(kept).not.toContain("drunk");

  const manager = await (await browser.newContext()).newPage();
  await logIn(manager, "manager@example.org");
  await expect(manager).toHaveURL(/\/manager$/);
  const first = manager.getByTestId("alert").first();
  await expect(first).toContainText("Elena Ionescu · Ioana Marin: a safeguarding concern is waiting to be acknowledged");
  await first.getByRole("link").click();
  await appReady(manager);
  const concern = manager.getByTestId("concern").filter({ hasText: WORRY });
  await expect(concern).toBeVisible();
  manager.once("dialog", (dialog) => dialog.accept());
  await concern.getByRole("button", { name: "Acknowledge" }).click();
  await expect(concern.getByTestId("acknowledged")).toContainText("Acknowledged by Mihai Popa");
  await concern.getByLabel("Action").selectOption({ label: "Referred to the child protection services" });
  await concern.getByRole("button", { name: "Save the action" }).click();
  await expect(concern.getByTestId("concern-action")).toContainText("Referred to the child protection services");
  await manager.goto("/manager");
  await expect(manager.getByTestId("alert").filter({ hasText: "safeguarding concern" })).toHaveCount(0);

  await page.reload();
  await appReady(page);
  await expect(page.getByTestId("my-concern").filter({ hasText: "Ioana Marin" })).toContainText("Acknowledged");
  await expect(page.getByTestId("notices-count")).toBeVisible();
  await page.locator("details.menu nav a[href='/notifications']").click();
  await expect(page.getByTestId("notification").filter({ hasText: "acknowledged the safeguarding concern" }).first()).toBeVisible();
});

test("a challenge from a meeting log goes on a group meeting's agenda and the mentor reads what came of it", async ({
  page,
  browser,
}) => {
  const mentor = page;
  await logIn(mentor, "mentor@example.org");
  await serviceWorkerReady(mentor);
  await menuLink(mentor, "New meeting log");
  await appReady(mentor);
  await mentor.getByLabel("Mentee", { exact: true }).selectOption({ label: "Ioana Marin" });
  await mentor.getByLabel("Telephone").check();
  await mentor.getByLabel("Hours").fill("0");
  await mentor.getByLabel("Minutes").fill("45");
  await mentor.getByLabel(/Write a brief description of what you did during this meeting/).fill("We prepared the talk with the teacher.");
  await mentor.getByLabel(/Do you think the session went well\?/).fill("Yes.");
  await mentor.getByLabel("Yes", { exact: true }).check();
  await mentor.getByLabel("If YES, please describe it").fill("Ioana fears the teacher will judge her Romanian.");
  await mentor.getByRole("button", { name: "Save meeting log" }).click();
  await mentor.waitForURL(/\/mentor\/logs\?pair=.*saved=/);
  await expect(mentor.getByTestId("log-card").filter({ hasText: "We prepared the talk" }).getByTestId("log-state")).toHaveText("Synced");

  const manager = await (await browser.newContext()).newPage();
  await logIn(manager, "manager@example.org");
  await manager.getByTestId("alert").filter({ hasText: "challenges not yet discussed" }).first().getByRole("link").click();
  await appReady(manager);
  await expect(manager.getByRole("heading", { name: "Supervision of the mentors" })).toBeVisible();
  // Andrei has had no check-in yet; Elena had hers.
  await expect(manager.getByTestId("no-check-in")).toContainText("Andrei Stan");
  await expect(manager.getByTestId("no-check-in")).not.toContainText("Elena Ionescu");
  const plan = manager.locator("form").filter({ hasText: "Plan a group meeting" });
  await plan.getByLabel("Date", { exact: true }).fill(today());
  await plan.getByLabel("Elena Ionescu").check();
  await plan.getByRole("button", { name: "Save the group meeting" }).click();
  const meeting = manager.getByTestId("group-meeting").first();
  const proposal = meeting.getByTestId("proposed-challenge").filter({ hasText: "fears the teacher will judge" });
  await expect(proposal).toContainText("Elena Ionescu");
  await expect(proposal).not.toContainText("Ioana Marin");
  await proposal.getByRole("checkbox").check();
  await meeting.getByRole("button", { name: "Add to the agenda" }).click();
  const item = manager.getByTestId("group-meeting").first().getByTestId("agenda-item").filter({ hasText: "fears the teacher will judge" });
  await item.getByLabel("What came of it").fill("Practise the talk in Romanian with Elena; the teacher is patient.");
  await item.getByRole("button", { name: "Mark discussed" }).click();
  await expect(manager.getByTestId("group-meeting").first().getByTestId("agenda-item").filter({ hasText: "fears the teacher" })).toContainText("Discussed");

  await mentor.goto("/notifications");
  await appReady(mentor);
  await expect(mentor.getByTestId("notification").filter({ hasText: "Practise the talk in Romanian" })).toContainText("New");
});
