// Runs axe-core on HTML files in headless Chromium (puppeteer-core) and prints JSON.
//
//   node axe_run.js --chromium=/usr/bin/chromium [--widths=1280,390] [--schemes=light,dark]
//                   [--text] FILE...
//
// Prints {"runs": [{file, width, scheme, violations: [{id, impact, help, helpUrl,
// nodes: [{target, summary}]}], incomplete: [ids]}], "pages": [{file, text, jsonld}]}.
// "pages" (with --text) holds each file's rendered text (innerText, desktop width, light) and
// the contents of its JSON-LD scripts; "--widths=" (none) skips the audit. Exits 2 on bad
// arguments, 1 on any other failure.
"use strict";

const path = require("path");
const { pathToFileURL } = require("url");

const TOOLS = path.resolve(__dirname, "..", "..", "tools", "node_modules");
const puppeteer = require(path.join(TOOLS, "puppeteer-core"));
const AXE = path.join(TOOLS, "axe-core", "axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run",
];

function parseArgs(argv) {
  const options = { chromium: "/usr/bin/chromium", widths: [1280, 390],
    schemes: ["light", "dark"], text: false, files: [] };
  for (const arg of argv) {
    const [key, value] = arg.split(/=(.*)/s);
    if (key === "--chromium") options.chromium = value;
    else if (key === "--widths") options.widths = value ? value.split(",").map(Number) : [];
    else if (key === "--schemes") options.schemes = value.split(",");
    else if (key === "--text") options.text = true;
    else if (arg.startsWith("--")) throw new Error(`unknown option ${arg}`);
    else options.files.push(path.resolve(arg));
  }
  const badWidth = options.widths.some((w) => !Number.isInteger(w) || w <= 0);
  const badScheme = options.schemes.some((s) => s !== "light" && s !== "dark");
  if (!options.files.length || badWidth || badScheme) throw new Error("bad arguments");
  return options;
}

async function open(page, file, width, scheme) {
  await page.setViewport({ width, height: 900 });
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
  const response = await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  if (response && !response.ok()) throw new Error(`cannot open ${file}`);
}

async function audit(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return {
      violations: result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target.map(String), summary: n.failureSummary || "" })),
      })),
      incomplete: result.incomplete.map((v) => v.id),
    };
  }, TAGS);
}

async function pageText(page) {
  return page.evaluate(() => ({
    text: document.body.innerText,
    jsonld: [...document.querySelectorAll('script[type="application/ld+json"]')]
      .map((s) => s.textContent),
  }));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const browser = await puppeteer.launch({
    executablePath: options.chromium, headless: true, args: ARGS,
  });
  const output = { runs: [], pages: [] };
  try {
    const page = await browser.newPage();
    for (const file of options.files) {
      for (const width of options.widths) {
        for (const scheme of options.schemes) {
          await open(page, file, width, scheme);
          output.runs.push({ file, width, scheme, ...(await audit(page)) });
        }
      }
      if (options.text) {
        await open(page, file, 1280, "light");
        output.pages.push({ file, ...(await pageText(page)) });
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(output));
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exitCode = error.message === "bad arguments" || /^unknown option/.test(error.message)
    ? 2 : 1;
});
