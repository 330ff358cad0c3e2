#!/bin/sh
# Builds camp-language.vsix, with the runtime dependency (vscode-languageclient) inside.
# Needs Node 20+ and the npm registry: npm ci installs the dependencies and npx fetches vsce.
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
# vsce 3.9 is the last line that runs on Node 20; the project has no public repository or licence file yet
npx --yes @vscode/vsce@3.9.2 package --allow-missing-repository --skip-license --out camp-language.vsix
