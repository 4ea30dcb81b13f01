# Stop CBT Task panel. `make run` serves it against zstack-sim; `make test`
# runs every test. Both install what is missing first and say so.
include tools.mk

PORT ?= 8080
CARGO_BIN := $(HOME)/.cargo/bin
NODE_BIN := $(CURDIR)/node_modules/.bin
export PATH := $(NODE_BIN):$(CARGO_BIN):$(PATH)
CHROMEDRIVER ?= /usr/bin/chromedriver
GECKODRIVER ?= $(CARGO_BIN)/geckodriver
export GECKODRIVER

.PHONY: run dev test dist mount-profile clients setup-python size-check setup setup-rust check-pins setup-node setup-browser fmt lint unit wasm-test e2e screenshots bench sim size clean

run: dist
	@echo "==> Starting zstack-sim with the panel on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	cargo run --release -q -p zstack-sim -- --port $(PORT) --dist dist

# Working on the panel: a debug build (no wasm-opt) served by `trunk serve`,
# rebuilt and reloaded on every save, its API calls handed to zstack-sim
# on port 8081 (Trunk.toml's proxy).
DEV_SIM_PORT := 8081

dev: setup-rust setup-node
	@echo "==> Building zstack-sim"
	cargo build -q -p zstack-sim
	@echo "==> Serving the panel on http://127.0.0.1:$(PORT)/ with zstack-sim behind /zstack/ (port $(DEV_SIM_PORT)); saving a file rebuilds and reloads it; Ctrl-C stops both"
	@target/debug/zstack-sim --port $(DEV_SIM_PORT) --job-delay-ms 1500 & sim=$$!; \
	  trap 'kill $$sim 2>/dev/null' EXIT INT TERM; \
	  trunk serve --offline --port $(PORT) --address 127.0.0.1

test: setup fmt lint unit clients wasm-test e2e size-check
	@echo "==> All tests passed"

dist: setup-rust setup-node
	@echo "==> Building dist/ (trunk build --release)"
	trunk build --release --offline
	@$(MAKE) -s size

# The shipped total: gzip -9 of every html, js, wasm and css file in dist/.
# A figure, not a target; `make test` only guards against a regression
# (such as a crate that pulls in Unicode tables or a regex engine). Raised
# from 350,000 when the summary line became a LocalResource in a
# Transition (+15 KB: Leptos' async derived values and suspense boundary;
# no difference a person feels in `make bench`, docs/performance.md).
SIZE_GUARD := 360000

