// Signature oracle: the official twilio helper library (6.2.0) run over a batch of cases in one process.
// Usage: node oracle/signature.js cases.json  ->  prints {"results":[...]} on stdout.
// Each case: {token, configuredUrl, signWith: raw|toggled|stripped|whatwg|legacy, params: {name: value|[values]},
//             body: string|null, forgedParams: {...}|null}
"use strict";
const fs = require("fs");
const querystring = require("querystring");
const twilio = require("twilio");

const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));

// The library's own URL helpers are private; these mirror webhooks.js (splitUrl/addPort/removePort/legacy qs).
function splitUrl(url) {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!m) return null;
  const [prefix, scheme, authority] = m;
  const at = authority.lastIndexOf("@");
  const hostAndPort = authority.slice(at + 1);
  const portStart = hostAndPort.indexOf(":", hostAndPort.lastIndexOf("]") + 1);
  return {
    scheme, userInfo: authority.slice(0, at + 1),
    host: portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart),
    port: portStart === -1 ? "" : hostAndPort.slice(portStart),
    rest: url.slice(prefix.length),
  };
}
function togglePort(url) {
  const p = splitUrl(url);
  if (!p) return url;
  if (p.port) return p.scheme + p.userInfo + p.host + p.rest;
  return p.scheme + p.userInfo + p.host + (p.scheme.toLowerCase() === "https://" ? ":443" : ":80") + p.rest;
}
// What Twilio signs per its docs: no userinfo, no #fragment.
function stripUserInfo(url) {
  const p = splitUrl(url);
  const bare = p ? p.scheme + p.host + p.port + p.rest : url;
  const hash = bare.indexOf("#");
  return hash === -1 ? bare : bare.slice(0, hash);
}
function legacy(url) {
  const q = url.indexOf("?");
  if (q === -1 || q === url.length - 1) return url;
  return url.slice(0, q) + "?" + querystring.stringify(querystring.parse(url.slice(q + 1)));
}
function whatwg(url) {
  try { return new URL(url).toString(); } catch { return null; }
}
function safe(f) {
  try { return f(); } catch (e) { return "threw: " + e.message; }
}

const results = input.cases.map((c) => {
  const normalized = whatwg(c.configuredUrl);
  let signedUrl;
  switch (c.signWith) {
    case "toggled": signedUrl = togglePort(c.configuredUrl); break;
    case "stripped": signedUrl = stripUserInfo(c.configuredUrl); break;
    case "whatwg": signedUrl = normalized; break;
    case "legacy": signedUrl = normalized === null ? null : legacy(normalized); break;
    default: signedUrl = c.configuredUrl;
  }
  if (signedUrl === null) return { signedUrl: null };
  const params = c.body === null ? c.params : {};
  const signature = twilio.getExpectedTwilioSignature(c.token, signedUrl, params);
  const valid = safe(() => c.body === null
    ? twilio.validateRequest(c.token, signature, c.configuredUrl, params)
    : twilio.validateRequestWithBody(c.token, signature, c.configuredUrl, c.body));
  const forged = c.forgedParams === null ? null
    : twilio.getExpectedTwilioSignature(c.token, signedUrl, c.forgedParams);
  const forgedValid = forged === null ? null
    : safe(() => twilio.validateRequest(c.token, forged, c.configuredUrl, params));
  return {
    signedUrl, signature, valid, forged, forgedValid,
    bodyHash: c.body === null ? null : twilio.getExpectedBodyHash(c.body),
    whatwg: normalized,
    legacy: normalized === null ? null : safe(() => legacy(normalized)),
  };
});
process.stdout.write(JSON.stringify({ results }));
