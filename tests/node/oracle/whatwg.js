// WHATWG-normalised URL oracle: for each case, node normalises the received URL with new URL() (what
// validateRequest tries after the URL as received), signs that form with getExpectedTwilioSignature, signs the
// forged URL as given, and reports what validateRequest itself says about both over the received URL.
// Usage: node oracle/whatwg.js cases.json -> {"results":[{href, signature, valid, forged, forgedValid}]}
"use strict";
const fs = require("fs");
const twilio = require("twilio");

const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const results = input.cases.map((c) => {
  const href = new URL(c.received).href;
  const signed = c.withPort ? addDefaultPort(href) : href;
  const signature = twilio.getExpectedTwilioSignature(c.token, signed, c.params);
  const forged = twilio.getExpectedTwilioSignature(c.token, c.forgedUrl, c.params);
  return {
    href: signed, signature, forged,
    valid: twilio.validateRequest(c.token, signature, c.received, c.params),
    forgedValid: twilio.validateRequest(c.token, forged, c.received, c.params),
  };
});
function addDefaultPort(href) {
  const u = new URL(href);
  if (u.port) return href;
  const m = /^([a-z]+:\/\/[^/?#]*)/.exec(href);
  return m[1] + (u.protocol === "https:" ? ":443" : ":80") + href.slice(m[1].length);
}
process.stdout.write(JSON.stringify({ results }));
