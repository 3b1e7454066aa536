// Phaen's end-to-end journey in headless Chromium, as the people who use it would walk it:
// the cooperative's editor uploads a seed plan, reads the import report and confirms it, edits
// a KPI target; the board approves and publishes it; a member reads it on a phone-sized screen;
// the auditor finds the edit in the audit log. Every step checks what the page says.
//
// Needs: PHAEN_URL (a running `phaen demo`), PHAEN_SEED (a seed plan file), CHROMIUM
// (default /usr/bin/chromium). Exits non-zero with the failing step's name.

import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import path from "node:path";

const base = process.env.PHAEN_URL;
const seed = process.env.PHAEN_SEED;
assert.ok(base, "PHAEN_URL is not set");
assert.ok(seed, "PHAEN_SEED is not set");
const NEW_TARGET = "≥ 99.5";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

let stepName = "start";
async function step(name, body) {
  stepName = name;
  const started = Date.now();
  await body();
  console.log(`ok  ${name} (${Date.now() - started} ms)`);
}

/** A fresh browser context (its own cookies), signed in as `user`. */
async function signIn(user, options = {}) {
  const context = await browser.newContext({ locale: "th-TH", ...options });
  const page = await context.newPage();
  await page.goto(`${base}/signin`);
  assert.equal(await page.getAttribute("html", "lang"), "th", "Thai is the default language");
  await page.getByLabel("ชื่อผู้ใช้").fill(user);
  await page.getByLabel("รหัสผ่าน").fill(`demo-${user}-2568`);
  await Promise.all([page.waitForURL(`${base}/plans`), page.getByRole("button", { name: "เข้าสู่ระบบ" }).click()]);
  return { context, page };
}

// How many pixels of a screenshot of `locator` have each colour (#rrggbb, within a small
// tolerance for anti-aliasing): the picture is decoded in the page's own canvas.
async function colourCounts(page, locator, hexes) {
  const png = await locator.screenshot();
  return page.evaluate(async ({ b64, hexes }) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    const wanted = hexes.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
    const counts = hexes.map(() => 0);
    for (let p = 0; p < data.length; p += 4) {
      wanted.forEach((w, i) => {
        if (Math.abs(data[p] - w[0]) <= 6 && Math.abs(data[p + 1] - w[1]) <= 6 && Math.abs(data[p + 2] - w[2]) <= 6) counts[i] += 1;
      });
    }
    return counts;
  }, { b64: png.toString("base64"), hexes });
}

async function expectText(page, text, why) {
  const body = await page.locator("body").innerText();
  assert.ok(body.includes(text), `${why}: '${text}' not on ${page.url()}`);
}

