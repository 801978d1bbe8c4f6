// Reads {"schema": ..., "answers": [...]} on standard input, compiles the schema with ajv 8's
// Ajv2020 and no options (its default strict mode) and prints one verdict per answer as a JSON
// array of booleans. A schema ajv refuses exits 1 with ajv's message.
"use strict";
const Ajv2020 = require("ajv/dist/2020");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const {schema, answers} = JSON.parse(input);
  let validate;
  try {
    validate = new Ajv2020().compile(schema);
  } catch (error) {
    process.stderr.write(`ajv refuses the schema: ${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify(answers.map((answer) => validate(answer) === true)) + "\n");
});
