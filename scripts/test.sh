#!/usr/bin/env bash
# `npm test`: every check and every test on real parts. Prints `N passed, N failed` last.
#   prerequisites → lint + format + unused exports + typecheck + Electron audit → build → Maven jars (first run only) → vitest (unit + integration on a real
#   native stack) → fault injection → Playwright e2e in Debian's Chromium against `streamdesk serve`.
# A missing prerequisite is named at the start with the command that installs it; what can run without it runs, and
# the rest counts as failed.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
rm -f reports/vitest.json reports/faults-vitest.json reports/faults.json reports/playwright.json reports/summary.txt
failed_steps=()

step() {
  local name="$1"; shift
  echo "==> $name"
  if ! "$@"; then failed_steps+=("$name"); return 1; fi
}

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=() packages=()
[ -x "$chromium" ] || { missing+=("Chromium at $chromium (the e2e tests' browser)"); packages+=(chromium); }
command -v kcat >/dev/null || { missing+=("kcat (the independent client the tests check against)"); packages+=(kcat); }
command -v java >/dev/null || { missing+=("Java 17+ (runs the local stack)"); packages+=(openjdk-17-jre-headless); }
command -v mvn >/dev/null || { missing+=("Maven (fetches the local stack's jars)"); packages+=(maven); }
# A real PostgreSQL (server and psql) that the Debezium test starts itself (test/stack/postgres.ts).
if ! { command -v initdb >/dev/null || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; } || ! command -v psql >/dev/null; then
  missing+=("PostgreSQL's server and psql (the Debezium test starts its own database)"); packages+=(postgresql)
fi
# The stack's Schema Registry (Apicurio Registry 3) needs a JDK 21+; the tests that use it and the e2e run need it.
has_java21() {
  local release version
  for release in "${STREAMDESK_JAVA21_HOME:-/nonexistent}/release" "${JAVA_HOME:-/nonexistent}/release" /usr/lib/jvm/*/release; do
    [ -f "$release" ] || continue
    version="$(sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$release")"
    [ -n "$version" ] && [ "$version" -ge 21 ] && return 0
  done
  return 1
}
if ! has_java21; then
  missing+=("a JDK 21 or newer under /usr/lib/jvm, or named by STREAMDESK_JAVA21_HOME (the local stack's Schema Registry; the e2e run needs it)")
  failed_steps+=("prerequisite missing: a JDK 21+")
fi
if [ "${#missing[@]}" -gt 0 ]; then
  {
    echo "npm test: missing prerequisites:"
    for item in "${missing[@]}"; do echo "  - $item"; done
    [ "${#packages[@]}" -eq 0 ] || echo "Install them with: sudo apt-get install -y ${packages[*]}   (Debian/Ubuntu; other systems: the same packages from their package manager)"
    echo "Running what can run without them; the rest counts as failed."
  } >&2
  for package in "${packages[@]}"; do failed_steps+=("prerequisite missing: $package"); done
fi
has() { [[ " ${packages[*]-} " != *" $1 "* ]]; }

step lint npx eslint . --max-warnings=0
step format npx prettier --check .
# no export nobody imports (knip.json names the entry points)
step exports npx knip --include exports,types
step typecheck npm run -s typecheck
# Electronegativity: no finding above LOW in main/preload/renderer (accepted ones are justified in scripts/audit-electron.config.json).
step audit-electron npm run -s audit:electron
step build npm run -s build || { node scripts/summarize-reports.js "${failed_steps[@]}"; exit 1; }

# The stack needs Java and its jars (Maven fetches them once); without them only the unit tests can run.
stack_ready=false
if has openjdk-17-jre-headless && step jars bash -c "bash compose/native/fetch-jars.sh && bash compose/jmx-exporter/fetch-agent.sh"; then stack_ready=true; fi

if $stack_ready; then
  step vitest npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
  # kill -9 on real stacks; writes reports/faults.json (faults injected, survived, records lost) besides its test report.
  step faults npm run -s test:faults -- --reporter=default --reporter=json --outputFile.json=reports/faults-vitest.json
  has chromium && step e2e npx playwright test
else
  echo "==> no local stack here: unit and renderer tests only (integration, fault and e2e tests count as failed)" >&2
  step vitest npx vitest run --project unit --project renderer --reporter=default --reporter=json --outputFile.json=reports/vitest.json
fi

node scripts/summarize-reports.js "${failed_steps[@]}"
