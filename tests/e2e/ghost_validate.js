// Validates Ghost Admin API `posts` payloads with Ghost's own validator,
// @tryghost/admin-api-schema (4.x: validate({data, schema: "posts-add"}) returns a promise).
//
//   node ghost_validate.js SCHEMA_PACKAGE_FOLDER < payloads.json
//
// Reads a JSON array of request bodies and prints a JSON array with, for each,
// {"valid": true, "data": ...} or {"valid": false, "message": ..., "errors": [...]}.
// "data" is the body as the validator left it: it removes keys it does not know without an
// error (ajv's removeAdditional), so a caller compares it with what it sent.
// Exits 2 on bad arguments, 1 on any other failure.
"use strict";

const path = require("path");

async function main() {
  const folder = process.argv[2];
  if (!folder || process.argv.length !== 3) {
    process.stderr.write("usage: node ghost_validate.js SCHEMA_PACKAGE_FOLDER < payloads.json\n");
    process.exit(2);
  }
  const schema = require(path.resolve(folder));
  const payloads = JSON.parse(await readStdin());
  const results = [];
  for (const data of payloads) {
    try {
      await schema.validate({ data, schema: "posts-add" });
      results.push({ valid: true, data });
    } catch (error) {
      results.push({
        valid: false,
        message: String(error.message),
        errors: (error.errorDetails || []).map((e) => `${e.instancePath} ${e.message}`),
      });
    }
  }
  process.stdout.write(JSON.stringify(results));
}

function readStdin() {
  return new Promise((resolve, reject) => {
    let text = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk) => { text += chunk; });
    process.stdin.on("end", () => resolve(text));
    process.stdin.on("error", reject);
  });
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
