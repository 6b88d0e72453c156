#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, then runs every test.
# Real tools only: ffmpeg publishes and probes, Debian's Chromium runs the players.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
# GStreamer's rtmp2sink is a second real RTMP encoder with its own publish flow.
command -v gst-launch-1.0 >/dev/null 2>&1 || missing+=(gstreamer1.0-tools)
gst-inspect-1.0 rtmp2sink >/dev/null 2>&1 || missing+=(gstreamer1.0-plugins-bad gstreamer1.0-plugins-good)
gst-inspect-1.0 x264enc >/dev/null 2>&1 || missing+=(gstreamer1.0-plugins-ugly)
# yt-dlp is the one offline HDS (f4m) client: it downloads the origin's HDS output.
command -v yt-dlp >/dev/null 2>&1 || missing+=(yt-dlp)
# nginx's proxy_cache is the CDN edge of the CDN test (cdn-cache.test.ts).
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"
  # The package starts nginx on port 80; the tests run their own on loopback only.
  if [[ " ${missing[*]} " == *" nginx-light "* ]]; then
    $sudo service nginx stop >/dev/null 2>&1 || $sudo pkill -x nginx || true
  fi
fi

npm ci --no-audit --no-fund
npm test
