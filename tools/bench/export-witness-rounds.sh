#!/usr/bin/env bash
# usage: tools/bench/export-witness-rounds.sh JAR WORKDIR PORT WITNESS_PORT ROUNDS
# Runs the demo (JAR: app/target/tandem.jar, data under WORKDIR) with one witness (`tandem witness serve`;
# with WITNESS_DELAY_MS set, behind a proxy that answers each request that much later, as a witness far
# away), exports the demo incident ROUNDS + 1 times (the first a warm-up; the log moved before each by an
# evidence request), prints the wall time of each export call and the witness requests it caused (lines
# of the witness's witness.log), and verifies the last bag with the witness's key. docs/benchmarks.md.
# Needs a JDK 25 `java` on the PATH, curl and python3.
set -euo pipefail
jar=$(readlink -f "$1") d=$2 port=$3 wport=$4 rounds=$5
name=$(basename "$d")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$d"
S=http://127.0.0.1:$port
wait_for() { for i in $(seq 1 600); do grep -q "$1" "$2" 2>/dev/null && return 0; sleep 1; done; echo "timeout waiting for $1 in $2"; return 1; }
java -jar $jar demo --data-dir "$d"/demo --port $port > "$d"/demo-1.log 2>&1 & pid=$!
wait_for "export S=" "$d"/demo-1.log
key=$(curl -s $S/api/v1/ledger/key)
kill $pid; wait $pid || true
java -jar $jar witness serve --data-dir "$d"/witness --port $wport --log "$key" > "$d"/witness.out 2>&1 & wpid=$!
wait_for "witness " "$d"/witness.out; sleep 2
wkey=$(grep -o "witness [^ ]*+[0-9a-f]*+[A-Za-z0-9+/=]*" "$d"/witness.out | head -1 | cut -d' ' -f2)
echo "witness key: $wkey"
wurl=http://127.0.0.1:$wport
if [ -n "${WITNESS_DELAY_MS:-}" ]; then
  python3 "$here/witness-delay-proxy.py" $((wport + 100)) $wurl $WITNESS_DELAY_MS & ppid=$!
  wurl=http://127.0.0.1:$((wport + 100)); echo "witness behind a proxy answering after $WITNESS_DELAY_MS ms"
fi
TANDEM_WITNESSES="$wurl $wkey" java -jar $jar demo --data-dir "$d"/demo --port $port > "$d"/demo-2.log 2>&1 & pid=$!
wait_for "export S=" "$d"/demo-2.log
I=$(grep -o "export S=[^ ]* I=[^ ]*" "$d"/demo-2.log | head -1 | sed 's/.* I=//')
AUDITOR=$(grep -o "AUDITOR=[^ ]*" "$d"/demo-2.log | head -1 | cut -d= -f2)
wlines() { grep -c "" "$d"/witness/witness.log 2>/dev/null || echo 0; }
for r in $(seq 0 $rounds); do
  curl -s -o /dev/null -X POST -H "Authorization: Bearer $AUDITOR" -H 'Content-Type: application/json' \
    --data "{\"text\":\"the VPN logs, round $r\",\"controls\":[\"CC7.2\"]}" $S/api/v1/incidents/$I/evidence-requests
  sleep 2
  before=$(wlines)
  t=$(curl -s -o "$d"/bag-$r.zip -w '%{http_code} %{time_total}' -H "Authorization: Bearer $AUDITOR" $S/api/v1/incidents/$I/export)
  after=$(wlines)
  echo "$name export $r: http/time_s $t, witness requests $((after - before))$([ $r = 0 ] && echo ' (warm-up)')"
done
java -jar $jar verify "$d"/bag-$rounds.zip --key "$key" --witness-key "$wkey" > "$d"/verify.out 2>&1 && echo "verify: exit 0" || echo "verify: exit $?"
cat "$d"/verify.out
unzip -l "$d"/bag-$rounds.zip | tail -1
kill $pid $wpid ${ppid:-}; wait $pid $wpid ${ppid:-} 2>/dev/null || true
