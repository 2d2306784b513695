// Everything a mentor writes on the phone goes through one outbox: with the
// network cut, a meeting log, a goal, a mid-term report and a safeguarding
// concern wait together, the sync line counts them all and the outbox page
// lists them all (the concern without a word of what it says); back online,
// each reaches the server exactly once, the concern first. And every report
// of every mentee, written offline, reaches the server.
import type { Locator, Page } from "@playwright/test";
import {
  appReady,
  expect,
  fillMeetingLog,
  logIn,
  menuLink,
  serviceWorkerReady,
  submitMeetingLog,
  syncState,
  test,
} from "./fixtures";

const WORRY = "Gabriela's son said he sleeps in the car some nights.";

function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Answers one question of a report, whatever its scale. */
async function answer(question: Locator): Promise<void> {
  if ((await question.getByRole("radio", { name: "Agree", exact: true }).count()) > 0) {
    await question.getByRole("radio", { name: "Agree", exact: true }).check();
  } else if ((await question.getByRole("radio", { name: "YES", exact: true }).count()) > 0) {
    await question.getByRole("radio", { name: "YES", exact: true }).check();
    await question.getByRole("textbox").fill("We read together now.");
  } else {
    await question.getByRole("textbox").fill("Talking to the teacher.");
  }
}

function dueRow(page: Page, report: string, who: string): Locator {
  return page.getByTestId("report-due").filter({ hasText: report }).filter({ hasText: who });
}

/** Fills one report from the Reports page: the mentor's own on one page,
 * the mentee's one question at a time on the mentor's phone. */
async function fillReport(page: Page, report: string, mentee: string, mentors: boolean): Promise<void> {
  const who = mentors ? "Your answers" : `${mentee}'s answers`;
  const link = mentors ? "Fill in" : `Hand the phone to ${mentee}`;
  await dueRow(page, `${report} · ${mentee}`, who).getByRole("link", { name: link }).click();
  if (mentors) {
    await page.getByLabel("Months").fill("2");
    const questions = page.locator("fieldset.question");
    await expect(questions.first()).toBeVisible();
    for (let n = 0; n < (await questions.count()); n++) {
      await answer(questions.nth(n));
    }
    await page.getByRole("button", { name: "Save and send" }).click();
    await expect(page.getByText("Saved. The report is sent as soon as the phone is online.")).toBeVisible();
    await page.getByRole("link", { name: "Reports" }).last().click();
  } else {
    await page.getByRole("button", { name: "Start" }).click();
    await page.getByLabel("Months").fill("2");
    await page.getByRole("button", { name: "Next" }).click();
    while (await page.getByRole("button", { name: "Next" }).isVisible()) {
      await answer(page.locator("fieldset.question"));
      await page.getByRole("button", { name: "Next" }).click();
    }
    await answer(page.locator("fieldset.question"));
    await page.getByRole("button", { name: "Save and send" }).click();
    await page.getByRole("button", { name: "Give the phone back" }).click();
  }
  await appReady(page);
  await expect(dueRow(page, `${report} · ${mentee}`, who).getByTestId("report-waiting")).toBeVisible();
}

/** The items of every sync request the server answered, request by request
 * (attempts made offline never reach it). */
function watchSync(page: Page): { kind: string; pair: string }[][] {
  const requests: { kind: string; pair: string }[][] = [];
  page.on("requestfinished", async (request) => {
    if (!request.url().endsWith("/api/sync")) return;
    if ((await request.response())?.status() !== 200) return;
    const items = (request.postDataJSON()?.items ?? []) as { kind: string; input: { pair_id: string } }[];
    if (items.length > 0) requests.push(items.map((i) => ({ kind: i.kind, pair: i.input.pair_id })));
  });
  return requests;
}

