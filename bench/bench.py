"""Driver behind bench/run.sh: starts the apps, drives wrk, prints the tables and writes docs/performance.md.

Every request is a real signed Twilio webhook (HMAC-SHA1 over URL + sorted parameters, computed here
independently of the code under test), and every request kind is first sent once and must answer 200 with TwiML,
so the numbers can never come from a fast 403.
"""
import argparse
import base64
import datetime
import hashlib
import hmac
import html
import http.client
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

TOKEN = "bench-token"
FROM, TO = "+14155550100", "+18005550199"
TUNED_FRAGMENT = "#ct=1000&rt=2500&tt=3500&rc=0"  # what `ivr number configure` sets by default


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--root", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--quick", action="store_true", help="short runs, for trying the script")
    p.add_argument("--rate", type=int, default=1000, help="fixed request rate for latency and longevity")
    p.add_argument("--longevity", type=int, default=0, help="seconds of mixed traffic at --rate (0: skip)")
    p.add_argument("--no-publish", action="store_true")
    p.add_argument("--no-doc", action="store_true")
    return p.parse_args()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sign(url, params):
    data = url + "".join(k + v for k, v in sorted(params))
    return base64.b64encode(hmac.new(TOKEN.encode(), data.encode(), hashlib.sha1).digest()).decode()


class App:
    """A real process on a loopback port; logs go to a file so console writes cost what they cost in production."""

    def __init__(self, name, command, cwd, env, log_path):
        self.name, self.port = name, free_port()
        full_env = dict(os.environ, DOTNET_NOLOGO="1", ASPNETCORE_URLS=f"http://127.0.0.1:{self.port}",
                        urls=f"http://127.0.0.1:{self.port}", **env)
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen(command, cwd=cwd, env=full_env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"bench: {name} exited with {self.process.returncode}; see {log_path}")
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/healthz")
                c.getresponse().read()
                return
            except OSError:
                time.sleep(0.05)
        raise SystemExit(f"bench: {name} did not start within 60 s; see {log_path}")

    def memory(self):
        """Resident set and its peak, in MB, from /proc."""
        values = {}
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0]) / 1024
        return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def cpu_seconds(pid):
    """User + system CPU time the process has used, from /proc (what a webhook costs, whatever the load generator does)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class OtlpSink:
    """A local OTLP/HTTP receiver: accepts the exporters' POST /v1/traces and /v1/metrics (protobuf), answers 200 and
    counts requests and bytes, so telemetry is measured with its export, not with spans dropped for want of a backend."""

    def __init__(self):
        import http.server
        sink = self
        self.requests, self.bytes, self.lock = {}, {}, threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def do_POST(self):
                size = int(self.headers.get("Content-Length", "0"))
                self.rfile.read(size)
                with sink.lock:
                    sink.requests[self.path] = sink.requests.get(self.path, 0) + 1
                    sink.bytes[self.path] = sink.bytes.get(self.path, 0) + size
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def describe(self):
        with self.lock:
            return ", ".join(f"{path}: {n:,} requests, {self.bytes[path] / 1e6:,.1f} MB" for path, n in sorted(self.requests.items())) or "nothing"

    def stop(self):
        self.server.shutdown()


class MessagesStandIn:
    """Twilio's Messages API, as much as the text sender uses: a create answers 201 with a fresh SID, a list answers
    an empty page. Counts the creates, so the run can check that every accepted text was sent exactly once."""

    def __init__(self):
        import http.server
        standin = self
        self.created, self.lock = {}, threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body are two writes: with Nagle on, each answer waits for the client's delayed ACK (~40 ms),
            # which capped the senders at ~24 texts/s in the first runs.
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def _answer(self, status, body):
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                form = dict(urllib.parse.parse_qsl(self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()))
                with standin.lock:
                    sid = "SM%032x" % (len(standin.created) + 1)
                    standin.created[sid] = form
                self._answer(201, json.dumps({"sid": sid, "status": "queued", "to": form.get("To"), "from": form.get("From"),
                                              "body": form.get("Body"), "num_segments": "1", "error_code": None}))

            def do_GET(self):
                self._answer(200, json.dumps({"messages": [], "next_page_uri": None, "page": 0, "page_size": 50}))

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def count(self):
        with self.lock:
            return len(self.created)

    def stop(self):
        self.server.shutdown()


class RedisProcess:
    """Debian's redis-server on a free loopback port, with the append-only file the deploy files configure."""

    def __init__(self, out):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="ivr-bench-redis-")
        self.log = open(os.path.join(out, "redis.log"), "wb")
        self.process = subprocess.Popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", self.dir,
                                         "--save", "", "--appendonly", "yes", "--appendfsync", "everysec"],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise SystemExit(f"bench: redis-server did not start; see {out}/redis.log")

    def commands_processed(self):
        """INFO stats' total_commands_processed (the INFO command itself counts once)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as s:
            s.sendall(b"INFO stats\r\n")
            data = b""
            while b"total_commands_processed:" not in data or not data.endswith(b"\r\n"):
                data += s.recv(65536)
        return int(re.search(rb"total_commands_processed:(\d+)", data).group(1))

    def stop(self):
        self.process.terminate()
        self.process.wait(10)
        self.log.close()


def post(port, path, params):
    """Signs `params` for this port and path, posts them; returns status, text, the body and signature sent."""
    body, signature = urllib.parse.urlencode(params), sign(f"http://127.0.0.1:{port}{path}", params)
    status, text = post_raw(port, (path, body, signature))
    return status, text, body, signature


def call_params(n):
    sid = "CA%032x" % (0xB0000 + n)
    return [("AccountSid", "AC" + "0" * 31 + "1"), ("ApiVersion", "2010-04-01"), ("CallSid", sid),
            ("CallStatus", "ringing"), ("Direction", "inbound"), ("From", FROM), ("To", TO),
            ("Caller", FROM), ("Called", TO), ("FromCountry", "US"), ("ToCountry", "US")]


def signed_requests(port, calls):
    """Signed requests of each webhook kind, discovered by walking the live primary's own answers."""
    incoming, digits, status, sms = [], [], [], []
    for n in range(calls):
        params = call_params(n)
        code, text, body, sig = post(port, "/voice", params)
        if code != 200 or "<Response>" not in text:
            raise SystemExit(f"bench: POST /voice answered {code}: {text[:200]}")
        incoming.append(("/voice", body, sig))
        match = re.search(r'<Gather[^>]*action="([^"]+)"', text)
        if not match:
            raise SystemExit(f"bench: no <Gather action> in the primary's answer: {text[:300]}")
        action = urllib.parse.urlsplit(html.unescape(match.group(1)))
        path = action.path + ("?" + action.query if action.query else "")
        key = "123"[n % 3]
        gathered = [(k, "in-progress" if k == "CallStatus" else v) for k, v in params] + [("Digits", key), ("FinishedOnKey", ""), ("msg", "Gather End")]
        code, text, body, sig = post(port, path, gathered)
        if code != 200 or "<Response>" not in text:
            raise SystemExit(f"bench: POST {path} answered {code}: {text[:200]}")
        digits.append((path, body, sig))
        ended = [(k, "completed" if k == "CallStatus" else v) for k, v in params] + [("CallDuration", "42"), ("Timestamp", "Mon, 23 Nov 2026 21:00:00 +0000")]
        code, text, body, sig = post(port, "/voice/status", ended)
        if code // 100 != 2:
            raise SystemExit(f"bench: POST /voice/status answered {code}: {text[:200]}")
        status.append(("/voice/status", body, sig))
        message = [("AccountSid", "AC" + "0" * 31 + "1"), ("MessageSid", "SM%032x" % (0xB0000 + n)), ("From", FROM), ("To", TO),
                   ("Body", ["HOURS", "hello", "STOP", "help"][n % 4]), ("NumMedia", "0"), ("NumSegments", "1"), ("SmsStatus", "received"),
                   ("ApiVersion", "2010-04-01")]
        code, text, body, sig = post(port, "/sms", message)
        if code != 200 or "<Response" not in text:
            raise SystemExit(f"bench: POST /sms answered {code}: {text[:200]}")
        sms.append(("/sms", body, sig))
    return incoming, digits, status, sms


