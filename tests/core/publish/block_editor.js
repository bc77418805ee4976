// Parses post contents with WordPress's own block editor code, in headless Chromium, without a
// server: the scripts of an installed WordPress (wp-includes/js/dist), loaded in the order its
// script loader would load them, the core blocks registered, then wp.blocks.parse() - which
// validates every block against its save() as the editor does when it opens a post - and
// wp.blocks.serialize(), what the editor would save back.
//
//   node block_editor.js --chromium=/usr/bin/chromium --wordpress=/usr/share/wordpress FILE
//
// FILE holds a JSON list of post contents. Prints {"results": [{"blocks": [{name, valid,
// issues, attributes, inner}], "serialized"}], "errors": [...]}: one result per content, and
// the page's errors and console errors. Exits 2 on bad arguments, 1 on any other failure.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { pathToFileURL } = require("url");

const TOOLS = path.resolve(__dirname, "..", "..", "..", "tools", "node_modules");
const puppeteer = require(path.join(TOOLS, "puppeteer-core"));
const VENDOR = new Set(["react", "react-dom", "lodash", "moment", "wp-polyfill", "regenerator-runtime"]);
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

function parseArgs(argv) {
  const options = { chromium: "/usr/bin/chromium", wordpress: "/usr/share/wordpress", file: null };
  for (const arg of argv) {
    const [key, value] = arg.split(/=(.*)/s);
    if (key === "--chromium") options.chromium = value;
    else if (key === "--wordpress") options.wordpress = value;
    else if (arg.startsWith("--") || options.file) throw new Error(`bad argument ${arg}`);
    else options.file = arg;
  }
  if (!options.file) throw new Error("no file");
  return options;
}

// The block library and everything it needs, dependencies first, as WordPress's script loader
// orders them (wp-includes/assets/script-loader-packages.php lists each package's).
function scripts(wordpress) {
  const dist = path.join(wordpress, "wp-includes", "js", "dist");
  const packages = path.join(wordpress, "wp-includes", "assets", "script-loader-packages.php");
  const php = fs.readFileSync(packages, "utf8");
  const dependencies = {};
  for (const m of php.matchAll(/'([\w-]+)\.js' => array\('dependencies' => array\(([^)]*)\)/g)) {
    dependencies[`wp-${m[1]}`] = [...m[2].matchAll(/'([\w-]+)'/g)].map((d) => d[1]);
  }
  const order = [];
  const seen = new Set();
  const visit = (handle) => {
    if (seen.has(handle)) return;
    seen.add(handle);
    for (const dependency of dependencies[handle] || []) visit(dependency);
    order.push(handle);
  };
  visit("wp-block-library");
  return order.map((handle) => {
    if (VENDOR.has(handle)) return path.join(dist, "vendor", `${handle}.js`);
    if (dependencies[handle]) return path.join(dist, `${handle.slice(3)}.js`);
    throw new Error(`unknown script ${handle}`);
  });
}

function page(files) {
  const tags = files.map((file) => {
    const tag = `<script src="${pathToFileURL(file).href}"></script>`;
    // WordPress loads lodash with this inline script: its packages use window.lodash.
    return file.endsWith("/lodash.js") ? `${tag}<script>window.lodash = _.noConflict();</script>` : tag;
  });
  return `<!doctype html><html><head><meta charset="utf-8">${tags.join("")}</head><body></body></html>`;
}

function parseAll(contents) {
  /* global wp */
  wp.blockLibrary.registerCoreBlocks();
  const describe = (block) => ({
    name: block.name,
    valid: block.isValid,
    issues: (block.validationIssues || []).map((issue) => (issue.args || [issue]).map(String).join(" ")),
    attributes: block.attributes,
    inner: block.innerBlocks.map(describe),
  });
  return contents.map((content) => {
    const blocks = wp.blocks.parse(content);
    return { blocks: blocks.map(describe), serialized: wp.blocks.serialize(blocks) };
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const contents = JSON.parse(fs.readFileSync(options.file, "utf8"));
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "block-editor-"));
  const browser = await puppeteer.launch({ executablePath: options.chromium, headless: true, args: ARGS });
  try {
    const tab = await browser.newPage();
    const errors = [];
    tab.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
    tab.on("console", (message) => {
      if (message.type() === "error") errors.push(`console: ${message.text()}`);
    });
    const html = path.join(folder, "editor.html");
    fs.writeFileSync(html, page(scripts(options.wordpress)));
    await tab.goto(pathToFileURL(html).href, { waitUntil: "load" });
    const results = await tab.evaluate(parseAll, contents);
    process.stdout.write(JSON.stringify({ results, errors }));
  } finally {
    await browser.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(/bad argument|no file/.test(String(error)) ? 2 : 1);
});
