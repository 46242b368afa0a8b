#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 with a real Node extension host) for the
# real-VS-Code tests (test/editors/vscode.test.ts). Recipe: TESTING.md §1.1.
# Usage: scripts/install-code-server.sh [prefix]
# Without a prefix it installs into ${XDG_CACHE_HOME:-~/.cache}/aks-netlint/code-server-4.100.3 and
# links .code-server/ in the repository to it: the tests look there, and @vscode/vsce, which walks
# every folder of the repository except the top node_modules/ before applying .vscodeignore, does
# not follow the link (the 40 000 files of code-server cost every `vsce package` about 6 s of CPU
# when they sit inside the repository). The cache also survives `git clean -fdx`.
# Idempotent: returns at once when that version is already there. It is not a devDependency on
# purpose: `npm ci` would rebuild VS Code's native modules (about a minute) on every install.
set -euo pipefail
VERSION=4.100.3
RIPGREP_PKG=1.15.11   # @vscode/ripgrep in code-server's lib/vscode/npm-shrinkwrap.json
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
REPO="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -ge 1 ]; then
  PREFIX="$1"; LINK=
else
  PREFIX="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/aks-netlint/code-server-$VERSION"; LINK="$REPO/.code-server"
fi

installed() { [ -x "$1/node_modules/.bin/code-server" ] && "$1/node_modules/.bin/code-server" --config /dev/null --version 2>/dev/null | grep -q "^$VERSION "; }
link() {
  [ -z "$LINK" ] && return
  [ -L "$LINK" ] || rm -rf "$LINK"   # a folder left by an older install
  ln -sfn "$PREFIX" "$LINK"
}
if installed "${LINK:-$PREFIX}"; then
  echo "code-server $VERSION already in ${LINK:-$PREFIX}"
  exit 0
fi
if installed "$PREFIX"; then
  link
  echo "code-server $VERSION already in $PREFIX"
  exit 0
fi

# chromium drives the workbench (playwright-core); ripgrep stands in for @vscode/ripgrep's GitHub
# download; libkrb5-dev has the gssapi headers the `kerberos` native module builds against.
missing=()
for pkg in chromium ripgrep libkrb5-dev; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub, unless it finds the asset in
# $TMPDIR/vscode-ripgrep-cache-<version>/: seed that with Debian's rg.
RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RIPGREP_PKG"
mkdir -p "$RG_CACHE"
tar -C "$(dirname "$(command -v rg)")" -czf "$RG_CACHE/$RIPGREP_ASSET" rg

mkdir -p "$PREFIX"
cd "$PREFIX"
[ -f package.json ] || echo '{"name":"code-server-host","private":true}' > package.json
# unsafe_perm: code-server's postinstall refuses to run as root without it (npm 11 warns it does
# not know the setting; harmless). yes: node-pty's postinstall runs `npx node-gyp`, which would
# otherwise ask (and cancel) where ~/.npmrc says yes=false.
npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --loglevel=error "code-server@$VERSION"
"$PREFIX/node_modules/.bin/code-server" --config /dev/null --version
link