def lua_script(path, requests, delay_ms=None, marker=None):
    """wrk script sending `requests` round-robin; with `marker`, counts the answers whose body contains it."""
    def q(s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    rows = ",\n".join("  {%s, %s, %s}" % (q(p), q(b), q(s)) for p, b, s in requests)
    delay = f"function delay() return {delay_ms} end\n" if delay_ms else ""
    if marker:
        delay += ("marked = 0\nfunction response(status, headers, body)\n"
                  f"  if body and string.find(body, {q(marker)}, 1, true) then marked = marked + 1 end\nend\n")
    with open(path, "w") as f:
        f.write(f"""-- generated by bench/bench.py: signed Twilio webhooks, sent round-robin
local rows = {{
{rows}
}}
local threads = {{}}
local prepared, i = {{}}, 0
function setup(thread)
  thread:set("offset", #threads * 7)
  table.insert(threads, thread)
end
function init(args)
  i = offset or 0
  for n, r in ipairs(rows) do
    prepared[n] = wrk.format("POST", r[1], {{["Content-Type"] = "application/x-www-form-urlencoded", ["X-Twilio-Signature"] = r[3], ["User-Agent"] = "TwilioProxy/1.1"}}, r[2])
  end
end
function request()
  i = i + 1
  return prepared[(i % #prepared) + 1]
end
{delay}function done(summary, latency, requests)
  local e = summary.errors
  local marked = 0
  for _, t in ipairs(threads) do marked = marked + (t:get("marked") or 0) end
  io.write(string.format("BENCH_JSON {{\\"marked\\":%d,\\"requests\\":%d,\\"duration_us\\":%d,\\"non2xx\\":%d,\\"errors\\":%d,\\"p50\\":%d,\\"p90\\":%d,\\"p99\\":%d,\\"p999\\":%d,\\"max\\":%d}}\\n",
    marked, summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max))
end
""")
    return path


def wrk(port, script, seconds, threads, connections, path="/voice"):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", script, f"http://127.0.0.1:{port}{path}"]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next((l for l in result.stdout.splitlines() if l.startswith("BENCH_JSON ")), None)
    if line is None:
        raise SystemExit("bench: wrk printed no result:\n" + result.stdout + result.stderr)
    data = json.loads(line[len("BENCH_JSON "):])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    return data


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) / 1024 / 1024
    dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()[0].split(" [")[0]
    return (f"{os.cpu_count()} CPUs ({cpu}), {mem:.0f} GiB RAM, Linux kernel {platform.release()} ({platform.version()}), "
            f".NET SDK {dotnet}, {wrk_version}; load average {os.getloadavg()[0]:.2f} at start")


