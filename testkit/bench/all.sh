#!/usr/bin/env bash
# Takes every figure of PERFORMANCE.md in one run, in the order its tables
# use them, and keeps the output beside the load average before and after:
#
#	testkit/bench/all.sh [LOG]     (default: bench-YYYYMMDD-HHMM.log)
#
# Run it from a clean checkout with ../shared beside it (the real-file
# figures need its corpus: ITBCHECK_REQUIRE_SHARED=1 makes them fail
# rather than skip), on a machine doing nothing else. It takes about 15
# minutes on 2 cores, most of it the Apple Health export of 2 GB and the
# 64x team. A failed benchmark (a target missed: BenchmarkPeakRSS and
# BenchmarkAppleHealthStream assert theirs) is reported at the end; the
# other steps still run.
set -uo pipefail
cd "$(dirname "$0")/../.."
log=${1:-bench-$(date -u +%Y%m%d-%H%M).log}
export ITBCHECK_REQUIRE_SHARED=1
failed=()

step() {
	local name=$1
	shift
	echo "== $name: $*" | tee -a "$log"
	if ! "$@" 2>&1 | tee -a "$log"; then
		failed+=("$name")
	fi
}

{
	echo "== start $(date -u +%FT%TZ)"
	go version
	nproc
	grep -m1 'model name' /proc/cpuinfo || true
	echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$log"

# FIT (TypedDecode ... CLI), TCX/GPX/CSV (Format*: x_fit_cpu), FITPerMB
# (x_typed_cpu, real_vs_generated_cpu), ZipJobs (x_jobs1), PeakRSS (x_1x),
# CLIFolder, RunHeap, and the Apple Health export of 256 MB.
step main go test -run '^$' -bench . -benchmem -count 2 -timeout 60m ./testkit/bench/
# The XML scanner alone against encoding/xml's tokenizer.
step xmlscan go test -run '^$' -bench 'XMLScan' -benchmem ./ingest/
# The Apple Health export of 2 GB (the second row of its table).
step apple2048 env ITBCHECK_BENCH_APPLE_MB=2048 go test -run '^$' -bench AppleHealthStream -benchtime 1x -timeout 30m ./testkit/bench/
# The reference rows: tormoder/fit (its own module) and Garmin's JS SDK.
step tormoder bash -c 'cd testkit/bench/tormoder && go test -run "^$" -bench . -count 2'
step fitsdk bash -c 'cd testkit/bench/fitsdk && npm install --no-audit --no-fund >/dev/null && node decode.mjs'

echo "== end $(date -u +%FT%TZ), load average: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
if ((${#failed[@]})); then
	echo "== failed: ${failed[*]} (see $log)" | tee -a "$log"
	exit 1
fi
echo "== all figures in $log"
