// Opens pages of the test WordPress in headless Chromium (puppeteer-core), as a reader and as
// a writer do, and prints what the tests check as JSON.
//
//   node wordpress_browser.js --chromium=/usr/bin/chromium page URL...
//       Each public page of a post, at each width of --widths (default 1280,390): its <h1>s,
//       every <img> (scrolled into view, so lazy ones load too) with the HTTP status of what
//       it shows, the boxes of the review's sections and their items, the tag links, the
//       parts of the article a theme prints itself found in the post's content, the page's
//       text and JSON-LD, and axe-core's violations (WCAG 2.0/2.1 A and AA) inside the post's
//       content (--content=SELECTOR: the post's content element, WordPress's by default;
//       Ghost's themes use .gh-content).
//       Prints {"pages": [{url, runs: [one per width]}]}.
//   node wordpress_browser.js --chromium=/usr/bin/chromium editor URL LOGIN POST_ID...
//       Logs LOGIN in through wp-login.php (the password in the environment variable
//       WORDPRESS_PASSWORD), opens each post in the block editor (wp-admin/post.php) and
//       prints every block with its validity, the editor's warnings on its canvas and what
//       the editor would save: {"posts": [{id, blocks, warnings, canvasBlocks, serialized}]}.
//
// Each page and post has its "errors": the page errors and console errors seen while it was
// read. Exits 2 on bad arguments, 1 on any other failure.
"use strict";

const path = require("path");

const TOOLS = path.resolve(__dirname, "..", "..", "..", "tools", "node_modules");
const puppeteer = require(path.join(TOOLS, "puppeteer-core"));
const AXE = path.join(TOOLS, "axe-core", "axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];
// The post's content in a block theme (post-content block) or a classic one.
const CONTENT = ".wp-block-post-content, .entry-content";
const SECTIONS = ["review-summary", "review-list--pros", "review-list--cons",
  "review-list--key-features", "review-list--key-insights", "review-bottom-line",
  "review-scores", "review-specs", "review-where-to-buy", "review-updates"];
// What the theme prints (title, deck, hero, tags, byline) as the article would write it.
const THEME_PARTS = [".review-title", ".review-deck", ".review-hero", ".review-tags",
  ".review-category", ".review-byline", ".review-dates"];
const TIMEOUT = 60000;

class BadArguments extends Error {}

function parseArgs(argv) {
  const options = { chromium: "/usr/bin/chromium", widths: [1280, 390], content: CONTENT, rest: [] };
  for (const arg of argv) {
    const [key, value] = arg.split(/=(.*)/s);
    if (key === "--chromium") options.chromium = value;
    else if (key === "--widths") options.widths = value.split(",").map(Number);
    else if (key === "--content") options.content = value;
    else if (arg.startsWith("--")) throw new BadArguments(`unknown option ${arg}`);
    else options.rest.push(arg);
  }
  const [command, ...rest] = options.rest;
  const least = { page: 1, editor: 3 }[command];
  if (least === undefined || rest.length < least) throw new BadArguments("bad arguments");
  if (options.widths.some((w) => !Number.isInteger(w) || w <= 0)) throw new BadArguments("bad widths");
  return { ...options, command, rest };
}

function watch(tab, errors) {
  tab.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  tab.on("console", (message) => {
    const where = message.location()?.url;
    if (message.type() === "error") errors.push(`console: ${message.text()}${where ? ` (${where})` : ""}`);
  });
}

// --- the public page ---------------------------------------------------------------------------

async function readPage(tab, url, width, content) {
  const statuses = {};
  const record = (response) => { statuses[response.url()] = response.status(); };
  tab.on("response", record);
  try {
    await tab.setViewport({ width, height: 900 });
    const response = await tab.goto(url, { waitUntil: "load", timeout: TIMEOUT });
    const seen = await tab.evaluate(inPage, content, SECTIONS, THEME_PARTS);
    await tab.addScriptTag({ path: AXE });
    const axeResult = await tab.evaluate(audit, content, TAGS);
    for (const image of seen.images) image.status = statuses[image.currentSrc] ?? null;
    return { width, status: response.status(), ...seen, ...axeResult };
  } finally {
    tab.off("response", record);
  }
}

/* global axe */
async function inPage(contentSelector, sections, themeParts) {
  const content = document.querySelector(contentSelector);
  const box = (element) => {
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return { width: rect.width, height: rect.height, display: style.display,
      visibility: style.visibility, opacity: Number(style.opacity), background: style.backgroundColor };
  };
  const images = [];
  for (const img of document.querySelectorAll("img")) {
    img.scrollIntoView({ block: "center" });
    try { await img.decode(); } catch (error) { /* broken: naturalWidth stays 0 */ }
    images.push({ src: img.getAttribute("src"), currentSrc: img.currentSrc, alt: img.getAttribute("alt"),
      naturalWidth: img.naturalWidth, inContent: Boolean(content && content.contains(img)),
      classes: img.className });
  }
  window.scrollTo(0, 0);
  const found = {};
  for (const name of sections) {
    found[name] = [...document.querySelectorAll(`.${name}`)].map((section) => ({
      ...box(section),
      inContent: Boolean(content && content.contains(section)),
      items: [...section.querySelectorAll("li")].map((li) => ({ text: li.innerText.trim(), ...box(li) })),
      text: section.innerText.trim(),
    }));
  }
  const links = (selector) => [...document.querySelectorAll(selector)].map((a) => ({
    text: a.textContent.trim(), href: a.href, inContent: Boolean(content && content.contains(a)) }));
  return {
    title: document.title,
    h1: [...document.querySelectorAll("h1")].map((h) => h.textContent.trim()),
    contentFound: Boolean(content),
    contentText: content ? content.innerText : "",
    images,
    sections: found,
    tagLinks: links('a[rel~="tag"]'),
    themePartsInContent: content ? themeParts.filter((part) => content.querySelector(part)) : [],
    text: document.body.innerText,
    jsonld: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent),
    headings: content ? [...content.querySelectorAll("h1, h2, h3, h4, h5, h6")]
      .map((h) => ({ level: Number(h.tagName[1]), text: h.textContent.trim() })) : [],
  };
}