def median_of(runs, key):
    return statistics.median(r[key] for r in runs)


def signed_for(app, rows):
    """Signatures cover the port, so each app gets its own copy of the requests."""
    return [(p, b, sign(f"http://127.0.0.1:{app.port}{p}", urllib.parse.parse_qsl(b, keep_blank_values=True))) for p, b, _ in rows]


def throughput_and_latency(args, apps, baseline, incoming, redis):
    """Max throughput of every app, with wrk on one thread (-t1: the load generator holds one core at most, so it does
    not cap the baseline) and on two (-t2, the method of the first rounds), alternating the apps in each round; then
    latency at a fixed rate for the baseline and the first app."""
    seconds = 3 if args.quick else 10
    rounds = 1 if args.quick else 3
    tmp = tempfile.mkdtemp(prefix="ivr-bench-")
    everyone = [baseline] + apps
    scripts = {app.name: lua_script(f"{tmp}/{app.name}-max.lua", signed_for(app, incoming)) for app in everyone}
    results = {app.name: {"max1": [], "max2": [], "fixed": []} for app in everyone}
    for app in everyone:  # warm-up: JIT, tiered compilation (and its PGO re-JIT), connection pools
        wrk(app.port, scripts[app.name], 2 if args.quick else 10, 1, 32)
    for _ in range(rounds):
        for threads in (1, 2):
            for app in everyone:
                before = redis.commands_processed()
                cpu = cpu_seconds(app.process.pid)
                run = wrk(app.port, scripts[app.name], seconds, threads, 32)
                run["cpu_us"] = (cpu_seconds(app.process.pid) - cpu) * 1e6 / max(1, run["requests"])
                run["redis_commands"] = redis.commands_processed() - before - 1
                results[app.name][f"max{threads}"].append(run)
    # Fixed rate: each connection waits delay ms between requests, so connections / delay = the rate.
    connections = 50
    delay = max(1, round(connections * 1000 / args.rate))
    for _ in range(rounds):
        for app in (baseline, apps[0]):
            script = lua_script(f"{tmp}/{app.name}-fixed.lua", signed_for(app, incoming), delay)
            results[app.name]["fixed"].append(wrk(app.port, script, seconds * 2, 2, connections))
    return results


TEXT_RATE, TEXT_CONNECTIONS = 200, 10
_next_text_call = [0x7E000000]


def text_step_requests(port, action, count):
    """Key 5 pressed in the main menu (the sample flow's `text-link` step: a text queued, the caller told so), by
    `count` calls never seen before, so every request is a text to admit and send, not a duplicate."""
    rows = []
    for _ in range(count):
        _next_text_call[0] += 1
        sid = "CA%032x" % _next_text_call[0]
        params = [(k, sid if k == "CallSid" else "in-progress" if k == "CallStatus" else v) for k, v in call_params(0)]
        params += [("Digits", "5"), ("FinishedOnKey", ""), ("msg", "Gather End")]
        rows.append((action, urllib.parse.urlencode(params), sign(f"http://127.0.0.1:{port}{action}", params)))
    return rows


def wait_for_texts(standin, expected_at_least, timeout=180):
    """The stand-in's create count once the senders have drained: at least `expected_at_least` and stable for 2 s."""
    deadline = time.monotonic() + timeout
    last, stable_since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now = standin.count()
        if now != last:
            last, stable_since = now, time.monotonic()
        elif now >= expected_at_least and time.monotonic() - stable_since >= 2:
            break
        time.sleep(0.2)
    return last


