#!/usr/bin/env bash
# Fetch the jars of StreamDesk's native stack (ZooKeeper, Kafka, Kafka Connect, Flink, Apicurio Registry) from Maven Central.
#   bash compose/native/fetch-jars.sh                 # every component
#   bash compose/native/fetch-jars.sh flink kafka-zk  # only these
#   FORCE=1 bash compose/native/fetch-jars.sh         # re-copy even when present
# Each component's pom is poms/<name>.xml; its jars land in lib/<name>/ (gitignored). A distribution that
# Maven Central ships as a tar.gz (the registry's Quarkus app, Debezium's plugin) is unpacked there instead. A Connect
# worker's plugins (connect-file, connect-mirror) are moved to lib/<name>/plugins/<plugin>/: the worker copies them into
# its plugin.path, and a plugin on the worker classpath would not be isolated. debezium-postgres is only fetched when named.
# Idempotent: a component whose lib folder was filled from its current pom is skipped.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
all=(zookeeper kafka-zk kafka-kraft connect-zk connect-kraft flink registry)
if [ "$#" -gt 0 ]; then comps=("$@"); else comps=("${all[@]}"); fi
command -v mvn >/dev/null || { echo "fetch-jars: mvn (Maven 3) is needed: apt-get install -y maven" >&2; exit 1; }

# the main artifact whose presence proves a component's folder is complete for the pinned version
marker() {
  local pom="$here/poms/$1.xml" prop
  case "$1" in
    zookeeper)   prop=zookeeper.version; echo "zookeeper-$(sed -n "s:.*<$prop>\(.*\)</$prop>.*:\1:p" "$pom").jar" ;;
    kafka-zk|kafka-kraft) prop=kafka.version; echo "kafka_2.13-$(sed -n "s:.*<$prop>\(.*\)</$prop>.*:\1:p" "$pom").jar" ;;
    flink)       prop=flink.version; echo "flink-runtime-web-$(sed -n "s:.*<$prop>\(.*\)</$prop>.*:\1:p" "$pom").jar" ;;
    registry)    prop=apicurio.version; echo "app/apicurio-registry-app-$(sed -n "s:.*<$prop>\(.*\)</$prop>.*:\1:p" "$pom").jar" ;;
    connect-zk|connect-kraft) prop=kafka.version; echo "connect-runtime-$(sed -n "s:.*<$prop>\(.*\)</$prop>.*:\1:p" "$pom").jar" ;;
    debezium-postgres) prop=debezium.version; echo "debezium-connector-postgres/debezium-connector-postgres-$(sed -n "s:.*<$prop>\(.*\)</$prop>.*:\1:p" "$pom").jar" ;;
  esac
}

for c in "${comps[@]}"; do
  pom="$here/poms/$c.xml"
  [ -f "$pom" ] || { echo "fetch-jars: unknown component '$c' (known: ${all[*]})" >&2; exit 2; }
  out="$here/lib/$c"
  m="$(marker "$c")"
  sum="$(sha256sum "$pom" | cut -d' ' -f1)"
  # up to date when the folder was filled from this exact pom
  if [ -z "${FORCE:-}" ] && [ -f "$out/$m" ] && [ "$(cat "$out/.complete" 2>/dev/null)" = "$sum" ]; then
    continue
  fi
  echo "fetch-jars: $c -> lib/$c" >&2
  rm -rf "$out.tmp"
  mvn -q -B -Dstyle.color=never -f "$pom" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$out.tmp" -Dmdep.overWriteReleases=false 2>&1 \
    | sed -e 's/\x1b\[[0-9;]*m//g' | { grep -v '^$' || true; } >&2
  # a distribution archive (the registry): its tree is the component's folder
  for archive in "$out.tmp"/*.tar.gz; do
    [ -f "$archive" ] || continue
    tar -xzf "$archive" -C "$out.tmp" && rm -f "$archive"
  done
  # a Connect worker's bundled plugins: out of its classpath, one folder per plugin
  case "$c" in connect-*)
    mkdir -p "$out.tmp/plugins/connect-file" "$out.tmp/plugins/connect-mirror"
    mv "$out.tmp"/connect-file-*.jar "$out.tmp/plugins/connect-file/"
    mv "$out.tmp"/connect-mirror-*.jar "$out.tmp/plugins/connect-mirror/" ;;
  esac
  [ -f "$out.tmp/$m" ] || { echo "fetch-jars: $c: $m was not fetched" >&2; exit 1; }
  rm -rf "$out"
  mv "$out.tmp" "$out"
  echo "$sum" > "$out/.complete"
done
