# Pinned tool versions: the one place the Makefile and CI read them from.
# Trunk.toml's [tools] must name the same wasm-bindgen and binaryen releases.
TRUNK_VERSION := 0.21.14
WASM_BINDGEN_VERSION := 0.2.130
BINARYEN_VERSION := 132.0.0
GECKODRIVER_VERSION := 0.37.1
# The release wasm is built by this nightly (the one the machine image
# carries) with its std rebuilt, panics as plain traps and `Debug` compiled
# out: 17 KB gzip less than stable (README, "Size"). Tests and lints stay
# on stable.
NIGHTLY_DATE := 2026-05-20
NIGHTLY_COMMIT_DATE := 2026-05-19