try {
  let planUrl;
  let kpiName;

  await step("the editor uploads a seed plan and sees the report before anything is written", async () => {
    const { context, page } = await signIn("editor");
    const before = await page.locator("table tbody tr").count();
    await page.getByRole("link", { name: "นำเข้าแผน" }).click();
    await page.getByLabel("ไฟล์แผน").setInputFiles(seed);
    await Promise.all([
      page.waitForURL(/\/import\/[0-9a-f-]+$/),
      page.getByRole("button", { name: "อ่านไฟล์และแสดงรายงาน" }).click(),
    ]);
    await expectText(page, "รายงานการนำเข้า", "the import report is shown");
    await expectText(page, "ยังไม่ได้บันทึกแผนนี้", "it says nothing is written yet");
    await expectText(page, path.basename(seed), "it names the uploaded file");
    await page.goto(`${base}/plans`);
    assert.equal(await page.locator("table tbody tr").count(), before, "no plan before confirming");
    await page.goBack();
    await Promise.all([
      page.waitForURL(/\/plans\/[^/]+$/),
      page.getByRole("button", { name: "ยืนยันนำเข้าแผนนี้" }).click(),
    ]);
    planUrl = page.url();
    await page.goto(`${base}/plans`);
    assert.equal(await page.locator("table tbody tr").count(), before + 1, "the plan is written once confirmed");
    await context.close();
  });

  await step("the editor changes a KPI target through the form", async () => {
    const { context, page } = await signIn("editor");
    await page.goto(planUrl);
    // The seed records its own approval, so it arrives approved: a change opens a new revision.
    const revise = page.getByRole("button", { name: "เปิดฉบับปรับปรุงใหม่" });
    if (await revise.count()) {
      await Promise.all([page.waitForURL(planUrl), revise.click()]);
      await expectText(page, "ร่าง", "the new revision is a draft");
    }
    const edit = page.locator('a[href*="/kpis/"][href$="/edit"]').first();
    await edit.click();
    kpiName = (await page.getByLabel("ชื่อตัวชี้วัด").inputValue()).trim();
    assert.ok(kpiName.length > 0, "the form shows the KPI's name");
    const firstYear = page.locator('input[name^="t-"]').first();
    await firstYear.fill(NEW_TARGET);
    // A revision of an approved plan keeps why a target moved.
    await page.getByLabel(/เหตุผลที่ปรับค่าเป้าหมาย/).fill("ปรับตามมติที่ประชุมคณะกรรมการ");
    await Promise.all([page.waitForURL(/\/plans\/[^/]+(#.*)?$/), page.getByRole("button", { name: "บันทึก" }).click()]);
    await expectText(page, NEW_TARGET, "the new target is on the plan page");
    await context.close();
  });

  await step("the board approves the plan with its meeting and date, then publishes it", async () => {
    const { context, page } = await signIn("approver");
    await page.goto(planUrl);
    await page.getByLabel(/ผู้อนุมัติ/).fill("ที่ประชุมคณะกรรมการดำเนินการ");
    await page.getByLabel("ครั้งที่ประชุม").fill("ครั้งที่ 12/2568");
    await page.getByLabel(/วันที่อนุมัติ/).fill("18 ธันวาคม 2568");
    await Promise.all([
      page.waitForURL(planUrl),
      page.getByRole("button", { name: /อนุมัติแล้ว/ }).click(),
    ]);
    await expectText(page, "18 ธันวาคม 2568", "the approval date is shown in Thai with its BE year");
    await Promise.all([
      page.waitForURL(planUrl),
      page.getByRole("button", { name: /เผยแพร่แล้ว/ }).click(),
    ]);
    await expectText(page, "เผยแพร่แล้ว", "the plan is published");
    await context.close();
  });

  await step("a member reads the published plan on a phone", async () => {
    const { context, page } = await signIn("member", {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(planUrl);
    await expectText(page, NEW_TARGET, "the member sees the published target");
    const bodyWidth = await page.evaluate(() => document.body.scrollWidth);
    assert.ok(bodyWidth <= 390 + 1, `the page fits a phone (body is ${bodyWidth}px wide)`);
    assert.equal(await page.locator('a[href$="/edit"]').count(), 0, "a member gets no edit links");
    await context.close();
  });

  await step("the auditor finds the edit in the audit log, and the chain is intact", async () => {
    const { context, page } = await signIn("auditor");
    await page.getByRole("link", { name: "บันทึกการเปลี่ยนแปลง" }).click();
    await expectText(page, "ตรวจสอบแล้ว", "the hash chain verifies");
    const row = page.locator("tr.audit-kpi\\.edit").first();
    const text = await row.innerText();
    assert.ok(text.includes("นางสาวกนกพร"), "the entry names the editor");
    assert.ok(text.includes(kpiName.slice(0, 20)), "the entry names the KPI");
    assert.ok(text.includes("99.5"), "the entry shows the new value");
    await expectText(page, "plan.import", "the import is in the log");
    await expectText(page, "plan.status", "the approval is in the log");
    await context.close();
  });

  await step("the board reads the demo plan's dashboard and annual report, and both render", async () => {
    const { context, page } = await signIn("approver", { viewport: { width: 1200, height: 1600 } });
    // A demo cooperative's own plan (not the seed plan uploaded above) carries approved values
    // and project reports for the years that have ended.
    const uploaded = new URL(planUrl).pathname;
    const rows = page.locator("table tbody tr", { hasText: "แผนกลยุทธ์" });
    let link = null;
    for (let i = 0; i < (await rows.count()); i++) {
      const a = rows.nth(i).locator("a").first();
      if ((await a.getAttribute("href")) !== uploaded) { link = a; break; }
    }
    assert.ok(link, "a demo strategic plan is listed");
    await Promise.all([page.waitForURL(/\/plans\/[^/]+$/), link.click()]);
    const plan = page.url();
    await page.goto(`${plan}/dashboard`);
    // The last year that has ended: the demo carries its approved values and project reports.
    const shown = Number(await page.locator("#year").inputValue());
    const years = (await page.locator("#year option").allTextContents()).map(Number);
    const ended = Math.max(...years.filter((y) => y < shown));
    if (Number.isFinite(ended)) await page.goto(`${plan}/dashboard?year=${ended}`);
    const status = page.locator("section.chart", { has: page.locator("#c-status") }).locator("svg");
    assert.ok((await status.locator("rect").count()) > 0, "the status chart has bars");
    const box = await status.boundingBox();
    assert.ok(box && box.width > 300 && box.height > 30, "the chart is drawn at a readable size");
    assert.ok((await page.locator("figure.trend svg polyline").count()) > 0, "trend lines are drawn");
    // Screenshots of the demo data's charts, checked for what they show: achieved KPIs in
    // green, projects by status, planned budget in blue beside disbursed in orange.
    const [achieved] = await colourCounts(page, status, ["#2e7d32"]);
    const said = await status.locator("desc").textContent();
    assert.ok(achieved > 500, `the status chart shows achieved KPIs in green (${achieved} px) on ${page.url()}: ${said}`);
    const projects = page.locator("section.chart", { has: page.locator("#c-projects") }).locator("svg");
    const [done, onTrack] = await colourCounts(page, projects, ["#1b5e20", "#66bb6a"]);
    assert.ok(done + onTrack > 500, `the project chart shows done or on-track projects (${done}+${onTrack} px)`);
    const budget = page.locator("section.chart", { has: page.locator("#c-budget") }).locator("svg");
    const [planned, disbursed] = await colourCounts(page, budget, ["#0b5394", "#e69138"]);
    assert.ok(planned > 1000 && disbursed > 1000, `planned and disbursed bars are drawn (${planned}, ${disbursed} px)`);
    const shot = await page.screenshot({ fullPage: true });
    if (process.env.PHAEN_SHOTS) {
      const fs = await import("node:fs");
      fs.writeFileSync(`${process.env.PHAEN_SHOTS}/dashboard.png`, shot);
    }
    await page.getByRole("link", { name: /รายงานผลการดำเนินงานประจำปี/ }).click();
    await expectText(page, "สรุปผล", "the report has its summary");
    await expectText(page, "คะแนนรวมของแผน", "and the plan's score");
    await expectText(page, "โครงการ", "the report lists the projects");
    await page.emulateMedia({ media: "print" });
    const [reportGreen] = await colourCounts(page, page.locator("main"), ["#2e7d32"]);
    assert.ok(reportGreen > 300, `the printed report shows its chart (${reportGreen} px of green)`);
    assert.equal(await page.locator("form.no-print").isVisible(), false, "controls are hidden in print");
    await context.close();
  });

  console.log("end-to-end journey: all steps passed");
} catch (e) {
  console.error(`FAILED at step: ${stepName}\n${e.stack || e}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
