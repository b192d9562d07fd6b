#!/usr/bin/env bash
# Start-to-first-TwiML of the fallback, Native AOT vs JIT, against a bare Native AOT Kestrel app (bench/
# IvrService.Bench.Baseline published AOT: no configuration, logging, telemetry or routing, one constant TwiML answer)
# measured in the same run: publishes the three builds, starts each N times on a free loopback port, alternating, and
# measures the time from process start to the first 200 on a signed POST /fallback/voice (a failover resumed at the
# sample flow's main menu). Also proves the AOT binary answers a signed request. Target: fallback AOT median <= 1.3x
# the bare app's (issue 19), printed on the last line.
#
#   bench/fallback-startup.sh [N=10] [--no-publish]
#
# Builds go to artifacts/bench/fallback-{aot,jit}/ (the AOT one is also used by the fallback's process tests).
set -euo pipefail

N=${1:-10}
PUBLISH=1
[[ "${2:-}" == "--no-publish" || "${1:-}" == "--no-publish" ]] && PUBLISH=0
[[ "$N" =~ ^[0-9]+$ ]] || N=10
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/artifacts/bench"

if [[ $PUBLISH == 1 ]]; then
  echo "Publishing Native AOT build…" >&2
  dotnet publish "$ROOT/src/IvrService.Fallback" -c Release -r linux-x64 -o "$OUT/fallback-aot" -v quiet -nologo >&2
  echo "Publishing the bare Native AOT Kestrel app…" >&2
  dotnet publish "$ROOT/bench/IvrService.Bench.Baseline" -c Release -r linux-x64 -p:PublishAot=true -o "$OUT/bare-aot" -v quiet -nologo >&2
  echo "Publishing JIT build…" >&2
  dotnet publish "$ROOT/src/IvrService.Fallback" -c Release -r linux-x64 --self-contained false -p:PublishAot=false \
    -o "$OUT/fallback-jit" -v quiet -nologo >&2
fi

python3 - "$N" "$OUT" <<'PY'
import base64, hashlib, hmac, http.client, os, socket, statistics, subprocess, sys, time, urllib.parse

runs, out = int(sys.argv[1]), sys.argv[2]
token = "bench-token"
form = {
    "CallSid": "CA00000000000000000000000000000001", "AccountSid": "AC00000000000000000000000000000001",
    "From": "+14155550100", "To": "+15005550006", "CallStatus": "in-progress", "Direction": "inbound",
    "ErrorCode": "11205", "ErrorUrl": "https://primary.example.com/voice/continue?n=main&l=en-US",
}
body = urllib.parse.urlencode(form)

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def signature(url):
    signed = url + "".join(k + form[k] for k in sorted(form))
    return base64.b64encode(hmac.new(token.encode(), signed.encode(), hashlib.sha1).digest()).decode()

# CPU time the app itself used up to its first answer: unlike wall time, it barely moves on a loaded machine.
def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

def one(command, cwd, expect_fallback=True):
    port = free_port()
    env = dict(os.environ, ASPNETCORE_URLS=f"http://127.0.0.1:{port}", ASPNETCORE_ENVIRONMENT="Production",
               Twilio__AuthToken=token, Fallback__PrimaryHosts__0="primary.example.com", DOTNET_NOLOGO="1",
               Hosting__MinimumLevel="Warning")
    headers = {"Content-Type": "application/x-www-form-urlencoded",
               "X-Twilio-Signature": signature(f"http://127.0.0.1:{port}/fallback/voice")}
    start = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.monotonic() - start < 30:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("POST", "/fallback/voice", body, headers)
                response = connection.getresponse()
                text = response.read().decode()
                if response.status == 200:
                    elapsed = (time.monotonic() - start) * 1000
                    cpu = cpu_ms(process.pid)
                    if "<Gather" not in text or (expect_fallback and "/fallback/audio/en-US/main-long.wav" not in text):
                        raise SystemExit(f"unexpected TwiML from {command[0]}: {text[:300]}")
                    return elapsed, cpu
                raise SystemExit(f"{command[0]} answered {response.status}")
            except (ConnectionRefusedError, ConnectionResetError, http.client.RemoteDisconnected):
                time.sleep(0.001)
        raise SystemExit(f"{command[0]} did not answer within 30 s")
    finally:
        process.terminate()
        process.wait(10)

builds = [
    ("Native AOT", [os.path.join(out, "fallback-aot", "IvrService.Fallback")], os.path.join(out, "fallback-aot"), True),
    ("JIT (dotnet)", ["dotnet", os.path.join(out, "fallback-jit", "IvrService.Fallback.dll")], os.path.join(out, "fallback-jit"), True),
    ("bare AOT", [os.path.join(out, "bare-aot", "IvrService.Bench.Baseline")], os.path.join(out, "bare-aot"), False),
]
print(f"start-to-first-TwiML, signed POST /fallback/voice, {runs} runs each (alternating), {os.cpu_count()} CPUs")
print(f"load average {os.getloadavg()[0]:.1f}")
print(f"{'build':<14}{'min ms':>9}{'median ms':>11}{'p90 ms':>9}{'max ms':>9}{'CPU ms':>9}{'size MB':>9}")
for _, command, folder, fallback in builds:
    one(command, folder, fallback)  # warm the page cache; not counted
samples = {name: [] for name, _, _, _ in builds}
for _ in range(runs):
    for name, command, folder, fallback in builds:
        samples[name].append(one(command, folder, fallback))
medians = {}
for name, command, folder, _ in builds:
    times = sorted(s[0] for s in samples[name])
    cpu = statistics.median(s[1] for s in samples[name])
    medians[name] = statistics.median(times)
    # What ships: the binaries without debug symbols (.dbg) or docs, not counting content/ (flow and prompts).
    size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder)
               if os.path.isfile(os.path.join(folder, f)) and not f.endswith((".dbg", ".xml", ".pdb"))) / 1e6
    p90 = times[min(len(times) - 1, int(round(0.9 * (len(times) - 1))))]
    print(f"{name:<14}{times[0]:>9.1f}{medians[name]:>11.1f}{p90:>9.1f}{times[-1]:>9.1f}{cpu:>9.0f}{size:>9.1f}")
ratio = medians["Native AOT"] / medians["bare AOT"]
print(f"fallback AOT / bare AOT Kestrel, median: {ratio:.2f} (target <= 1.3: {'met' if ratio <= 1.3 else 'NOT met'})")
PY
