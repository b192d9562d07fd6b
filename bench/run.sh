#!/usr/bin/env bash
# The primary under load, against the ceiling of a bare Kestrel app on the same machine.
#
#   bench/run.sh [--quick] [--longevity SECONDS] [--rate RPS] [--no-publish] [--no-doc]
#
# Builds in Release, starts the primary (Production configuration, JSON logging on, to a file) and a bare-Kestrel
# baseline that returns one constant TwiML document, and a second primary with State:Redis set (a real redis-server);
# loads them alternately with wrk (-t1 and -t2) using signed incoming-call requests, and prints: throughput ratios
# against the baseline, p50/p99 latency at a fixed rate, memory; a text step's latency at 200 req/s in memory and on
# Redis, with every accepted text counted at a loopback Messages stand-in; the fallback's
# start-to-first-TwiML (AOT and JIT, via bench/fallback-startup.sh); and caller-perceived failover time with
# Twilio's default timers vs the tuned fragment (via the `ivr` simulator). With --longevity it also runs mixed
# webhook traffic at --rate for that many seconds and reports errors and memory growth after warm-up.
# Unless --no-doc, the results are written to docs/performance.md.
#
# Needs: the .NET SDK, python3, wrk and redis-server (Debian: apt-get install wrk redis-server); dotnet-trace comes from NuGet (dotnet tool restore).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/artifacts/bench"
PUBLISH=1
for arg in "$@"; do [[ "$arg" == "--no-publish" ]] && PUBLISH=0; done

command -v wrk >/dev/null || { echo "bench: wrk is missing (Debian: apt-get install wrk)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench: python3 is missing" >&2; exit 2; }
command -v redis-server >/dev/null || { echo "bench: redis-server is missing (Debian: apt-get install redis-server)" >&2; exit 2; }

if [[ $PUBLISH == 1 ]]; then
  echo "bench: publishing Release builds to $OUT …" >&2
  dotnet publish "$ROOT/src/IvrService.Primary" -c Release -o "$OUT/primary" -v quiet -nologo >&2
  dotnet publish "$ROOT/bench/IvrService.Bench.Baseline" -c Release -o "$OUT/baseline" -v quiet -nologo >&2
  dotnet publish "$ROOT/src/IvrService.Cli" -c Release -o "$OUT/cli" -v quiet -nologo >&2
  # The allocation profile: dotnet-trace (a local tool, .config/dotnet-tools.json) and the reader of its samples.
  (cd "$ROOT" && dotnet tool restore -v quiet >&2) || echo "bench: dotnet tool restore failed; no allocation profile" >&2
  dotnet publish "$ROOT/bench/IvrService.Bench.AllocProfile" -c Release -o "$OUT/allocprofile" -v quiet -nologo >&2
  # The fallback's own script publishes AOT and JIT builds and measures start-up.
  "$ROOT/bench/fallback-startup.sh" 1 >/dev/null
fi

exec python3 "$ROOT/bench/bench.py" --root "$ROOT" --out "$OUT" "$@"
