#!/usr/bin/env bash
# Installs every Debian 12 package the build, the tests and the tools need, then the npm
# packages the tests pin (ajv, by its lockfile). Run as root, from anywhere.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends \
  build-essential cmake ninja-build git ca-certificates \
  libyaml-cpp-dev libboost-graph-dev libfmt-dev catch2 nlohmann-json3-dev libcli11-dev libre2-dev \
  python3 python3-jsonschema python3-yaml python3-pexpect \
  python3-dev pybind11-dev python3-pybind11 python3-numpy python3-pandas python3-pytest \
  python3-dask python3-distributed python3-matplotlib python3-tqdm python3-rdflib \
  chromium chromium-driver python3-selenium fonts-noto-cjk
# Node.js and npm for the ajv test: Debian's, unless a Node.js with its own npm is installed
# already (NodeSource's nodejs package ships npm and conflicts with Debian's npm package).
if ! command -v npm > /dev/null || ! command -v node > /dev/null; then
  apt-get install -y --no-install-recommends nodejs npm
fi
# ajv 8 for the form tests (tests/form/ajv/package-lock.json), never fetched at run time.
npm ci --prefix "$(dirname "$0")/../tests/form/ajv" --no-audit --no-fund
