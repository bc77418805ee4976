// Where the review's parts land on a post's public page, in headless Chromium (puppeteer-core):
// for each case, a window width and, optionally, a width forced on the review (as a theme with
// a narrower or a wider post column would give it).
//
//   node review_layout.js --chromium=/usr/bin/chromium URL CASES
//
// CASES is JSON: [{"window": 1280, "review": null | "420px"}, ...]. Prints
// {"runs": [{window, review, boxes: {pros, cons, main, aside, review}, prosBackground}]}: each
// box {left, top, right, bottom} in CSS pixels, null when the part is missing.
"use strict";

const path = require("path");

const TOOLS = path.resolve(__dirname, "..", "..", "..", "tools", "node_modules");
const puppeteer = require(path.join(TOOLS, "puppeteer-core"));
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];
const PARTS = { pros: ".review-list--pros", cons: ".review-list--cons", main: ".review-main",
  aside: ".review-aside", review: ".wp-block-group.review" };

async function measure(page, parts) {
  return page.evaluate((parts) => {
    const box = (selector) => {
      const element = document.querySelector(selector);
      if (!element) return null;
      const { left, top, right, bottom } = element.getBoundingClientRect();
      return { left, top, right, bottom };
    };
    const boxes = Object.fromEntries(Object.entries(parts).map(([k, s]) => [k, box(s)]));
    const pros = document.querySelector(parts.pros);
    return { boxes, prosBackground: pros ? getComputedStyle(pros).backgroundColor : null };
  }, parts);
}

async function main() {
  const positional = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
  const chromium = (process.argv.find((arg) => arg.startsWith("--chromium=")) || "").slice(11);
  if (positional.length !== 2 || !chromium) {
    process.stderr.write("usage: review_layout.js --chromium=PATH URL CASES\n");
    process.exit(2);
  }
  const [url, casesJson] = positional;
  const browser = await puppeteer.launch({ executablePath: chromium, args: ARGS });
  try {
    const runs = [];
    for (const run of JSON.parse(casesJson)) {
      const page = await browser.newPage();
      await page.setViewport({ width: run.window, height: 900 });
      await page.goto(url, { waitUntil: "load", timeout: 60000 });
      if (run.review) {
        await page.addStyleTag({
          content: `.wp-block-group.review { max-width: ${run.review} !important; }`,
        });
      }
      runs.push({ ...run, ...(await measure(page, PARTS)) });
      await page.close();
    }
    process.stdout.write(JSON.stringify({ runs }) + "\n");
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
