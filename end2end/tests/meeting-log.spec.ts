import {
  appReady,
  choosePinIfAsked,
  expect,
  fillMeetingLog,
  logIn,
  menuButton,
  menuLink,
  openNewLog,
  submitMeetingLog,
  test,
  today,
} from "./fixtures";

test("a mentor logs a meeting with the labelled form and the manager reads it", async ({ page, server }) => {
  await logIn(page, "mentor@example.org");
  await expect(page).toHaveURL(/\/mentor$/);
  await expect(page.getByRole("heading", { name: "Ioana Marin", exact: true })).toBeVisible();

  await openNewLog(page);
  await fillMeetingLog(page, {
    mentee: "Gabriela Radu",
    form: "Face-to-face",
    hours: "1",
    minutes: "45",
    description: "We met at the library and read the school's letters together.",
    challenge: "She worries the school will judge her family.",
  });
  await submitMeetingLog(page);

  const card = page.getByTestId("log-card").filter({ hasText: "read the school's letters together" });
  await expect(card).toBeVisible();
  await expect(card).toContainText("1 h 45 min");
  await expect(card.getByTestId("log-state")).toHaveText("Synced");

  await menuButton(page, "Log out");
  await expect(page).toHaveURL(/\/login$/);
  await logIn(page, "manager@example.org");
  await expect(page).toHaveURL(/\/manager$/);
  await page.getByRole("link", { name: "Every meeting log of my programmes" }).click();
  await expect(page).toHaveURL(/\/manager\/logs$/);
  const managerCard = page.getByTestId("log-card").filter({ hasText: "read the school's letters together" });
  await expect(managerCard).toBeVisible();
  await expect(managerCard).toContainText("Elena Ionescu");
  await expect(managerCard).toContainText("Challenge");
  expect((await server.managerLogs()).filter((l) => l.description.includes("read the school's letters together"))).toHaveLength(1);
});

test("invalid input is shown next to its field and nothing is stored", async ({ page, server }) => {
  const before = (await server.managerLogs()).length;
  await logIn(page, "mentor@example.org");
  await openNewLog(page);
  await fillMeetingLog(page, { mentee: "Ioana Marin", date: today(-3), hours: "9", minutes: "0", description: "Too long" });
  await page.getByLabel(/Write a brief description/).fill("");

  await page.getByRole("button", { name: "Save meeting log" }).click();

  await expect(page.locator("#log-date-error")).toHaveText("The date cannot be in the future.");
  await expect(page.locator("#log-duration-error")).toHaveText("A meeting lasts at most 8 hours.");
  await expect(page.locator("#log-description-error")).toHaveText("Please fill this in.");
  await expect(page.getByLabel("Date")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/mentor\/log$/);
  expect((await server.managerLogs()).length).toBe(before);
});

test("switching to Romanian changes the labels and is remembered", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Language").selectOption("ro");
  await expect(page.getByLabel("Parolă")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ro");

  await page.getByLabel("Adresă de e-mail").fill("mentor@example.org");
  await page.getByLabel("Parolă").fill("parent-bridge-demo");
  await page.getByRole("button", { name: "Autentificare" }).click();
  await page.waitForURL(/\/mentor$/);
  await choosePinIfAsked(page);
  await menuLink(page, "Jurnal nou de întâlnire");
  await expect(page.getByLabel("Data", { exact: true })).toBeVisible();
  await expect(page.getByRole("group", { name: "Forma întâlnirii" })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Data", { exact: true })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ro");
});

test("a language picked while the app is still loading is applied when it loads", async ({ page }) => {
  let release: () => void = () => {};
  const picked = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/pkg/*.wasm", async (route) => {
    await picked;
    await route.continue();
  });
  await page.goto("/login");
  await page.getByLabel("Language").selectOption("ro");

  release();

  await expect(page.getByLabel("Parolă")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ro");
  await page.reload();
  await expect(page.getByLabel("Parolă")).toBeVisible();
});

test("a language picked on a phone whose app never arrives is remembered for the next page", async ({ page }) => {
  await page.route("**/pkg/*.wasm", (route) => route.abort());
  await page.goto("/login");
  await page.getByLabel("Language").selectOption("ro");

  await page.reload();

  await expect(page.getByLabel("Parolă")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ro");
});

test("unknown pages are a 404 in the chosen language", async ({ page, context, server }) => {
  const response = await page.goto("/nothing/here");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  await context.addCookies([{ name: "pb_lang", value: "ro", url: server.url }]);
  const romanian = await page.goto("/nothing/here");
  expect(romanian?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Pagina nu a fost găsită" })).toBeVisible();
});

test("what is typed before the app has loaded is kept", async ({ page }) => {
  // A slow phone: the app's code arrives only after the person has typed.
  let release: () => void = () => {};
  const typed = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/pkg/*.wasm", async (route) => {
    await typed;
    await route.continue();
  });
  await page.goto("/login");
  await page.getByLabel("Email").fill("mentor@example.org");
  await page.getByLabel("Password").fill("parent-bridge-demo");

  release();
  await appReady(page);

  await expect(page.getByLabel("Email")).toHaveValue("mentor@example.org");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/mentor$/);
});

test("logging in before the app has loaded still works and shows a wrong password", async ({ page }) => {
  let release: () => void = () => {};
  const loaded = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/pkg/*.wasm", async (route) => {
    await loaded;
    await route.continue();
  });
  await page.goto("/login");
  await page.getByLabel("Email").fill("mentor@example.org");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Log in" }).click();

  await expect(page).toHaveURL(/\/login\?.*__err=/);
  await expect(page.getByRole("alert")).toHaveText("The email or the password is not right.");

  await page.getByLabel("Email").fill("mentor@example.org");
  await page.getByLabel("Password").fill("parent-bridge-demo");
  await page.getByRole("button", { name: "Log in" }).click();

  // The server logs the person in and sends them home, app or not.
  await expect(page).toHaveURL(/\/mentor$/);
  await expect(page.getByRole("heading", { name: "Ioana Marin", exact: true })).toBeVisible();
  release();
  await appReady(page);
});
