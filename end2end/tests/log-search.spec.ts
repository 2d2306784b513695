import { expect, logIn, test } from "./fixtures";

test("a manager searches the logs of their programmes by words, pair and form, and the search stays in the address", async ({
  page,
  server,
}) => {
  await logIn(page, "manager@example.org");
  await page.goto("/manager/logs");
  const cards = page.getByTestId("log-card");
  await expect(cards).toHaveCount(5);
  const search = page.getByTestId("log-search");

  // Any case, no accents: "CAFE" finds "café".
  await search.getByLabel("Words in the log").fill("CAFE");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/words=CAFE/);
  await expect(cards).toHaveCount(1);
  await expect(cards).toContainText("First meeting at the café");
  await expect(page.getByTestId("logs-shown")).toHaveText("1 logs shown");

  // The address is the search: a reload (the server's page) shows the same.
  await page.reload();
  await expect(search.getByLabel("Words in the log")).toHaveValue("CAFE");
  await expect(cards).toHaveCount(1);

  // One pair, one form of meeting.
  await search.getByLabel("Words in the log").fill("");
  const ioana = await search.getByLabel("Pair", { exact: true }).locator("option", { hasText: "Ioana" }).getAttribute("value");
  await search.getByLabel("Pair", { exact: true }).selectOption(ioana!);
  await search.getByRole("button", { name: "Search" }).click();
  await expect(cards).toHaveCount(3);
  await search.getByLabel("Form of meeting").selectOption("telephone");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/form=telephone/);
  await expect(cards).toHaveCount(1);
  await expect(cards).toContainText("Phone call. We went through the parent portal");

  // Nothing found says so; a search that ends before it starts names it.
  await page.goto("/manager/logs?words=zebra");
  await expect(page.getByText("No meeting log matches this search.")).toBeVisible();
  await page.goto("/manager/logs?from=2026-03-10&to=2026-03-01");
  await expect(search.getByLabel("To", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(search.getByText("The end must not be before the start.")).toBeVisible();
  await expect(cards).toHaveCount(0);

  await search.getByRole("link", { name: "Clear the search" }).click();
  await expect(page).toHaveURL(/\/manager\/logs$/);
  await expect(cards).toHaveCount(5);
});
