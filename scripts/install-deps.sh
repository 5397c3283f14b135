#!/usr/bin/env bash
# Installs the Debian packages LandCarbon's tests and report need (test oracles, CJK font, headless browser).
# Idempotent: packages already present are skipped. Runs as root (CI and developer machines) or through sudo.
set -euo pipefail
PKGS=(
  gdal-bin python3-gdal python3-numpy python3-scipy    # GDAL oracle for rasters, numpy KDE reference
  r-base-core r-cran-quantreg r-cran-spdep r-cran-classint  # quantile regression, spatial statistics, Jenks
  fonts-wqy-zenhei                                     # Chinese labels in maps and charts
  chromium chromium-driver                             # report and viewer browser tests (Selenium)
  afl++                                                # coverage-guided fuzzing (fuzz/run.sh)
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PKGS[@]} packages present"
  exit 0
fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
