#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds onething, and runs the main job on the shipped
# catalog: lint it, run its test cases, and plan the child-birth bundle. Run as root from the
# project root (or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset default
cmake --build --preset default
./build/cli/onething lint
./build/cli/onething test
./build/cli/onething plan --bundle child-birth \
  --fact mother.maternity_insured=true --fact parents.hukou_local=true
