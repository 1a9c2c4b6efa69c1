// Run PurgeCSS for coursekit/sphinx/purge.py: a JSON job on stdin, the purged CSS on stdout.
// Job: {"module": path of node_modules/purgecss, "css": text, "content": [file paths],
//       "safelist": {"standard": [regex sources], "greedy": [regex sources],
//                    "variables": [names], "variablePatterns": [regex sources]},
//       "dynamicAttributes": [names]}
"use strict";
const fs = require("fs");

const job = JSON.parse(fs.readFileSync(0, "utf8"));
const { PurgeCSS } = require(job.module);
const regexes = (sources) => (sources || []).map((s) => new RegExp(s));

new PurgeCSS()
  .purge({
    content: job.content,
    css: [{ raw: job.css }],
    safelist: {
      standard: regexes(job.safelist.standard),
      greedy: regexes(job.safelist.greedy),
      variables: (job.safelist.variables || []).concat(regexes(job.safelist.variablePatterns)),
    },
    dynamicAttributes: job.dynamicAttributes || [],
    // Custom properties no rule uses go (those named in a page or script are safelisted);
    // keyframes and font faces are kept.
    variables: true,
    keyframes: false,
    fontFace: false,
  })
  .then((results) => process.stdout.write(results.map((r) => r.css).join("\n")))
  .catch((err) => {
    process.stderr.write(String((err && err.stack) || err) + "\n");
    process.exit(1);
  });
