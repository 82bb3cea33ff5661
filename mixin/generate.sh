#!/usr/bin/env bash
# Renders the rule files, the Alertmanager route (files.jsonnet) and the dashboards
# (dashboards.jsonnet) from the mixin into the repository. Needs jsonnet (Debian: apt-get install
# jsonnet). MixinTest fails when the committed files differ from what this writes.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p k8s/alertmanager grafana/dashboards
jsonnet --string --multi . mixin/files.jsonnet
jsonnet --multi . mixin/dashboards.jsonnet
