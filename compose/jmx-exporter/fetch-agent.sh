#!/usr/bin/env bash
# Puts the Prometheus JMX exporter java agent (Maven Central) where the compose files mount it:
# compose/jmx-exporter/jmx_prometheus_javaagent.jar. The cp-kafka images ship no agent.
set -euo pipefail
VERSION="${JMX_EXPORTER_VERSION:-1.0.1}"
HERE="$(cd "$(dirname "$0")" && pwd)"
TARGET="$HERE/jmx_prometheus_javaagent.jar"
if [[ -s "$TARGET" ]]; then echo "present: $TARGET"; exit 0; fi
mvn -q dependency:copy -Dartifact="io.prometheus.jmx:jmx_prometheus_javaagent:$VERSION" \
  -DoutputDirectory="$HERE" -Dmdep.stripVersion=true
echo "fetched: $TARGET"
