// Refreshes the README's pictures of the web demo (docs/screenshots/*.png): the check-in modal, the
// Friday digest with its chart, the Home tab — taken in Debian's chromium from `okr-bot demo --web`.
// Usage: npm run screenshots (builds first). Not part of the test run. Emoji need a colour emoji font
// (Debian: fonts-noto-color-emoji), or they come out as empty boxes.
const fs = require("node:fs");
const path = require("node:path");
const { chromium } = require("playwright-core");
const { startWebDemo } = require("../dist/demo/webDemo");

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const out = path.join(__dirname, "..", "docs", "screenshots");

async function main() {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`needs chromium at ${CHROMIUM} (apt-get install chromium), or CHROMIUM_PATH`);
  fs.mkdirSync(out, { recursive: true });
  const demo = await startWebDemo();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 820 }, deviceScaleFactor: 1 });
    page.setDefaultTimeout(10_000);
    const feed = page.locator("#feed");
    const shot = async (name) => {
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(out, name) });
      console.log(`docs/screenshots/${name}`);
    };

    // Alice checks in; Bob's modal is photographed with a field error showing.
    await page.goto(`${demo.url}?as=U0ALICE&at=dm`);
    await feed.getByRole("button", { name: "Check in", exact: true }).click();
    let modal = page.getByRole("dialog", { name: "Weekly check-in" });
    await modal.getByLabel(/New value/).fill("6");
    await modal.getByLabel("Confidence").selectOption({ label: "On track" });
    await modal.getByLabel("Note").fill("Retries & circuit breakers on the payment path");
    await modal.getByRole("button", { name: "Save" }).click();
    await modal.waitFor({ state: "detached" });

    await page.goto(`${demo.url}?as=U0BOB&at=dm`);
    await feed.getByRole("button", { name: "Check in", exact: true }).click();
    modal = page.getByRole("dialog", { name: "Weekly check-in" });
    await modal.getByLabel(/New value/).fill("ninety-five");
    await modal.getByLabel("Confidence").selectOption({ label: "At risk" });
    await modal.getByLabel("Note").fill("Card-declined retries still failing for one PSP");
    await modal.getByRole("button", { name: "Save" }).click();
    await modal.locator(".field-error").waitFor();
    await shot("checkin-modal.png");
    await modal.getByLabel(/New value/).fill("95.1");
    await modal.getByRole("button", { name: "Save" }).click();
    await modal.waitFor({ state: "detached" });

    await page.getByRole("button", { name: "Friday digest" }).click();
    await page.getByRole("button", { name: "# platform" }).click();
    await feed.locator("img.file-image").first().waitFor();
    await page.waitForFunction(
      '(() => { const i = document.querySelector("#feed img.file-image"); return i && i.complete && i.naturalWidth > 0; })()',
    );
    // The whole digest and its thread with the chart, from the top.
    await page.setViewportSize({ width: 1200, height: 1560 });
    await feed.evaluate((el) => el.scrollTo(0, 0));
    await shot("digest.png");
    await page.setViewportSize({ width: 1200, height: 820 });

    await page.getByRole("button", { name: "Home" }).click();
    await feed.getByRole("heading", { name: "Your OKRs" }).waitFor();
    await shot("home.png");
  } finally {
    await browser.close();
    await demo.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
