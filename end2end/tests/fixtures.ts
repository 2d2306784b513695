import { test as base, expect, Page, BrowserContext } from "@playwright/test";
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "..", "..");
// What users run: the release build (scripts/test.sh builds it with the
// split bundle).
const binary = process.env.PB_BINARY ?? path.join(root, "target", "release", "parent-bridge");

export const PASSWORD = "parent-bridge-demo";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** The real server, on its own port, with a fresh database holding the demo data. */
export class Server {
  readonly url: string;
  readonly folder: string;
  private child?: ChildProcess;
  /** Everything the server wrote to stderr (its log). */
  log = "";
  /** The built site it serves; a test may point it at a changed copy. */
  siteRoot = path.join(root, "target", "site");
  /** More of the server's environment (email settings, say). */
  extraEnv: NodeJS.ProcessEnv = {};

  constructor(
    private readonly port: number,
    folder: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.folder = folder;
  }

  env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      DATABASE_URL: `sqlite:${path.join(this.folder, "e2e.db")}`,
      PB_SECRET_FILE: path.join(this.folder, "server-secret"),
      LEPTOS_SITE_ROOT: this.siteRoot,
      RUST_LOG: "warn",
      ...this.extraEnv,
    };
  }

  loadDemo(): void {
    execFileSync(binary, ["demo"], { env: this.env(), stdio: "ignore" });
  }

  async start(): Promise<void> {
    this.child = spawn(binary, ["serve", "--addr", `127.0.0.1:${this.port}`], {
      env: this.env(),
      stdio: ["ignore", "ignore", "pipe"],
    });
    this.child.stderr?.on("data", (chunk: Buffer) => {
      this.log += chunk.toString();
      process.stderr.write(chunk);
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${this.url}/readyz`);
        if (response.ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the server did not start");
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    this.child = undefined;
  }

  /** The panics the server logged (a test whose server panicked fails). */
  panics(): string[] {
    return this.log.split("\n").filter((line) => /panic/i.test(line));
  }

  /**
   * Meeting logs in the database, counted through the manager's server
   * function: every page of the manager's log list, newest first.
   */
  async managerLogs(): Promise<{ description: string; challenge: string | null }[]> {
    const logs = [];
    let after = "";
    do {
      const page = await this.asManager("manager/logs", new URLSearchParams({ "query[after]": after }));
      logs.push(...page.logs);
      after = page.next ?? "";
    } while (after);
    return logs;
  }

  /**
   * A server function called as the demo's manager (`body` as JSON, as a
   * form, or nothing): what the office reads of what the phones sent.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async asManager(endpoint: string, body?: object | URLSearchParams): Promise<any> {
    const login = await fetch(`${this.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: this.url },
      body: new URLSearchParams({ email: "manager@example.org", password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
    const headers: Record<string, string> = { cookie, origin: this.url };
    const form = body instanceof URLSearchParams;
    if (body) headers["content-type"] = form ? "application/x-www-form-urlencoded" : "application/json";
    const response = await fetch(`${this.url}/api/${endpoint}`, {
      method: "POST",
      headers,
      body: body ? (form ? body.toString() : JSON.stringify(body)) : undefined,
    });
    expect(response.status).toBe(200);
    return response.json();
  }
}

/** An email as the {@link SmtpSink} got it. */
export interface ReceivedMail {
  to: string[];
  /** Headers and body, quoted-printable undone. */
  text: string;
}

/**
 * A real SMTP server of the test's own, on a free port: the app sends its
 * email here as it would to the organisation's mail server.
 */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  private server?: net.Server;
  port = 0;

  async start(): Promise<void> {
    this.server = net.createServer((socket) => {
      let to: string[] = [];
      let data: string | null = null;
      let buffer = "";
      socket.write("220 sink ESMTP\r\n");
      socket.on("data", (chunk: Buffer) => {
        buffer += chunk.toString("latin1");
        for (;;) {
          if (data !== null) {
            const end = buffer.indexOf("\r\n.\r\n");
            if (end < 0) return;
            data += buffer.slice(0, end);
            buffer = buffer.slice(end + 5);
            const text = data
              .replace(/=\r?\n/g, "")
              .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
            this.mails.push({ to, text: Buffer.from(text, "latin1").toString("utf8") });
            to = [];
            data = null;
            socket.write("250 queued\r\n");
            continue;
          }
          const line = buffer.indexOf("\r\n");
          if (line < 0) return;
          const command = buffer.slice(0, line);
          buffer = buffer.slice(line + 2);
          const verb = command.slice(0, 4).toUpperCase();
          if (verb === "EHLO" || verb === "HELO") socket.write("250 sink\r\n");
          else if (verb === "RCPT") {
            to.push(command.replace(/^RCPT TO:\s*<?([^>]*)>?.*$/i, "$1"));
            socket.write("250 ok\r\n");
          } else if (verb === "DATA") {
            data = "";
            socket.write("354 go on\r\n");
          } else if (verb === "QUIT") {
            socket.end("221 bye\r\n");
            return;
          } else socket.write("250 ok\r\n");
        }
      });
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
  }

  stop(): void {
    this.server?.close();
  }

  /**
   * The first email to `to` whose text holds `holding`, once it arrived
   * (the demo's server sends its digests too).
   */
  async mailTo(to: string, holding: string): Promise<ReceivedMail> {
    const find = () => this.mails.find((m) => m.to.includes(to) && m.text.includes(holding));
    await expect.poll(() => find() !== undefined, { timeout: 20_000 }).toBe(true);
    return find()!;
  }
}

export const test = base.extend<{ server: Server }>({
  server: async ({}, use) => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "pb-e2e-"));
    const server = new Server(await freePort(), folder);
    server.loadDemo();
    await server.start();
    await use(server);
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
    const panics = server.panics();
    if (panics.length > 0) {
      throw new Error(`the server panicked during this test:\n${panics.join("\n")}`);
    }
  },
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
});

export { expect };

/** Waits until the app has woken the server-rendered page up. */
export async function appReady(page: Page): Promise<void> {
  await page.locator("html[data-app=ready]").waitFor({ state: "attached" });
}

/** Follows a link of the main menu (opening it first on a phone). */
export async function menuLink(page: Page, name: string): Promise<void> {
  const menu = page.locator("details.menu > summary");
  const link = page.locator("details.menu nav").getByRole("link", { name, exact: true });
  if (!(await link.isVisible()) && (await menu.isVisible())) {
    await menu.click();
  }
  await link.click();
}

/** Presses a button of the main menu (opening it first on a phone). */
export async function menuButton(page: Page, name: string): Promise<void> {
  const menu = page.locator("details.menu > summary");
  const button = page.locator("details.menu").getByRole("button", { name });
  if (!(await button.isVisible()) && (await menu.isVisible())) {
    await menu.click();
  }
  await button.click();
}

/** The one-line sync state of the mentor's pages. */
export function syncState(page: Page) {
  return page.getByTestId("sync-state");
}

export async function logIn(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  await choosePinIfAsked(page);
}

/** The app PIN the tests choose at a mentor's first login on a phone. */
export const PIN = "258025";

/**
 * At a mentor's first login on a phone the app asks for an app PIN before it
 * shows anything: chooses {@link PIN}. Other people (and a phone that has a
 * PIN already) are not asked.
 */
export async function choosePinIfAsked(page: Page): Promise<void> {
  if (!/^\/(mentor|mentee)/.test(new URL(page.url()).pathname)) return;
  // (By the fields' ids: the page may be in any language.)
  await page.waitForFunction(() => {
    if (document.querySelector(".vault #vault-pin-again")) return true;
    const user = localStorage.getItem("pb.v1.last_user");
    const record = user && JSON.parse(localStorage.getItem(`pb.v1.vault.${user}`) || "null");
    return !!record?.pin && !document.querySelector(".vault");
  });
  const again = page.locator(".vault #vault-pin-again");
  if (await again.isVisible()) {
    await page.locator(".vault #vault-pin").fill(PIN);
    await again.fill(PIN);
    await page.locator(".vault button[type=submit]").click();
    await expect(page.locator(".vault")).toHaveCount(0);
  }
}

/**
 * What the phone keeps for the person last logged in, decrypted with the
 * app's own vault (as the app reads it): `[key, value]`. Local storage
 * itself holds these values only encrypted.
 */
export async function phoneData(page: Page): Promise<[string, string][]> {
  return page.evaluate(async () => {
    const vault = await (window as unknown as { __pbVault: Promise<{ unseal(u: string, t: string): Promise<string | null> }> }).__pbVault;
    const user = localStorage.getItem("pb.v1.last_user")!;
    const out: [string, string][] = [];
    for (const key of Object.keys(localStorage).filter((k) => k.startsWith(`pb.v1.${user}.`))) {
      out.push([key, (await vault.unseal(user, localStorage.getItem(key)!)) ?? ""]);
    }
    return out;
  });
}

/**
 * Waits until a mentor's page works offline: the service worker controls it
 * and the first sync has finished, so the phone holds the mentees and logs
 * (going offline sooner leaves the form with no mentee to choose). "All
 * sent" alone shows before the first sync too (nothing is waiting); the
 * time of the last sync shows only once one has finished.
 */
export async function serviceWorkerReady(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active?.state === "activated" && navigator.serviceWorker.controller !== null;
  });
  await expect(syncState(page)).toHaveText(/^All sent · /);
}

