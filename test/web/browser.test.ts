// The web demo in a real browser: Debian's chromium, headless, driven by playwright-core, against
// the real bot and the sandbox. What an owner does in a first week, as a person would click it.
import type { Browser, Page } from "playwright-core";
import { startWebDemo, type WebDemo } from "../../src/demo/webDemo";
import { KNOWN_BLOCK_TYPES, KNOWN_ELEMENT_TYPES, KNOWN_TEXT_TYPES } from "../../src/sandbox/web/render";
import { launchChromium } from "../helpers/browser";

jest.setTimeout(60_000);

describe("the demo in a browser", () => {
  let demo: WebDemo;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startWebDemo(), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("an owner checks in from their DM, sees the Friday digest with its chart, their Home tab, and /okr", async () => {
    await page.goto(`${demo.url}?as=U0BOB&at=dm`);
    const feed = page.locator("#feed");
    await feed.getByText("Weekly check-in ·").waitFor();
    await expect(page.getByLabel("You are").inputValue()).resolves.toBe("U0BOB");

    // The DM's button opens the modal through a signed block_actions and the bot's views.open.
    await feed.getByRole("button", { name: "Check in", exact: true }).click();
    const modal = page.getByRole("dialog", { name: "Weekly check-in" });
    await modal.waitFor();
    await modal.getByLabel("New value (%)").fill("ninety-five");
    await modal.getByLabel("Confidence").selectOption({ label: "At risk" });
    await modal.getByRole("button", { name: "Save" }).click();
    // The bot answers response_action: errors; the error shows under the field, the text stays.
    const error = modal.locator(".has-error .field-error");
    await error.waitFor();
    expect(await error.textContent()).toMatch(/number/i);
    expect(await modal.getByLabel("New value (%)").inputValue()).toBe("ninety-five");
    // Keyboard: the field at fault has the focus, and the page behind the modal is out of Tab's reach.
    expect(await page.evaluate('document.activeElement.closest(".has-error") !== null')).toBe(true);
    expect(await page.evaluate('document.querySelector(".app").inert')).toBe(true);

    await modal.getByLabel("New value (%)").fill("95.1");
    await modal.getByRole("button", { name: "Save" }).click();
    await modal.waitFor({ state: "detached" });
    await feed.getByText("Checked in ✓").first().waitFor();
    const row = await demo.stack.bot.database.db.checkIn.findFirstOrThrow({
      where: { keyResult: { title: "Improve checkout success rate" } },
    });
    expect(row.value).toBe(95.1);

    // The clock: Friday's digest job posts in the team channel, the chart goes in its thread.
    await page.getByRole("button", { name: "Friday digest" }).click();
    await page.getByRole("button", { name: "# platform" }).click();
    await feed.getByRole("heading", { name: /Platform · OKR digest/ }).waitFor();
    await feed.getByText("Improve checkout success rate").first().waitFor();
    const chart = feed.locator("img.file-image").first();
    await chart.waitFor();
    // The test compiles without the DOM library: the page-side check is a string.
    await page.waitForFunction(
      '(() => { const img = document.querySelector("#feed img.file-image"); return img !== null && img.complete && img.naturalWidth > 0; })()',
    );
    expect(await chart.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(
      100,
    );

    // Opening Home sends app_home_opened; the bot publishes the tab.
    await page.getByRole("button", { name: "Home" }).click();
    await feed.getByRole("heading", { name: "Your OKRs" }).waitFor();
    expect(demo.stack.sandbox.home("U0BOB")).toBeDefined();

    // A slash command from the composer; the answer only Bob sees.
    await page.getByRole("button", { name: "Messages" }).click();
    await page.getByLabel("Message").fill("/okr");
    await page.getByLabel("Message").press("Enter");
    const answer = feed.locator("article.ephemeral").last();
    await answer.waitFor();
    expect(await answer.textContent()).toContain("Only visible to you");
    expect(await answer.textContent()).toContain("Improve checkout success rate");
  });

  it("the quarter's last week: the retro DM and its modal (radio buttons, keyboard); at its end the retro thread", async () => {
    await page.goto(`${demo.url}?as=U0BOB&at=dm`);
    const feed = page.locator("#feed");
    await page.getByRole("button", { name: "Last week of the quarter" }).click();
    await page.getByRole("button", { name: "Messages" }).click();
    await feed.getByRole("heading", { name: /^Retro · / }).waitFor();
    await feed.getByRole("button", { name: "Reflect" }).click();
    const modal = page.getByRole("dialog", { name: "Retro" });
    await modal.waitFor();
    await modal.getByLabel("Score (0.0–1.0)").fill("0.7");
    await modal.getByRole("group", { name: "Carry it forward to next quarter?" }).getByLabel("Yes").check();
    // Keyboard: Enter in a field saves the form, as in Slack.
    await modal.getByLabel("Score (0.0–1.0)").press("Enter");
    // The bot answers response_action: update: the same modal now says what was saved, with no Save.
    await modal.getByText("Saved, score 0.7").waitFor();
    expect(await modal.getByRole("button", { name: "Save" }).count()).toBe(0);
    await page.keyboard.press("Escape");
    await modal.waitFor({ state: "detached" });
    const entry = await demo.stack.bot.database.db.retroEntry.findFirstOrThrow({
      where: { keyResult: { title: "Improve checkout success rate" } },
    });
    expect(entry).toMatchObject({ score: 0.7, carryForward: true });

    await page.getByRole("button", { name: "Quarter end" }).click();
    await page.getByRole("button", { name: "# platform" }).click();
    await feed.getByRole("heading", { name: /Platform · .* retrospective/ }).waitFor();
  });

  it("every block, element and text type the bot sent in this run is one the page draws", () => {
    const types = new Set<string>();
    const collect = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(collect);
      else if (typeof v === "object" && v !== null) {
        for (const [k, x] of Object.entries(v)) {
          if (k === "type" && typeof x === "string") types.add(x);
          else collect(x);
        }
      }
    };
    const sandbox = demo.stack.sandbox;
    for (const m of [...sandbox.messages(), ...sandbox.ephemerals()]) collect(m.blocks);
    for (const v of sandbox.views()) collect(v.view.blocks);
    expect(types.size).toBeGreaterThan(10);
    const known = new Set<string>([...KNOWN_BLOCK_TYPES, ...KNOWN_ELEMENT_TYPES, ...KNOWN_TEXT_TYPES]);
    expect([...types].filter((t) => !known.has(t))).toEqual([]);
  });
});
