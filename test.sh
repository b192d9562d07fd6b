#!/usr/bin/env bash
# The README's test command: installs the Debian tools the suite runs as real processes when they are missing,
# then runs the whole suite with `dotnet test`. Arguments go to dotnet test (e.g. --filter, --logger trx).
# npm test tools (the twilio oracle, s3rver) are restored by the build of tests/IvrService.Testing itself.
set -uo pipefail
cd "$(dirname "$0")"

# command on PATH -> Debian package that provides it
tools=(
  "docker-compose:docker-compose"   # validates docker-compose.yml without a Docker engine
  "yamllint:yamllint"               # lints the compose file and deploy/ manifests
  "chromium:chromium"               # the dev phone's browser test (Playwright drives Debian's chromium)
  "redis-server:redis-server"       # shared state of several primary replicas (State:Redis), on a loopback port
  "prometheus:prometheus"           # a real Prometheus server scrapes both apps' /metrics (telemetry tests)
  "promtool:prometheus"             # checks deploy/prometheus and runs the alert rules' unit tests
  "clang:clang"                     # links the fallback's Native AOT publish (its test; .NET 10 brings its own zlib)
)

missing=()
for entry in "${tools[@]}"; do
  package="${entry#*:}"
  # One package can bring several commands (prometheus and promtool): list it once.
  command -v "${entry%%:*}" >/dev/null 2>&1 || [[ " ${missing[*]} " == *" $package "* ]] || missing+=("$package")
done

# apt-get, retried every 10 s for up to 5 minutes while another apt or dpkg run holds a lock (e.g. a boot-time upgrade).
apt_get() {
  local output attempt
  for ((attempt = 1; ; attempt++)); do
    if output=$(DEBIAN_FRONTEND=noninteractive apt-get -qq "$@" 2>&1); then
      return 0
    fi
    if [[ $output != *"Could not get lock"* ]] || ((attempt >= 30)); then
      printf '%s\n' "$output" >&2
      return 1
    fi
    sleep 10
  done
}

if [ ${#missing[@]} -gt 0 ]; then
  install=(install -y --no-install-recommends "${missing[@]}")
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ${missing[*]} (Debian packages)"
    if ! { apt_get update && apt_get "${install[@]}"; }; then
      echo "test.sh: apt-get ${install[*]} failed; the tests that need them will fail and say so" >&2
    fi
  else
    echo "test.sh: missing ${missing[*]}; install them with: sudo apt-get update && sudo apt-get ${install[*]}" >&2
    echo "test.sh: running the suite anyway; the tests that need them will fail and say so" >&2
  fi
fi

exec dotnet test IvrService.sln "$@"
