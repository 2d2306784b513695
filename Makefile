# Parent Bridge. The two commands of the README's Quick start are `make run`
# and `make test`; each installs whatever is missing first.

.PHONY: run test setup cluster test-cluster bench-scale size bench-sync bench-http bench-dashboard bench-report bench-props bench-faults bench-load lighthouse size-breakdown fmt clean-data

## Build (optimised), load the demo data and serve on http://127.0.0.1:3000
run:
	scripts/run.sh

## Every check and test, as CI runs them
test:
	scripts/test.sh

## PostgreSQL primary + streaming replica, two app servers and HAProxy on http://127.0.0.1:3000 (Ctrl-C stops all)
cluster:
	scripts/cluster.sh

## The scaled-out topology's tests alone (make test runs them too)
test-cluster:
	scripts/test-cluster.sh

## 10,000 pairs and 1,000,000 logs on PostgreSQL through make cluster: manager's home, report, 200 mentors syncing on one and two servers
bench-scale:
	scripts/bench-scale.sh

## Install the tools only
setup:
	scripts/setup.sh --test --release

## Bytes (raw and brotli) of the mentor's first load and of every lazily loaded part
size:
	scripts/size.sh

## Requests per second, p50, p99 and errors of a static file and three pages (wrk)
bench-http:
	scripts/bench-http.sh

## LCP, CLS, total blocking time and bytes of three pages (Lighthouse, mobile)
lighthouse:
	scripts/lighthouse.sh

## What the browser's wasm is made of, by crate (twiggy, before the split)
size-breakdown:
	scripts/setup.sh --release --bench && scripts/build-release.sh >/dev/null && \
	  scripts/wasm-breakdown.py target/front/wasm32-unknown-unknown/wasm-release/frontend_split.wasm 30

## The manager's home with 2,000 pairs and 100,000 logs, and the log search, on SQLite and PostgreSQL
bench-dashboard:
	scripts/bench-dashboard.sh

## The programme report of 500 pairs and 20,000 logs, on SQLite and PostgreSQL: read, computed, PDF, Word
bench-report:
	scripts/bench-report.sh

## Over a million property cases: every form and sync payload, and sync batches through the server
bench-props:
	scripts/bench-props.sh

## 100 network cuts and a SIGKILL of the server while a phone syncs: logs lost and duplicated
bench-faults:
	scripts/bench-faults.sh

## 200 mentors syncing for 60 s on SQLite beside a login flood from ever new addresses: requests, errors, p50 and p99
bench-load:
	scripts/bench-load.sh

## Sync 1,000 logs from a browser's outbox through the real sync path
bench-sync:
	scripts/bench-sync.sh

fmt:
	cargo fmt --all

## Delete the local SQLite database (demo data included)
clean-data:
	rm -rf data
