#!/usr/bin/env bash
# Regenerates the prompt recordings in content/audio/<locale>/ from the prompt texts in a flow file, so the sample
# is a working IVR without a studio. Output: 8 kHz mono mu-law WAV, the telephone format Twilio plays as-is.
#
#   apt-get install -y espeak-ng sox jq      # Debian/Ubuntu
#   content/generate-audio.sh [flow.json] [audio-dir]
#
# Set FORCE=1 to re-record files that already exist (by default only missing files are made, so hand-made
# studio recordings dropped into content/audio are never overwritten).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
flow="${1:-$here/flow.json}"
out="${2:-$here/audio}"
force="${FORCE:-0}"

for tool in espeak-ng sox jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "generate-audio: '$tool' is missing (apt-get install -y espeak-ng sox jq)" >&2; exit 2; }
done

# espeak-ng voice per flow locale; extend when the flow gains a locale.
voice_for() {
  case "$1" in
    en-US) echo "en-us" ;;
    en-GB) echo "en-gb" ;;
    es-US|es-MX) echo "es-419" ;;
    es-ES) echo "es" ;;
    fr-*) echo "fr" ;;
    de-*) echo "de" ;;
    *) echo "${1%%-*}" ;;
  esac
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

made=0; kept=0
# One line per prompt: locale <TAB> file <TAB> text (texts are single-line in the flow).
while IFS=$'\t' read -r locale file text; do
  case "$file" in
    ""|/*|*..*) echo "generate-audio: skipping unsafe file name '$file' ($locale)" >&2; continue ;;
  esac
  target="$out/$locale/$file"
  if [ -f "$target" ] && [ "$force" != "1" ]; then
    kept=$((kept + 1)); continue
  fi
  mkdir -p "$(dirname "$target")"
  # -s 150: a little slower than the default, easier to follow on a phone line.
  espeak-ng -v "$(voice_for "$locale")" -s 150 -w "$tmp/raw.wav" -- "$text"
  # Telephone format with a touch of silence at both ends so the first syllable is not clipped.
  # Normalised to -3 dBFS first: espeak peaks at full scale and the resampler would clip.
  # -R: repeatable dither, so re-running on unchanged texts leaves git clean.
  sox -R "$tmp/raw.wav" -r 8000 -c 1 -e mu-law "$target" gain -n -3 pad 0.15 0.25
  made=$((made + 1))
  echo "  $locale/$file"
done < <(jq -r '.prompts | to_entries[] | .key as $l | .value | to_entries[] | [$l, .value.file, .value.text] | @tsv' "$flow")

echo "generate-audio: $made recorded, $kept kept (FORCE=1 re-records) in $out"
