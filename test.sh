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
)

missing=()
for entry in "${tools[@]}"; do
  command -v "${entry%%:*}" >/dev/null 2>&1 || missing+=("${entry#*:}")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ${missing[*]} (Debian packages)"
    if ! (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null 2>&1; then
      echo "test.sh: apt-get install ${missing[*]} failed; the tests that need them will fail and say so" >&2
    fi
  else
    echo "test.sh: missing ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
    echo "test.sh: running the suite anyway; the tests that need them will fail and say so" >&2
  fi
fi

exec dotnet test IvrService.sln "$@"