/** Today, as the browser's date input wants it. */
export function today(daysAgo = 0): string {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export interface LogFields {
  mentee: string;
  date?: string;
  form?: string;
  hours?: string;
  minutes?: string;
  description: string;
  wentWell?: string;
  challenge?: string;
}

/** Fills the meeting log form by its visible labels. */
export async function fillMeetingLog(page: Page, log: LogFields): Promise<void> {
  await page.getByLabel("Mentee", { exact: true }).selectOption({ label: log.mentee });
  await page.getByLabel("Date").fill(log.date ?? today(1));
  await page.getByLabel(log.form ?? "Telephone").check();
  await page.getByLabel("Hours").fill(log.hours ?? "1");
  await page.getByLabel("Minutes").fill(log.minutes ?? "30");
  await page.getByLabel(/Write a brief description of what you did during this meeting/).fill(log.description);
  await page.getByLabel(/Do you think the session went well\?/).fill(log.wentWell ?? "Yes. Next: a school visit.");
  if (log.challenge) {
    await page.getByLabel("Yes", { exact: true }).check();
    await page.getByLabel("If YES, please describe it").fill(log.challenge);
  } else {
    await page.getByLabel("No", { exact: true }).check();
  }
}

export async function submitMeetingLog(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Save meeting log" }).click();
  await page.waitForURL(/\/mentor\/logs\?pair=.*saved=/);
}

export async function openNewLog(page: Page): Promise<void> {
  await menuLink(page, "New meeting log");
  await expect(page.getByLabel("Mentee", { exact: true })).toBeVisible();
  await appReady(page);
}

export type { BrowserContext };

/** Opens the first programme of the office's list; returns its address. */
export async function openFirstProgramme(page: Page): Promise<string> {
  await menuLink(page, "Programmes");
  await page.getByTestId("programme-card").first().getByRole("link").click();
  await appReady(page);
  return new URL(page.url()).pathname.replace(/\/$/, "");
}
