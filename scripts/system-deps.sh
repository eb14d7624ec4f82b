#!/usr/bin/env bash
# System packages the tests need beyond Python: Chromium (browser tests), bubblewrap
# (the grading sandbox), PostgreSQL (the large-class gradebook) and git (the Colab
# set-up test). Installs what is missing with apt-get when run as root on Debian/Ubuntu;
# otherwise prints the command to run and fails.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v git >/dev/null 2>&1 || missing+=(git)

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    exit 0
fi
echo "The tests need these system packages: ${missing[*]}" >&2
echo "Install them, e.g.:  sudo apt-get install ${missing[*]}" >&2
exit 1
