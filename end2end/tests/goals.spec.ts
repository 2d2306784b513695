// A mentee's goal as the pair lives it: with the network cut, the mentor
// sets the goal on the phone and logs a meeting that worked on it; back
// online, both reach the server, the goal shows its progress, a change is a
// new version, and the manager reads the goal with its history.
import { appReady, expect, fillMeetingLog, logIn, menuLink, serviceWorkerReady, submitMeetingLog, test } from "./fixtures";

function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

test("offline, a mentor sets a goal and logs a meeting that worked on it; online, the manager reads it with its history", async ({
  page,
  context,
  browser,
}) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await page.getByTestId("pair-card").filter({ hasText: "Ioana Marin" }).getByRole("link", { name: "Goals" }).click();
  await expect(page.getByRole("heading", { name: "Goals of Ioana Marin" })).toBeVisible();
  await appReady(page);
  // The demo's goal, worked on at the parents' evening.
  const demo = page.getByTestId("goal").filter({ hasText: "Follow the children's homework calendar every week" });
  await expect(demo.getByTestId("goal-progress")).toContainText("Under way (meeting of");
  await context.setOffline(true);

  await page.getByRole("button", { name: "New goal" }).click();
  await page.getByRole("button", { name: "Save the goal" }).click();
  await expect(page.getByText("Please correct the marked fields.")).toBeVisible();
  await page.getByLabel("What is the goal?").fill("Talk to the class teacher every month");
  await page.getByLabel("Why does it matter?").fill("To hear early how Maria is doing.");
  await page.getByLabel("First steps").fill("Ask the office for the teacher's hours.");
  await page.getByLabel("Target date").fill(inDays(60));
  await page.getByRole("button", { name: "Save the goal" }).click();
  await expect(page.getByText("The goal is saved on this phone and sent when there is a connection.")).toBeVisible();
  const goal = page.getByTestId("goal").filter({ hasText: "Talk to the class teacher every month" });
  await expect(goal.getByTestId("goal-change")).toHaveText("Not sent yet");
  await expect(goal.getByTestId("goal-progress")).toHaveText("Not started");

  // The meeting log offers the new goal, still offline.
  await menuLink(page, "New meeting log");
  await fillMeetingLog(page, { mentee: "Ioana Marin", description: "Went to the school office together." });
  await page.getByLabel("Talk to the class teacher every month").selectOption({ label: "Under way" });
  await submitMeetingLog(page);

  await context.setOffline(false);
  await expect(page.getByTestId("sync-state")).toHaveText(/^All sent · /, { timeout: 15_000 });
  await page.goto("/mentor/goals?pair=" + new URL(page.url()).searchParams.get("pair"));
  await appReady(page);
  await expect(goal.getByTestId("goal-progress")).toContainText("Under way (meeting of");

  // A change is the goal's next version.
  await goal.getByRole("button", { name: "Change the goal" }).click();
  await page.getByLabel("What is the goal?").fill("Talk to the class teacher every two weeks");
  await page.getByRole("button", { name: "Save the goal" }).click();
  const changed = page.getByTestId("goal").filter({ hasText: "every two weeks" });
  await expect(changed.getByTestId("goal-progress")).toContainText("Under way");
  await expect(changed.getByTestId("goal-change")).toHaveCount(0, { timeout: 15_000 });

  // The manager reads the goal and both versions.
  const manager = await (await browser.newContext()).newPage();
  await logIn(manager, "manager@example.org");
  await appReady(manager);
  await menuLink(manager, "Programmes");
  await manager.getByTestId("programme-card").first().getByRole("link").click();
  await appReady(manager);
  await manager.goto(`${new URL(manager.url()).pathname}/matching`);
  await appReady(manager);
  await manager.getByTestId("pair").filter({ hasText: "Ioana Marin" }).getByRole("link", { name: "Goals" }).click();
  await expect(manager.getByRole("heading", { name: "Goals of Ioana Marin with Elena Ionescu" })).toBeVisible();
  await expect(manager.getByTestId("goal")).toHaveCount(2);
  const read = manager.getByTestId("goal").filter({ hasText: "Talk to the class teacher every two weeks" });
  await expect(read.getByTestId("goal-progress")).toContainText("Under way");
  await read.getByText("History").click();
  await expect(read.getByTestId("goal-revision")).toHaveCount(2);
  await expect(read.getByTestId("goal-revision").last()).toContainText("Talk to the class teacher every month");
});

test("the mentee reads the goals they set with their mentor, with how far each has come", async ({ page }) => {
  await logIn(page, "mentee@example.org");
  await appReady(page);
  await expect(page.getByRole("heading", { name: "Goals" })).toBeVisible();
  const goal = page.getByTestId("goal").filter({ hasText: "Follow the children's homework calendar every week" });
  await expect(goal).toContainText("To know what the teachers ask");
  await expect(goal.getByTestId("goal-progress")).toContainText("Under way (meeting of");
});

test("the mentee sees when and how they met their mentor, and none of what the mentor wrote", async ({ page }) => {
  await logIn(page, "mentee@example.org");
  await appReady(page);

  await expect(page.getByRole("heading", { name: "Your meetings" })).toBeVisible();
  const meetings = page.getByTestId("mentee-meetings").getByRole("listitem");
  await expect(meetings).toHaveCount(3);
  await expect(meetings.nth(0)).toContainText("Face-to-face");
  await expect(meetings.nth(0)).toContainText("2 h");
  await expect(meetings.nth(1)).toContainText("Telephone");
  await expect(meetings.nth(1)).toContainText("40 min");
  // (The goal they set together is theirs to read; the logs' words are not.)
  await expect(page.getByText(/café next to the school|met the class teacher|Phone call\./)).toHaveCount(0);
});