test("offline, a log, a goal, a report and a concern wait in one outbox; online, each reaches the server once, the concern first", async ({
  page,
  context,
  server,
}) => {
  test.setTimeout(180_000);
  const logsBefore = (await server.managerLogs()).length;
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  const sent = watchSync(page);
  await context.setOffline(true);

  // A goal for Gabriela.
  await page.getByTestId("pair-card").filter({ hasText: "Gabriela Radu" }).getByRole("link", { name: "Goals" }).click();
  await appReady(page);
  await page.getByRole("button", { name: "New goal" }).click();
  await page.getByLabel("What is the goal?").fill("Visit the school library together");
  await page.getByLabel("Target date").fill(inDays(30));
  await page.getByRole("button", { name: "Save the goal" }).click();
  await expect(page.getByText("The goal is saved on this phone and sent when there is a connection.")).toBeVisible();

  // A meeting log.
  await menuLink(page, "New meeting log");
  await fillMeetingLog(page, { mentee: "Gabriela Radu", description: "We went through the school calendar." });
  await submitMeetingLog(page);

  // Her mid-term report, the mentor's own answers.
  await menuLink(page, "Reports");
  await appReady(page);
  await fillReport(page, "Mid-term report", "Gabriela Radu", true);

  // A safeguarding concern.
  await page.goto("/mentor/concerns");
  await appReady(page);
  await page.getByLabel("Mentee", { exact: true }).selectOption({ label: "Gabriela Radu" });
  await page.getByLabel("A child's").check();
  await page.getByLabel("What happened").fill(WORRY);
  await page.getByLabel("What was done straight away").fill("I told the manager at once.");
  await page.getByRole("button", { name: "Send to my manager" }).click();
  await expect(page.getByText("Saved on this phone. It is sent before anything else")).toBeVisible();

  // Four wait, every kind counted; the outbox lists them all.
  await expect(syncState(page)).toHaveText("Offline · 4 saved on this phone");
  await page.goto("/mentor/outbox");
  await appReady(page);
  const items = page.getByTestId("outbox-item");
  await expect(items).toHaveCount(4);
  for (const kind of ["concern", "goal", "meeting_log", "report"]) {
    await expect(items.and(page.locator(`[data-kind=${kind}]`)).getByTestId("outbox-state")).toHaveText("Waiting to sync");
  }
  const concern = items.and(page.locator("[data-kind=concern]"));
  await expect(concern).toContainText("Safeguarding concern, waiting to be sent");
  await expect(concern).not.toContainText("sleeps in the car");
  await expect(concern).not.toContainText("Gabriela");
  await expect(items.and(page.locator("[data-kind=goal]"))).toContainText("Visit the school library together");
  await expect(items.and(page.locator("[data-kind=report]"))).toContainText("Mid-term report · Gabriela Radu");

  await context.setOffline(false);

  await expect(syncState(page)).toHaveText(/^All sent · /, { timeout: 30_000 });
  expect(sent.flat().map((i) => i.kind)).toEqual(["concern", "goal", "meeting_log", "report"]);
  expect(sent[0][0].kind).toBe("concern");
  const pair = sent[0][0].pair;
  // Exactly once each, on the server.
  const logs = (await server.managerLogs()).filter((l) => l.description === "We went through the school calendar.");
  expect(logs).toHaveLength(1);
  expect((await server.managerLogs()).length).toBe(logsBefore + 1);
  const goals = (await server.asManager("goals/of_pair", { pair })).goals.filter(
    (g: { what: string }) => g.what === "Visit the school library together",
  );
  expect(goals).toHaveLength(1);
  const concerns = (await server.asManager("concerns/of_pair", { pair })).concerns.filter(
    (c: { happened: string }) => c.happened === WORRY,
  );
  expect(concerns).toHaveLength(1);
  const reports = (await server.asManager("reports/mirror", { pair })).reports;
  expect(reports.filter((r: { kind: string; respondent: string }) => r.kind === "midterm" && r.respondent === "mentor")).toHaveLength(1);
  // The phone keeps nothing of the concern.
  const kept = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  expect(kept).not.toContain("sleeps in the car");
});

test("every report of every mentee, written offline, reaches the server once the phone is online", async ({
  page,
  context,
  server,
}) => {
  test.setTimeout(300_000);
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  const sent = watchSync(page);
  await menuLink(page, "Reports");
  await appReady(page);
  await context.setOffline(true);

  const all: [string, string, boolean][] = [];
  for (const mentee of ["Ioana Marin", "Gabriela Radu"]) {
    for (const report of ["Mid-term report", "Final report"]) {
      for (const mentors of [true, false]) {
        await fillReport(page, report, mentee, mentors);
        all.push([report, mentee, mentors]);
      }
    }
  }
  await expect(syncState(page)).toHaveText("Offline · 8 saved on this phone");

  await context.setOffline(false);

  await expect(syncState(page)).toHaveText(/^All sent · /, { timeout: 30_000 });
  for (const [report, mentee, mentors] of all) {
    const who = mentors ? "Your answers" : `${mentee}'s answers`;
    await expect(dueRow(page, `${report} · ${mentee}`, who)).toContainText("answered on");
  }
  const reports = sent.flat();
  expect(reports).toHaveLength(8);
  expect(reports.every((r) => r.kind === "report")).toBe(true);
  const pairs = [...new Set(reports.map((r) => r.pair))];
  expect(pairs).toHaveLength(2);
  for (const pair of pairs) {
    const stored = (await server.asManager("reports/mirror", { pair })).reports as { kind: string; respondent: string }[];
    const keys = stored.map((r) => `${r.kind}.${r.respondent}`).sort();
    expect(keys).toEqual(["final.mentee", "final.mentor", "midterm.mentee", "midterm.mentor"]);
  }
});