def text_step_latency(args, apps, action, standin):
    """A text step's webhook latency at 200 requests/s, each request a new call's text; every text accepted must then
    reach the Messages stand-in exactly once (a request still in flight when wrk stops may or may not have been
    admitted, so up to one per connection more than wrk counted). A text the webhook refused (the caller hears
    `text-unavailable`) is counted apart; the queue is made large enough that none should be."""
    seconds = 3 if args.quick else 10
    rounds = 1 if args.quick else 3
    tmp = tempfile.mkdtemp(prefix="ivr-bench-text-")
    delay = max(1, round(TEXT_CONNECTIONS * 1000 / TEXT_RATE))
    count = int(TEXT_RATE * seconds * 1.5)
    results = {}
    for app in apps:
        probe = text_step_requests(app.port, action, 1)[0]
        code, text = post_raw(app.port, probe)
        if code != 200 or "text-sent" not in text:
            raise SystemExit(f"bench: the text step on {app.name} answered {code} without the text-sent prompt: {text[:300]}")
        wrk(app.port, lua_script(f"{tmp}/{app.name}-warm.lua", text_step_requests(app.port, action, count), delay), 2, 1, TEXT_CONNECTIONS)
        results[app.name] = {"runs": [], "sent": 0, "answered": 0}
    for _ in range(rounds):
        for app in apps:
            before = wait_for_texts(standin, 0)
            run = wrk(app.port, lua_script(f"{tmp}/{app.name}-text.lua", text_step_requests(app.port, action, count), delay, "text-unavailable"),
                      seconds, 1, TEXT_CONNECTIONS)
            run["accepted"] = run["requests"] - run["marked"]
            if run["requests"] >= count:
                raise SystemExit("bench: the text-step run wrapped around its distinct calls; raise the count")
            sent = wait_for_texts(standin, before + run["accepted"]) - before
            run["sent"] = sent
            results[app.name]["runs"].append(run)
    return results


def post_raw(port, row):
    path, body, signature = row
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature})
    r = c.getresponse()
    return r.status, r.read().decode("utf-8", "replace")