async function audit(contentSelector, tags) {
  if (!document.querySelector(contentSelector)) return { violations: [] };
  const result = await axe.run({ include: [[contentSelector]] }, {
    runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
  return {
    violations: result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), summary: n.failureSummary || "" })),
    })),
  };
}

// --- the block editor --------------------------------------------------------------------------

async function logIn(tab, url, login, password) {
  await tab.goto(`${url}/wp-login.php`, { waitUntil: "load", timeout: TIMEOUT });
  // Set, not typed: the login page focuses and selects the name field 200 ms after it loads,
  // and what was typed by then was replaced by the rest ("author" arrived as "hor").
  await tab.$eval("#user_login", (field, value) => { field.value = value; }, login);
  await tab.$eval("#user_pass", (field, value) => { field.value = value; }, password);
  await Promise.all([
    tab.waitForNavigation({ waitUntil: "load", timeout: TIMEOUT }),
    tab.click("#wp-submit"),
  ]);
  const loggedIn = await tab.evaluate(() => document.body.classList.contains("wp-admin"));
  if (!loggedIn) {
    const error = await tab.evaluate(() => document.querySelector("#login_error")?.innerText || "");
    throw new Error(`could not log ${login} in: ${error || tab.url()}`);
  }
}

/* global wp */
async function readEditor(tab, url, postId) {
  await tab.goto(`${url}/wp-admin/post.php?post=${postId}&action=edit`,
    { waitUntil: "load", timeout: TIMEOUT });
  // The editor has opened the post when its blocks are in the store and on the canvas.
  await tab.waitForFunction((id) => {
    const editor = window.wp?.data?.select("core/editor");
    return editor && editor.getCurrentPostId() === id
      && wp.data.select("core/block-editor").getBlocks().length > 0
      && document.querySelector(".block-editor-block-list__layout .wp-block") !== null;
  }, { timeout: TIMEOUT, polling: 100 }, Number(postId));
  return tab.evaluate(() => {
    const describe = (block) => ({
      name: block.name,
      valid: block.isValid,
      issues: (block.validationIssues || []).map((issue) => (issue.args || [issue]).map(String).join(" ")),
      inner: block.innerBlocks.map(describe),
    });
    const editor = wp.data.select("core/editor");
    return {
      blocks: wp.data.select("core/block-editor").getBlocks().map(describe),
      warnings: [...document.querySelectorAll(".block-editor-warning")].map((w) => w.innerText.trim()),
      canvasBlocks: document.querySelectorAll(".block-editor-block-list__layout .wp-block").length,
      serialized: wp.blocks.serialize(wp.data.select("core/block-editor").getBlocks()),
      dirty: editor.isEditedPostDirty(),
    };
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const browser = await puppeteer.launch({ executablePath: options.chromium, headless: true, args: ARGS });
  const errors = [];
  try {
    const tab = await browser.newPage();
    watch(tab, errors);
    let output;
    if (options.command === "page") {
      output = { pages: [] };
      for (const url of options.rest) {
        const runs = [];
        for (const width of options.widths) runs.push(await readPage(tab, url, width, options.content));
        output.pages.push({ url, runs, errors: errors.splice(0) });
      }
    } else {
      const [url, login, ...ids] = options.rest;
      await logIn(tab, url, login, process.env.WORDPRESS_PASSWORD || "");
      output = { posts: [] };
      errors.splice(0);  // the login's
      for (const id of ids) {
        const opened = await readEditor(tab, url, id);
        output.posts.push({ id: Number(id), ...opened, errors: errors.splice(0) });
      }
    }
    process.stdout.write(JSON.stringify(output));
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exitCode = error instanceof BadArguments ? 2 : 1;
});
