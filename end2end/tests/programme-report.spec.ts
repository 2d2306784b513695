// The programme report: the coordinator opens the demo programme's report,
// finds Table 1 and the charts filled from the data, writes the
// introduction (kept after a reload), narrows the period, downloads the
// figures as CSV and XLSX, marks an answer publishable and downloads the
// report as PDF (read back with pdftotext).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { appReady, expect, logIn, menuLink, test } from "./fixtures";

test("a coordinator reads the programme report, writes its introduction and downloads its figures", async ({
  page,
}) => {
  await logIn(page, "coordinator@example.org");
  await appReady(page);
  await menuLink(page, "Programmes");
  await appReady(page);
  await page.getByRole("link", { name: "Parent'R'Us pilot (demo)" }).first().click();
  await appReady(page);
  await page.getByRole("link", { name: "Programme report" }).click();
  await appReady(page);

  await expect(page.getByRole("heading", { level: 1 })).toContainText("Programme report");
  const table1 = page.getByTestId("table1");
  await expect(table1).toContainText("Table 1: pilot action configuration");
  await expect(table1.getByTestId("t1-mentors")).toContainText(/\d/);
  await expect(page.getByTestId("chart-statements").locator("svg title")).toHaveCount(1);
  await expect(page.getByTestId("meetings-total")).toContainText("meetings");

  // The introduction, written and saved, is there after a reload.
  const intro = page.getByTestId("narrative-introduction");
  await intro.getByRole("textbox").fill("Our school runs parent-to-parent mentoring since 2024.");
  await intro.getByRole("button", { name: "Save" }).click();
  await expect(intro.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await appReady(page);
  await expect(page.getByTestId("narrative-introduction").getByRole("textbox")).toHaveValue(
    "Our school runs parent-to-parent mentoring since 2024.",
  );

  // A period with a start after its end is refused, with the reason.
  await page.getByLabel("From", { exact: true }).fill("2026-06-01");
  await page.getByLabel("To", { exact: true }).fill("2026-05-01");
  await page.getByRole("button", { name: "Show the report" }).click();
  await expect(page.getByText("The end must not be before the start.")).toBeVisible();

  // The whole programme again, and its figures as a file.
  await page.getByLabel("From", { exact: true }).fill("");
  await page.getByLabel("To", { exact: true }).fill("");
  await page.getByRole("button", { name: "Show the report" }).click();
  await expect(page.getByTestId("table1")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByTestId("report-csv").click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^programme-report-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const workbook = page.waitForEvent("download");
  await page.getByTestId("report-xlsx").click();
  const sheet = await workbook;
  expect(sheet.suggestedFilename()).toMatch(/^programme-report-.*\.xlsx$/);
  // An XLSX file is a zip archive.
  const bytes = readFileSync(await sheet.path());
  expect(bytes.subarray(0, 2).toString()).toBe("PK");

  // An answer marked publishable (kept after a reload) is quoted in the PDF,
  // beside the introduction written above.
  const mark = page.getByRole("checkbox", { name: "Publishable" }).first();
  const quote = (await mark.locator("xpath=ancestor::li[1]//q").innerText()).trim();
  const saved = page.waitForResponse((r) => r.url().includes("/api/programme-report/quote") && r.ok());
  await mark.check();
  await saved;
  await page.reload();
  await appReady(page);
  await expect(page.getByRole("checkbox", { name: "Publishable" }).first()).toBeChecked();
  const pdfDownload = page.waitForEvent("download");
  await page.getByTestId("report-pdf").click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toMatch(/^programme-report-.*\.pdf$/);
  const pdfPath = await pdf.path();
  expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe("%PDF-");
  const text = execFileSync("pdftotext", [pdfPath, "-"]).toString().replace(/\s+/g, " ");
  expect(text).toContain("Our school runs parent-to-parent mentoring since 2024.");
  expect(text).toContain(quote.replace(/\s+/g, " "));
  expect(text).toMatch(/Page 1 of \d+/);
});