size:
	@total=0; for f in dist/*.html dist/*.js dist/*.wasm dist/*.css; do \
	  n=$$(gzip -9c "$$f" | wc -c); total=$$((total + n)); printf '    %-48s %7d B gzip\n' "$$f" "$$n"; done; \
	  echo "    total shipped: $$total B gzip"

size-check: dist
	@total=0; for f in dist/*.html dist/*.js dist/*.wasm dist/*.css; do \
	  total=$$((total + $$(gzip -9c "$$f" | wc -c))); done; \
	  if [ $$total -gt $(SIZE_GUARD) ]; then \
	    echo "==> Size: $$total B gzip shipped, over the $(SIZE_GUARD) B guard"; exit 1; fi; \
	  echo "==> Size: $$total B gzip shipped (guard $(SIZE_GUARD) B)"

setup: setup-rust setup-node setup-browser

setup-rust: check-pins
	@rustup target list --installed | grep -q wasm32-unknown-unknown || { \
	  echo "==> Installing Rust $$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml) with the wasm32 target (rust-toolchain.toml)"; \
	  rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install; rustup target add wasm32-unknown-unknown; }
	@trunk --version 2>/dev/null | grep -q "$(TRUNK_VERSION)" || { \
	  echo "==> Installing Trunk $(TRUNK_VERSION) (about 6 minutes, once)"; \
	  cargo install trunk --version $(TRUNK_VERSION) --locked; }
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || { \
	  echo "==> Installing wasm-bindgen CLI $(WASM_BINDGEN_VERSION) (about 4 minutes, once)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); }
	@grep -A1 'name = "wasm-bindgen"' Cargo.lock | grep -q '"$(WASM_BINDGEN_VERSION)"' || { \
	  echo "Cargo.lock's wasm-bindgen differs from tools.mk's $(WASM_BINDGEN_VERSION)"; exit 1; }

# Every pinned version has one source (tools.mk, rust-toolchain.toml);
# the other places that name one must agree with it.
check-pins:
	@grep -A1 'name = "wasm-bindgen"' Cargo.lock | grep -q '"$(WASM_BINDGEN_VERSION)"' || { \
	  echo "Cargo.lock's wasm-bindgen differs from tools.mk's $(WASM_BINDGEN_VERSION)"; exit 1; }
	@grep -q 'wasm_bindgen = "$(WASM_BINDGEN_VERSION)"' Trunk.toml || { \
	  echo "Trunk.toml's wasm_bindgen differs from tools.mk's $(WASM_BINDGEN_VERSION)"; exit 1; }
	@grep -q 'wasm_opt = "version_$(firstword $(subst ., ,$(BINARYEN_VERSION)))"' Trunk.toml || { \
	  echo "Trunk.toml's wasm_opt differs from tools.mk's binaryen $(BINARYEN_VERSION)"; exit 1; }
	@grep -q '"binaryen": "$(BINARYEN_VERSION)"' package.json || { \
	  echo "package.json's binaryen differs from tools.mk's $(BINARYEN_VERSION)"; exit 1; }
	@grep -q '"=$(WASM_BINDGEN_VERSION)"' Cargo.toml || { \
	  echo "Cargo.toml's wasm-bindgen differs from tools.mk's $(WASM_BINDGEN_VERSION)"; exit 1; }

setup-node:
	@test -x $(NODE_BIN)/wasm-opt -a -d node_modules/webdriverio -a -d node_modules/@axe-core/webdriverio -a -d node_modules/playwright-core -a -d node_modules/@axe-core/playwright -a -d node_modules/swagger-ui-dist || { \
	  echo "==> Installing npm packages (binaryen's wasm-opt, WebdriverIO and playwright-core with axe-core, swagger-ui-dist for the bench)"; \
	  npm ci --no-audit --no-fund; }

setup-browser:
	@test -x /usr/bin/chromium -a -x /usr/bin/chromedriver -a -x /usr/bin/firefox-esr || { \
	  echo "==> Installing Debian's Chromium, ChromeDriver and Firefox ESR"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver firefox-esr; }
	@test -x /usr/bin/WebKitWebDriver -a -x /usr/bin/xvfb-run || { \
	  echo "==> Installing Debian's WebKitGTK WebDriver (with its MiniBrowser) and Xvfb"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q webkit2gtk-driver xvfb; }
	@$(GECKODRIVER) --version 2>/dev/null | grep -q "$(GECKODRIVER_VERSION)" || { \
	  echo "==> Installing geckodriver $(GECKODRIVER_VERSION) (about 3 minutes, once)"; \
	  cargo install geckodriver --version $(GECKODRIVER_VERSION) --locked; }

fmt:
	@echo "==> cargo fmt --check"
	cargo fmt --all -- --check

lint: setup-rust
	@echo "==> clippy (host and wasm32)"
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p cbt-panel --all-targets --target wasm32-unknown-unknown -- -D warnings

unit:
	@echo "==> Native tests (protocol layer and zstack-sim over HTTP)"
	cargo test --workspace

# Real clients of the management node's RPC API against zstack-sim: PyPI's
# zstack-mcp-server, pinned, in a venv of its own (target/py).
PY_VENV := target/py
MCP_PINS := zstack-mcp-server==0.1.7 mcp<2

setup-python:
	@test -f $(PY_VENV)/pins && test "$$(cat $(PY_VENV)/pins)" = "$(MCP_PINS)" || { \
	  echo "==> Installing $(MCP_PINS) in a Python venv ($(PY_VENV), once)"; \
	  rm -rf $(PY_VENV) && python3 -m venv $(PY_VENV) && \
	  $(PY_VENV)/bin/pip install --quiet --disable-pip-version-check $(foreach p,$(MCP_PINS),"$(p)") && \
	  echo "$(MCP_PINS)" > $(PY_VENV)/pins; }

clients: setup-python
	@echo "==> zstack-mcp-server 0.1.7 against zstack-sim's RPC API (log in, QueryCbtTask, DisableCbtTask, log out, a wrong password)"
	cargo build -q -p zstack-sim
	$(PY_VENV)/bin/python tests/clients/mcp_server.py

# The whole wasm suite in each engine, one after the other; all must pass.
# wasm-bindgen-test picks the browser from the driver variable it is given.
wasm-test: setup-rust setup-browser
	@echo "==> wasm-bindgen-test: components in headless Chromium"
	env -u GECKODRIVER CHROMEDRIVER=$(CHROMEDRIVER) cargo test -p cbt-panel --target wasm32-unknown-unknown
	@echo "==> wasm-bindgen-test: components in headless Firefox"
	env -u CHROMEDRIVER GECKODRIVER=$(GECKODRIVER) cargo test -p cbt-panel --target wasm32-unknown-unknown
	@echo "==> wasm-bindgen-test: components in WebKit (WebKitGTK's MiniBrowser through WebKitWebDriver, under Xvfb)"
	env -u CHROMEDRIVER -u GECKODRIVER tools/in-webkit.sh cargo test -p cbt-panel --target wasm32-unknown-unknown

e2e: dist setup-browser
	@echo "==> End-to-end against zstack-sim: the core and an operator in Chromium, Firefox and WebKit through WebdriverIO (core.test.mjs, operator.test.mjs), the rest in Chromium through playwright-core"
	cargo build -q -p zstack-sim
	node --test --test-concurrency=1 tests/e2e/

# Where the first mount's time goes (bench/mount-profile.mjs): a build
# whose wasm keeps its function names (no wasm-opt), profiled in Chromium.
mount-profile: setup-rust setup-node setup-browser
	@echo "==> Building a profiling copy of the panel in target/mount-profile/ (function names kept, no wasm-opt)"
	sed 's/data-wasm-opt="z"/data-wasm-opt="0" data-keep-debug="true"/' index.html > mount-profile.html
	CARGO_TARGET_DIR=target/mount-profile CARGO_PROFILE_RELEASE_STRIP=none trunk build --release --offline --dist target/mount-profile/dist mount-profile.html; \
	  status=$$?; rm -f mount-profile.html; exit $$status
	cargo build -q -p zstack-sim
	node bench/mount-profile.mjs

# Refreshes the README's screenshots (the e2e suite takes them on every run,
# into target/screenshots).
screenshots: dist setup-browser
	cargo build -q -p zstack-sim
	SCREENSHOTS=docs node --test --test-concurrency=1 --test-name-pattern="shows its card|nests in the DOM|finds a task by part|request details list|two or more ask first" tests/e2e/panel.test.mjs tests/e2e/finder.test.mjs tests/e2e/wire.test.mjs tests/e2e/several.test.mjs

# Sizes and timings side by side (the panel, a hand-written floor page in
# bench/vanilla, Swagger UI in bench/swagger), printed and written to
# BENCHMARKS.md; never pass/fail.
bench: dist setup-browser
	cargo build -q -p zstack-sim
	node bench/bench.mjs

clean:
	rm -rf dist target/wasm-opt