def allocation_profile(root, out, primary, incoming):
    """Bytes allocated per signed POST /voice, by component: the runtime's allocation samples (dotnet-trace) during a
    wrk run, read by bench/IvrService.Bench.AllocProfile. Returns (markdown table, bytes per request) or (None, why)."""
    tool = os.path.join(out, "allocprofile", "IvrService.Bench.AllocProfile")
    if not os.path.exists(tool):
        return None, "the allocation profiler was not built (bench/run.sh builds it)"
    trace = os.path.join(out, "alloc.nettrace")
    if os.path.exists(trace):
        os.remove(trace)
    script = lua_script(os.path.join(out, "alloc.lua"), incoming)
    # GC keyword (0x1) at verbose level (5): an AllocationTick event with its stack about every 100 KB allocated.
    collect = subprocess.Popen(["dotnet", "tool", "run", "dotnet-trace", "collect", "--providers", "Microsoft-Windows-DotNETRuntime:0x1:5",
                                "-p", str(primary.process.pid), "--duration", "00:00:00:09", "-o", trace],
                               cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(2)  # attach before the load starts
    run = wrk(primary.port, script, 5, 2, 32)
    _, err = collect.communicate(timeout=120)
    if collect.returncode != 0 or not os.path.exists(trace):
        return None, f"dotnet-trace failed ({collect.returncode}): {err.strip()[:300]}"
    result = subprocess.run([tool, trace, str(run["requests"])], capture_output=True, text=True, timeout=600)
    line = next((l for l in result.stdout.splitlines() if l.startswith("ALLOC_JSON ")), None)
    if result.returncode != 0 or line is None:
        return None, f"the allocation profiler failed ({result.returncode}): {result.stderr.strip()[:300]}"
    table = "\n".join(l for l in result.stdout.splitlines() if l.startswith("|"))
    return table, json.loads(line[len("ALLOC_JSON "):])["bytesPerRequest"]


def longevity(args, primary, mixed, out):
    """Mixed webhook traffic at a fixed rate; RSS sampled every 5 s; growth measured after warm-up."""
    tmp = tempfile.mkdtemp(prefix="ivr-longevity-")
    script = lua_script(f"{tmp}/mixed.lua", mixed, max(1, round(50 * 1000 / args.rate)))
    samples = []
    outcome = {}

    def run():
        outcome.update(wrk(primary.port, script, args.longevity, 2, 50))

    worker = threading.Thread(target=run)
    start = time.monotonic()
    worker.start()
    while worker.is_alive():
        samples.append((time.monotonic() - start, primary.memory()[0]))
        worker.join(5)
    warm = min(60.0, args.longevity / 5)
    after_warm = [m for t, m in samples if warm <= t < warm + 60] or [samples[-1][1]]
    tail = [m for t, m in samples if t >= samples[-1][0] - 60] or [samples[-1][1]]
    base, end = statistics.median(after_warm), statistics.median(tail)
    with open(os.path.join(out, "longevity-rss.csv"), "w") as f:
        f.write("seconds,rss_mb\n" + "".join(f"{t:.0f},{m:.1f}\n" for t, m in samples))
    outcome.update(warmup_s=warm, rss_after_warmup=base, rss_end=end, growth=(end - base) / base * 100,
                   rss_max=max(m for _, m in samples))
    return outcome


def fallback_startup(root):
    result = subprocess.run([os.path.join(root, "bench", "fallback-startup.sh"), "10", "--no-publish"], capture_output=True, text=True)
    if result.returncode != 0:
        return None, result.stdout + result.stderr
    return result.stdout.strip(), None


class HangingServer:
    """Accepts connections and reads requests but never answers: a primary stuck on a dead dependency."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)


def failover_times(out, fallback_port):
    """Caller-perceived silence before the fallback answers, as the `ivr` simulator (Twilio's timers) reports it."""
    cli = [os.path.join(out, "cli", "ivr")]
    hanging = HangingServer()
    refused = free_port()
    broken = socket.socket()  # answers 500 to everything
    broken.bind(("127.0.0.1", 0))
    broken.listen(64)
    broken_port = broken.getsockname()[1]

    def serve_500():
        while True:
            try:
                conn, _ = broken.accept()
            except OSError:
                return
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            conn.close()

    threading.Thread(target=serve_500, daemon=True).start()
    scenarios = [("hangs (accepts, never answers)", hanging.port), ("not listening (connection refused)", refused),
                 ("answers 500", broken_port)]
    rows = []
    for name, port in scenarios:
        row = [name]
        for fragment in ("", TUNED_FRAGMENT):
            command = cli + ["call", "--url", f"http://127.0.0.1:{port}/voice{fragment}", "--fallback-url",
                             f"http://127.0.0.1:{fallback_port}/fallback/voice", "--token", TOKEN, "--digits", "hangup", "--json"]
            started = time.monotonic()
            result = subprocess.run(command, capture_output=True, text=True, timeout=120)
            wall = time.monotonic() - started
            try:
                transcript = json.loads(result.stdout)
            except json.JSONDecodeError:
                raise SystemExit(f"bench: ivr call printed no JSON (exit {result.returncode}): {result.stdout[:300]} {result.stderr[:300]}")
            event = next((e for e in transcript.get("events", []) if e.get("kind") == "fallback"), None)
            if event is None:
                raise SystemExit(f"bench: no failover in the transcript for '{name}': {result.stdout[:500]}")
            row.append((event.get("at", wall), event.get("errorCode"), wall))
        rows.append(row)
    broken.close()
    hanging.sock.close()
    return rows


def main():
    args = parse_args()
    root, out = args.root, args.out
    os.makedirs(out, exist_ok=True)
    described = machine()
    print(f"machine: {described}")
    standin = MessagesStandIn()
    sink = OtlpSink()
    redis = RedisProcess(out)
    env = {"ASPNETCORE_ENVIRONMENT": "Production", "Twilio__AuthToken": TOKEN, "Hosting__JsonLogs": "true",
           "Twilio__AccountSid": "AC00000000000000000000000000000001",
           # Texts go to a loopback Messages stand-in; pacing is raised so the sender's 1 segment/s per long code
           # (a Twilio limit, not ours) does not turn the text-step run into a backlog refusal test.
           "Messaging__ApiBaseUrl": f"http://127.0.0.1:{standin.port}/", "Messaging__SegmentsPerSecond": "1000",
           # A queue that holds a whole run's texts (a sender has one send in flight at a time), so the latency measured
           # is that of admitted texts, whatever the stand-in's pace.
           "Messaging__QueueCapacity": "20000"}
    # Telemetry on, as an operator runs it: every span recorded (100 % sampling) and exported by OTLP to a local sink,
    # metrics kept for /metrics and exported by OTLP as well.
    telemetry = {"Telemetry__Tracing": "On", "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{sink.port}",
                 "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf", "OTEL_TRACES_SAMPLER": "always_on"}
    primary = App("primary", [os.path.join(out, "primary", "IvrService.Primary")], os.path.join(out, "primary"),
                  dict(env, **telemetry), os.path.join(out, "primary.log"))
    quiet = App("primary-notel", [os.path.join(out, "primary", "IvrService.Primary")], os.path.join(out, "primary"),
                dict(env, Telemetry__Tracing="Off", Telemetry__Metrics="false"), os.path.join(out, "primary-notel.log"))
    shared = App("primary-redis", [os.path.join(out, "primary", "IvrService.Primary")], os.path.join(out, "primary"),
                 dict(env, State__Redis=f"127.0.0.1:{redis.port}", **telemetry), os.path.join(out, "primary-redis.log"))
    baseline = App("baseline", [os.path.join(out, "baseline", "IvrService.Bench.Baseline")], os.path.join(out, "baseline"), {}, os.path.join(out, "baseline.log"))
    try:
        incoming, digits, status, sms = signed_requests(primary.port, 50 if args.quick else 200)
        signed_requests(shared.port, 1)  # the Redis-configured primary answers the same walk
        signed_requests(quiet.port, 1)
        idle_rss = primary.memory()[0]
        results = throughput_and_latency(args, [primary, shared, quiet], baseline, incoming, redis)
        rss, hwm = primary.memory()
        alloc_table, alloc_per_request = allocation_profile(root, out, primary, incoming)
        _, alloc_quiet = allocation_profile(root, out, quiet, incoming)
        base_rss, base_hwm = baseline.memory()
        log_lines = sum(1 for _ in open(os.path.join(out, "primary.log"), "rb"))
        texts = text_step_latency(args, [primary, shared], digits[0][0], standin)
        shared_rss, shared_hwm = shared.memory()
        mixed = []
        for k in range(len(incoming)):  # 4 incoming : 4 key presses : 1 status : 1 SMS, roughly a real number's mix
            mixed += [incoming[k], digits[k]]
            if k % 4 == 0:
                mixed += [status[k], sms[k]]
        long_run = longevity(args, primary, mixed, out) if args.longevity > 0 else None
    finally:
        primary.stop()
        shared.stop()
        quiet.stop()
        baseline.stop()
        redis.stop()
        standin.stop()
        exported = sink.describe()
        sink.stop()

    fallback = App("fallback", [os.path.join(out, "fallback-aot", "IvrService.Fallback")], os.path.join(out, "fallback-aot"),
                   {"ASPNETCORE_ENVIRONMENT": "Production", "Twilio__AuthToken": TOKEN, "Fallback__PrimaryHosts__0": "127.0.0.1"},
                   os.path.join(out, "fallback.log"))
    try:
        failover = failover_times(out, fallback.port)
    finally:
        fallback.stop()
    startup, startup_error = fallback_startup(root)

    p, b, r, q = results["primary"], results["baseline"], results["primary-redis"], results["primary-notel"]

    def ratio(app, threads):
        return median_of(app[f"max{threads}"], "rps") / median_of(b[f"max{threads}"], "rps")

    p50, p99 = median_of(p["fixed"], "p50") / 1000, median_of(p["fixed"], "p99") / 1000
    errors = sum(x["non2xx"] + x["errors"] for app in (p, r) for x in app["max1"] + app["max2"] + app["fixed"])
    text_rows = {name: t["runs"] for name, t in texts.items()}
    text_errors = sum(x["non2xx"] + x["errors"] for runs in text_rows.values() for x in runs)
    # Every request wrk counted was admitted and must be sent; one still in flight at the end may add one per connection.
    texts_exact = all(x["accepted"] <= x["sent"] <= x["accepted"] + TEXT_CONNECTIONS for runs in text_rows.values() for x in runs)
    texts_refused = sum(x["marked"] for runs in text_rows.values() for x in runs)
    cpu_p, cpu_q = median_of(p["max1"], "cpu_us"), median_of(q["max1"], "cpu_us")
    checks = [("throughput ratio primary (telemetry on)/baseline >= 0.5 (wrk -t1)", ratio(p, 1) >= 0.5, f"{ratio(p, 1):.2f}"),
              ("throughput ratio primary with `State:Redis`/baseline >= 0.5 (wrk -t1)", ratio(r, 1) >= 0.5, f"{ratio(r, 1):.2f}"),
              (f"p99 <= 5 ms at {args.rate} requests/s", p99 <= 5.0, f"{p99:.2f} ms"),
              ("no errors or non-2xx answers from the primary", errors + text_errors == 0, str(errors + text_errors)),
              ("every text a text step accepted sent once, in memory and on Redis", texts_exact,
               ", ".join(f"{sum(x['accepted'] for x in runs):,} accepted, {sum(x['sent'] for x in runs):,} sent" for runs in text_rows.values())),
              ("no text step refused at 200 requests/s", texts_refused == 0, str(texts_refused))]
    startup_ratio = re.search(r"fallback AOT / bare AOT Kestrel, median: ([0-9.]+)", startup or "")
    checks.append(("fallback AOT start-to-first-TwiML <= 1.3x a bare AOT Kestrel app (same run)",
                   bool(startup_ratio) and float(startup_ratio.group(1)) <= 1.3, startup_ratio.group(1) if startup_ratio else "not measured"))
    if long_run:
        checks += [(f"longevity: no errors in {args.longevity} s", long_run["non2xx"] + long_run["errors"] == 0, str(long_run["non2xx"] + long_run["errors"])),
                   ("longevity: memory growth after warm-up <= 5%", long_run["growth"] <= 5.0, f"{long_run['growth']:+.1f}%")]

    lines = []
    lines.append(f"Machine: {described}.")
    lines.append("")
    rounds = len(p["max1"])
    lines.append(f"Each app warmed up for 10 s, then {rounds} rounds of 10 s runs with the apps alternating within each round; "
                 "medians shown. CPU per webhook is the app process's user + system time over a run divided by the requests "
                 "it answered (/proc), which the load generator's share of the machine does not move.")
    lines.append("")
    lines.append("| | baseline (bare Kestrel, constant TwiML) | **primary, telemetry on** (signature check, flow engine, TwiML writer, JSON log line, every span exported by OTLP, metrics) | primary with `State:Redis`, telemetry on | primary, telemetry off (`Telemetry:Tracing=Off`, `Telemetry:Metrics=false`) |")
    lines.append("|---|---:|---:|---:|---:|")
    for threads in (1, 2):
        lines.append(f"| max throughput, signed `POST /voice` (wrk -t{threads} -c32, median of {rounds}) | "
                     f"{median_of(b[f'max{threads}'], 'rps'):,.0f} req/s | {median_of(p[f'max{threads}'], 'rps'):,.0f} req/s | "
                     f"{median_of(r[f'max{threads}'], 'rps'):,.0f} req/s | {median_of(q[f'max{threads}'], 'rps'):,.0f} req/s |")
        emphasis = "**" if threads == 1 else ""
        lines.append(f"| {emphasis}throughput ratio{emphasis} /baseline, wrk -t{threads} | | {emphasis}{ratio(p, threads):.2f}{emphasis} | "
                     f"{emphasis}{ratio(r, threads):.2f}{emphasis} | {ratio(q, threads):.2f} |")
        lines.append(f"| CPU per webhook, wrk -t{threads} | {median_of(b[f'max{threads}'], 'cpu_us'):.1f} µs | {median_of(p[f'max{threads}'], 'cpu_us'):.1f} µs | "
                     f"{median_of(r[f'max{threads}'], 'cpu_us'):.1f} µs | {median_of(q[f'max{threads}'], 'cpu_us'):.1f} µs |")
    achieved_p = median_of(p["fixed"], "rps")
    achieved_b = median_of(b["fixed"], "rps")
    lines.append(f"| fixed rate (target {args.rate}/s): achieved | {achieved_b:,.0f} req/s | {achieved_p:,.0f} req/s | | |")
    lines.append(f"| latency p50 at that rate | {median_of(b['fixed'], 'p50') / 1000:.2f} ms | {p50:.2f} ms | | |")
    lines.append(f"| latency p90 | {median_of(b['fixed'], 'p90') / 1000:.2f} ms | {median_of(p['fixed'], 'p90') / 1000:.2f} ms | | |")
    lines.append(f"| **latency p99** | {median_of(b['fixed'], 'p99') / 1000:.2f} ms | **{p99:.2f} ms** | | |")
    lines.append(f"| latency p99.9 | {median_of(b['fixed'], 'p999') / 1000:.2f} ms | {median_of(p['fixed'], 'p999') / 1000:.2f} ms | | |")
    lines.append(f"| memory: resident after the runs (peak) | {base_rss:.0f} MB ({base_hwm:.0f} MB) | {rss:.0f} MB ({hwm:.0f} MB); {idle_rss:.0f} MB before load | {shared_rss:.0f} MB ({shared_hwm:.0f} MB) | |")
    lines.append(f"| errors / non-2xx | {sum(x['non2xx'] + x['errors'] for x in b['max1'] + b['max2'] + b['fixed'])} | "
                 f"{sum(x['non2xx'] + x['errors'] for x in p['max1'] + p['max2'] + p['fixed'])} | {sum(x['non2xx'] + x['errors'] for x in r['max1'] + r['max2'])} | "
                 f"{sum(x['non2xx'] + x['errors'] for x in q['max1'] + q['max2'])} |")
    lines.append("")
    quiet_bytes = f"{alloc_per_request - alloc_quiet:,.0f} bytes" if isinstance(alloc_quiet, (int, float)) and isinstance(alloc_per_request, (int, float)) else "not measured"
    lines.append(f"Telemetry's own cost per webhook (on minus off, wrk -t1): **{cpu_p - cpu_q:.1f} µs** of CPU and **{quiet_bytes}** "
                 f"allocated ({alloc_per_request if isinstance(alloc_per_request, str) else f'{alloc_per_request:,.0f}'} with it, "
                 f"{alloc_quiet if isinstance(alloc_quiet, str) else f'{alloc_quiet:,.0f}'} without). The OTLP sink received {exported}.")
    voice_requests = sum(x["requests"] for x in r["max1"] + r["max2"])
    background = sum(x["redis_commands"] for x in b["max1"] + b["max2"] + p["max1"] + p["max2"])
    lines.append("")
    lines.append(f"Redis commands while the Redis-configured primary answered {voice_requests:,} signed `POST /voice` requests: "
                 f"{sum(x['redis_commands'] for x in r['max1'] + r['max2']):,}, against {background:,} while the other two apps "
                 f"were loaded for as long (the sender's background reads and hold renewals).")
    lines.append("")
    lines.append(f"A text step (key 5 in the main menu: the `text-link` node queues a text and tells the caller), each request a "
                 f"call not seen before, at a target of {TEXT_RATE} requests/s (wrk -t1, {TEXT_CONNECTIONS} connections, median of "
                 f"{len(text_rows['primary'])} runs); texts go to a loopback Messages stand-in:")
    lines.append("")
    lines.append("| text-step webhook | in memory (one process) | on Redis (`State:Redis`, append-only file) |")
    lines.append("|---|---:|---:|")
    m, d = text_rows["primary"], text_rows["primary-redis"]
    lines.append(f"| achieved | {median_of(m, 'rps'):,.0f} req/s | {median_of(d, 'rps'):,.0f} req/s |")
    for key, label in (("p50", "latency p50"), ("p90", "latency p90"), ("p99", "**latency p99**"), ("p999", "latency p99.9")):
        bold = "**" if key == "p99" else ""
        lines.append(f"| {label} | {bold}{median_of(m, key) / 1000:.2f} ms{bold} | {bold}{median_of(d, key) / 1000:.2f} ms{bold} |")
    lines.append(f"| texts accepted → sent to the stand-in | {sum(x['accepted'] for x in m):,} → {sum(x['sent'] for x in m):,} | "
                 f"{sum(x['accepted'] for x in d):,} → {sum(x['sent'] for x in d):,} |")
    lines.append(f"| texts refused (caller told the text is unavailable) | {sum(x['marked'] for x in m):,} | {sum(x['marked'] for x in d):,} |")
    lines.append(f"| errors / non-2xx | {sum(x['non2xx'] + x['errors'] for x in m)} | {sum(x['non2xx'] + x['errors'] for x in d)} |")
    lines.append("")
    lines.append(f"The primary wrote {log_lines:,} JSON log lines during the runs (one completion event per webhook), to a file.")
    lines.append("")
    if alloc_table:
        lines.append(f"Allocation per webhook, signed `POST /voice` under wrk (runtime allocation samples via dotnet-trace, "
                     f"charged to the first known component from the allocating frame outwards): **{alloc_per_request:,.0f} bytes** per request.")
        lines.append("")
        lines.append(alloc_table)
    else:
        lines.append(f"Allocation per webhook: not measured ({alloc_per_request}).")
    if long_run:
        lines.append("")
        lines.append(f"Longevity: {args.longevity} s of mixed webhook traffic (incoming calls, key presses, status callbacks, SMS) "
                     f"at a target of {args.rate}/s: {long_run['requests']:,} requests, {long_run['rps']:,.0f} req/s achieved, "
                     f"{long_run['non2xx']} non-2xx, {long_run['errors']} socket errors, p99 {long_run['p99'] / 1000:.2f} ms, "
                     f"p99.9 {long_run['p999'] / 1000:.2f} ms, max {long_run['max'] / 1000:.1f} ms. Resident memory "
                     f"{long_run['rss_after_warmup']:.0f} MB after {long_run['warmup_s']:.0f} s warm-up, {long_run['rss_end']:.0f} MB "
                     f"over the last minute (**{long_run['growth']:+.1f}%**), peak {long_run['rss_max']:.0f} MB "
                     f"(samples in artifacts/bench/longevity-rss.csv).")
    lines.append("")
    lines.append("Caller-perceived failover (silence before the fallback's first TwiML, on the `ivr` simulator's call clock, "
                 "which applies Twilio's timers):")
    lines.append("")
    lines.append(f"| primary | Twilio defaults | tuned `{TUNED_FRAGMENT}` |")
    lines.append("|---|---:|---:|")
    for name, default, tuned in failover:
        lines.append(f"| {name} | {default[0]:.1f} s ({default[1]}) | {tuned[0]:.1f} s ({tuned[1]}) |")
    lines.append("")
    lines.append("Fallback start-to-first-TwiML (bench/fallback-startup.sh, 10 runs each):")
    lines.append("")
    lines.append("```")
    lines.append(startup if startup else f"failed: {startup_error}")
    lines.append("```")
    lines.append("")
    lines.append("| target | result | met |")
    lines.append("|---|---:|:---:|")
    for name, ok, value in checks:
        lines.append(f"| {name} | {value} | {'yes' if ok else '**no**'} |")
    report = "\n".join(lines)
    print(report)

    if not args.no_doc:
        doc = os.path.join(root, "docs", "performance.md")
        with open(doc) as f:
            text = f.read()
        begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        command = "bench/run.sh " + " ".join(a for a in sys.argv[1:] if not a.startswith("--root") and not a.startswith("--out")
                                            and a not in (root, out))
        block = f"{begin}\nProduced by `{command.strip()}` on {stamp}.\n\n{report}\n{end}"
        text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
        with open(doc, "w") as f:
            f.write(text)
        print(f"bench: wrote {doc}")
    sys.exit(0 if all(ok for _, ok, _ in checks) else 1)


if __name__ == "__main__":
    main()
