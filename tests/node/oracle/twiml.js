// TwiML oracle: the official twilio helper library (6.2.0) builds a batch of documents in one process.
// Usage: node oracle/twiml.js cases.json  ->  prints {"results":["<?xml …", …]} on stdout.
// Each case: {kind: "voice"|"messaging", verbs: [{name, attrs, text?, children?}]}; a verb maps to the library's
// lower-camel method (say(attrs, text), dial(attrs) then number(attrs, text), message(attrs) then body/media, …).
"use strict";
const fs = require("fs");
const VoiceResponse = require("twilio/lib/twiml/VoiceResponse");
const MessagingResponse = require("twilio/lib/twiml/MessagingResponse");

function apply(parent, element) {
  const method = element.name.charAt(0).toLowerCase() + element.name.slice(1);
  if (typeof parent[method] !== "function") throw new Error("twilio has no method " + method);
  const attrs = element.attrs || {};
  const child = element.text === undefined || element.text === null
    ? parent[method](attrs)
    : parent[method](attrs, element.text);
  for (const c of element.children || []) apply(child, c);
}

const cases = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const results = cases.map((c) => {
  const response = c.kind === "voice" ? new VoiceResponse() : new MessagingResponse();
  for (const verb of c.verbs) apply(response, verb);
  return response.toString();
});
process.stdout.write(JSON.stringify({ results }));
