#!/usr/bin/env bash
# Installs the Debian packages the test suite runs for real (Prometheus's promtool,
# Alertmanager, ClickHouse...), or fails naming what is missing. Tests never skip for lack of a binary.
set -euo pipefail

# binary:package pairs the suite needs.
REQUIRED=(
  "promtool:prometheus"
  "prometheus:prometheus"
  "prometheus-alertmanager:prometheus-alertmanager"
  "amtool:prometheus-alertmanager"
  "docker-compose:docker-compose"
  "chromium:chromium"
  "clickhouse-server:clickhouse-server"
)

missing_packages=()
for pair in "${REQUIRED[@]}"; do
  binary="${pair%%:*}"
  package="${pair##*:}"
  if ! command -v "$binary" >/dev/null 2>&1; then
    [[ " ${missing_packages[*]:-} " == *" $package "* ]] || missing_packages+=("$package")
  fi
done

if [ ${#missing_packages[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "error: missing system packages: ${missing_packages[*]}" >&2
  echo "install them with: sudo apt-get update && sudo apt-get install -y ${missing_packages[*]}" >&2
  exit 1
fi

echo "installing system packages: ${missing_packages[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing_packages[@]}" >/dev/null
