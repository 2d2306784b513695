# Parent Bridge. The two commands of the README's Quick start are `make run`
# and `make test`; each installs whatever is missing first.

.PHONY: run test setup size bench-sync fmt clean-data

## Build (optimised), load the demo data and serve on http://127.0.0.1:3000
run:
	scripts/run.sh

## Every check and test, as CI runs them
test:
	scripts/test.sh

## Install the tools only
setup:
	scripts/setup.sh --test --release

## Bytes (raw and brotli) of the wasm, js and css of the mentor's first page
size:
	scripts/size.sh

## Sync 1,000 logs from a browser's outbox through the real sync path
bench-sync:
	scripts/bench-sync.sh

fmt:
	cargo fmt --all

## Delete the local SQLite database (demo data included)
clean-data:
	rm -rf data
