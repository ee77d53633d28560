// Usage: node chat.mjs URL SCREENSHOT_PATH UPLOAD_FILE
// Opens the app in Debian's headless Chromium, asks a question as a person would, checks the
// answer and the highlighted article, takes a screenshot, types markup that must stay text, then
// uploads UPLOAD_FILE through the documents panel and asks about it.
// Prints one JSON object with what it saw; exits non-zero on an error.
import { chromium } from "playwright-core";

const [url, shot, upload] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const out = { dialogs: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on("dialog", async (d) => { out.dialogs.push(d.message()); await d.dismiss(); });
  await page.goto(url, { waitUntil: "networkidle" });
  const box = page.locator("#question textarea");

  async function ask(question, expectBubbles) {
    await box.fill(question);
    await box.press("Enter");
    await page.waitForFunction(
      (n) => document.querySelectorAll("#chat .message-row, #chat [data-testid='bot']").length >= n ||
             document.querySelectorAll("#chat .bot").length >= n / 2,
      expectBubbles, { timeout: 20000 });
  }

  const t0 = Date.now();  // typed question -> answer shown and its source highlighted
  await ask("On what date did Stalin write his Response to Comrade Ivanov?", 2);
  await page.waitForSelector("#article-panel mark.cite", { timeout: 10000 });
  out.answer_ms = Date.now() - t0;
  out.chat_text = await page.locator("#chat").innerText();
  out.marks = await page.locator("#article-panel mark.cite").allInnerTexts();
  out.mark_visible = await page.locator("#article-panel mark.cite").first().isVisible();
  await page.waitForTimeout(800); // let the smooth scroll settle before the picture
  await page.screenshot({ path: shot, fullPage: false });
  await page.locator("#chat button[aria-label='Like']").first().click();  // feedback on the answer
  await page.waitForTimeout(500);

  const evil = "<img src=x onerror=alert(1)>";
  await ask(evil, 4);
  await page.waitForFunction(() => document.querySelector("#chat").innerText.includes("<img"), null,
                             { timeout: 10000 });
  await page.waitForTimeout(500);
  out.chat_text_after = await page.locator("#chat").innerText();
  out.img_in_chat = await page.locator("#chat img[src='x']").count();
  out.evil = evil;

  // Opening the panel starts loading the indexing model while the file is chosen.
  await page.getByText("Your own documents").click();
  await page.locator("input[type=file]").setInputFiles(upload);
  const t1 = Date.now();  // "Index" clicked -> the app says what it answers from
  await page.locator("#index-docs").click();
  await page.waitForFunction(() => document.querySelector("#doc-status").innerText.includes("Now answering"),
                             null, { timeout: 120000 });
  out.upload_ms = Date.now() - t1;
  out.upload_status = await page.locator("#doc-status").innerText();
  await ask("How long does a single shot take?", 2);  // the chat starts again on the new document
  out.upload_chat = await page.locator("#chat").innerText();
  out.upload_marks = await page.locator("#article-panel mark.cite").allInnerTexts();
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
