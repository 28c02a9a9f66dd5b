#!/usr/bin/env bash
# Load benchmark (not part of the build): POST /predict with real MNIST test images at high
# concurrency while a [784,100,10] job trains on all of MNIST, then (still while it trains,
# after a warm-up of both) the same against
# POST /bench/parse-only (parses the 784 numbers exactly as /predict does, answers a
# constant), the web stack's own ceiling, and POST /v2/models/bench/infer (the Open
# Inference Protocol, the same images as FP32 [1,784] tensors). The service runs with
# -Xmx512m; the heap used is sampled from /actuator/prometheus throughout.
#
#   bench/load.sh                      # after ./mvnw -B package -DskipTests
#   DURATION=60s CONNECTIONS=64 THREADS=2 bench/load.sh
#
# Needs: java, curl, wrk (apt-get install -y wrk). MNIST is read from (or fetched into)
# target/mnist.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${JAR:-target/descent.jar}
PORT=${PORT:-18181}
DURATION=${DURATION:-60s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
BODIES=${BODIES:-50}
TRAIN_EPOCHS=${TRAIN_EPOCHS:-80}
WARMUP=${WARMUP:-30s}
# predict is measured before and after the baseline: the JIT keeps warming up for minutes on 2 cores
# v2 runs right after predict, twice, so that the ratio of the two is measured side by side
RUNS=${RUNS:-predict v2/models/bench/infer bench/parse-only predict v2/models/bench/infer}
WORK=$(mktemp -d -t descent-bench-XXXXXX)
BASE=http://127.0.0.1:$PORT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -f "$JAR" ] || { echo "$JAR is missing: ./mvnw -B package -DskipTests" >&2; exit 1; }

java -Xmx512m -Xlog:gc:file="$WORK/gc.log" \
	-Dserver.port="$PORT" -Ddescent.data-dir="$WORK/data" \
	-Ddescent.mnist.directory="$PWD/target/mnist" \
	-Ddescent.bench.baseline-endpoint=true \
	-jar "$JAR" >"$WORK/service.log" 2>&1 &
SERVICE=$!
SAMPLER=
cleanup() {
	[ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
	kill "$SERVICE" 2>/dev/null || true
	wait "$SERVICE" 2>/dev/null || true
}
trap cleanup EXIT

echo "service pid $SERVICE, work dir $WORK"
until curl -sf "$BASE/actuator/health/readiness" >/dev/null; do
	kill -0 "$SERVICE" 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
	sleep 1
done

json() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p"; }
job() { curl -sf -H 'Content-Type: application/json' -d "$1" "$BASE/jobs" | json id; }
await_job() {
	while :; do
		state=$(curl -sf "$BASE/jobs/$1" | json state)
		case $state in SUCCEEDED) return 0 ;; FAILED|CANCELLED) echo "job $1 $state" >&2; return 1 ;; esac
		sleep 1
	done
}

echo "training the model to serve: bench [784,30,10], 1 epoch on all of MNIST"
await_job "$(job '{"model":"bench","layers":[784,30,10],"epochs":1,"seed":1}')"

mkdir -p "$WORK/bodies" "$WORK/v2-bodies"
for i in $(seq 0 $((BODIES - 1))); do
	pixels=$(curl -sf "$BASE/datasets/mnist/test/$i" | sed 's/.*"pixels":\(\[[^]]*\]\).*/\1/')
	printf '{"model":"bench","pixels":%s}' "$pixels" >"$WORK/bodies/body-$i.json"
	printf '{"inputs":[{"name":"pixels","shape":[1,784],"datatype":"FP32","data":%s}]}' "$pixels" \
		>"$WORK/v2-bodies/body-$i.json"
done
echo "request bodies: $BODIES MNIST test images, $(du -b "$WORK/bodies/body-0.json" | cut -f1) bytes the first"

TRAINING=$(job "{\"model\":\"memory\",\"layers\":[784,100,10],\"epochs\":$TRAIN_EPOCHS,\"seed\":2}")
echo "training while under load: job $TRAINING, [784,100,10], $TRAIN_EPOCHS epochs on all 60000 images"

( while :; do
	curl -sf "$BASE/actuator/prometheus" | awk '/^jvm_memory_used_bytes\{.*area="heap"/ { s += $NF } END { printf "%d\n", s }'
	sleep 1
done >"$WORK/heap.txt" 2>/dev/null ) &
SAMPLER=$!

# the bodies and the field holding the 10 outputs in the answer, by endpoint
bodies() { case $1 in v2/*) echo "$WORK/v2-bodies $BODIES data" ;; *) echo "$WORK/bodies $BODIES output" ;; esac; }
for endpoint in predict bench/parse-only v2/models/bench/infer; do
	echo "warming up POST /$endpoint for $WARMUP (not measured)"
	# shellcheck disable=SC2046
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/predict.lua "$BASE/$endpoint" -- $(bodies "$endpoint") >/dev/null
done
progress() {
	local job
	job=$(curl -sf "$BASE/jobs/$TRAINING")
	echo "training job: $(json state <<<"$job"), epochs completed $(json epochsCompleted <<<"$job")"
}
for endpoint in $RUNS; do
	echo
	progress
	echo "== POST /$endpoint: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (uptime: $(uptime | sed 's/.*load/load/'))"
	# shellcheck disable=SC2046
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/predict.lua "$BASE/$endpoint" -- $(bodies "$endpoint")
	progress
done

if [ "${WAIT_FOR_TRAINING:-1}" = 1 ]; then
	echo
	echo "waiting for the training job to finish (WAIT_FOR_TRAINING=0 to cancel it instead)"
	await_job "$TRAINING" && echo "job $TRAINING SUCCEEDED"
else
	curl -sf -X DELETE "$BASE/jobs/$TRAINING" >/dev/null || true
fi
kill "$SAMPLER"; SAMPLER=
echo
echo "heap used (sum of heap pools, sampled every second): max $(sort -n "$WORK/heap.txt" | tail -1 | awk '{ printf "%.0f MB", $1 / 1048576 }') of -Xmx512m"
echo "OutOfMemoryError lines in the log: $(grep -c OutOfMemoryError "$WORK/service.log" || true)"
echo "GC log: $WORK/gc.log, service log: $WORK/service.log"
