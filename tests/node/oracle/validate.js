// Validation oracle: the official twilio helper library (6.2.0) decides a batch of received requests.
// Usage: node oracle/validate.js cases.json -> {"results":[true|false|"threw: …", …]}
// Each case: {token, signature, url, params: {name: value|[values]} | null, body: string|null}; with a body the
// library's validateRequestWithBody is used (bodySHA256 in the URL), otherwise validateRequest.
"use strict";
const fs = require("fs");
const twilio = require("twilio");

const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const results = input.cases.map((c) => {
  try {
    return c.body === null || c.body === undefined
      ? twilio.validateRequest(c.token, c.signature, c.url, c.params || {})
      : twilio.validateRequestWithBody(c.token, c.signature, c.url, c.body);
  } catch (e) {
    return "threw: " + e.message;
  }
});
process.stdout.write(JSON.stringify({ results }));
