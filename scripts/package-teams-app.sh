#!/usr/bin/env bash
# Builds the Teams app package (manifest + icons, zipped) to upload in Teams (Apps → Manage your apps → Upload an
# app) or in the Teams admin center. Usage: scripts/package-teams-app.sh <microsoft-app-id> <bot-domain> [out.zip]
#   e.g. scripts/package-teams-app.sh 8f0e5b5a-1c2d-4e3f-9a8b-7c6d5e4f3a2b chatopsbot.example.com
set -euo pipefail

app_id="${1:?usage: $0 <microsoft-app-id> <bot-domain> [out.zip]}"
domain="${2:?usage: $0 <microsoft-app-id> <bot-domain> [out.zip]}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${3:-$root/build/teams/chatopsbot-teams.zip}"

if ! [[ "$app_id" =~ ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ ]]; then
  echo "The Microsoft App ID must be a GUID (Azure Bot → Configuration), not '$app_id'." >&2
  exit 2
fi
if [[ "$domain" == *"/"* || "$domain" == *":"* ]]; then
  echo "Give the bot's host name only, such as chatopsbot.example.com (no scheme, port or path)." >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sed -e "s/{{TEAMS_APP_ID}}/$app_id/g" -e "s/{{BOT_DOMAIN}}/$domain/g" "$root/manifests/teams/manifest.json" > "$work/manifest.json"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/manifest.json"
cp "$root/manifests/teams/color.png" "$root/manifests/teams/outline.png" "$work/"

mkdir -p "$(dirname "$out")"
rm -f "$out"
if command -v zip >/dev/null; then
  (cd "$work" && zip -q -X "$out" manifest.json color.png outline.png)
else
  python3 - "$work" "$out" <<'PY'
import sys, zipfile, os
work, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name in ("manifest.json", "color.png", "outline.png"):
        z.write(os.path.join(work, name), name)
PY
fi
echo "$out"
