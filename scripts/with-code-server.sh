#!/usr/bin/env bash
# Runs a command against a fresh, isolated code-server (TESTING.md §1.3).
# Usage: scripts/with-code-server.sh <code-server-bin> <vsix-or-""> <workspace-dir> <port> -- <command...>
# code-server listens on 127.0.0.1:<port> without auth, with its own user-data and extensions
# folders (so nothing of the user's leaks in and the .vsix installs afresh), and settings that keep
# the Welcome page from stealing focus. The command gets CS_URL and CS_STATE (the state folder,
# server.log inside). Afterwards code-server's whole process group is stopped: extension hosts
# outlive the browser otherwise.
set -euo pipefail
CS="$1"; VSIX="$2"; WS="$3"; PORT="$4"; shift 4; [ "${1:-}" = "--" ] && shift
STATE="$(mktemp -d "${TMPDIR:-/tmp}/cs-state.XXXXXX")"
mkdir -p "$STATE/data/User" "$STATE/ext"
cat > "$STATE/data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "workbench.enableExperiments": false,
  "editor.hover.delay": 100,
  "editor.minimap.enabled": false,
  "window.commandCenter": false,
  "chat.commandCenter.enabled": false
}
JSON
COMMON=(--config /dev/null --auth none --bind-addr "127.0.0.1:$PORT" --user-data-dir "$STATE/data" --extensions-dir "$STATE/ext")
if [ -n "$VSIX" ]; then "$CS" "${COMMON[@]}" --install-extension "$VSIX" --force >"$STATE/install.log" 2>&1 || { cat "$STATE/install.log" >&2; exit 1; }; fi
setsid "$CS" "${COMMON[@]}" --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override "$WS" >"$STATE/server.log" 2>&1 &
CS_PID=$!
CMD_PID=
cleanup() {
  [ -z "$CMD_PID" ] || kill "$CMD_PID" 2>/dev/null || true
  kill -- "-$CS_PID" 2>/dev/null || true
  wait "$CS_PID" 2>/dev/null || true
  [ -n "${KEEP_CS_STATE:-}" ] || rm -rf "$STATE"
}
trap cleanup EXIT
# A test runner's timeout sends TERM: stop code-server too, not only this script.
trap 'exit 143' TERM INT
# Node's fetch rather than curl: a CI image need not have curl.
node -e '
  const url = process.argv[1], until = Date.now() + 20000;
  (async () => {
    while (Date.now() < until) {
      try { if ((await fetch(url)).ok) return; } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
    process.exit(1);
  })();' "http://127.0.0.1:$PORT/healthz" || { echo "code-server did not answer on port $PORT within 20 s:" >&2; cat "$STATE/server.log" >&2; exit 1; }
export CS_URL="http://127.0.0.1:$PORT" CS_STATE="$STATE"
# In the background and waited for, so that a TERM reaches the trap at once.
"$@" &
CMD_PID=$!
status=0
wait "$CMD_PID" || status=$?
CMD_PID=
# On failure, code-server's side of the story (extension host errors land there too).
if [ "$status" -ne 0 ]; then echo "--- code-server log (last 40 lines)" >&2; tail -n 40 "$STATE/server.log" >&2; fi
exit "$status"
