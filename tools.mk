# Pinned tool versions: the one place the Makefile and CI read them from.
# `make check-pins` fails when Cargo.lock (wasm-bindgen), Trunk.toml
# (wasm-bindgen, binaryen) or package.json (binaryen) name another version.
TRUNK_VERSION := 0.21.14
WASM_BINDGEN_VERSION := 0.2.130
BINARYEN_VERSION := 132.0.0
GECKODRIVER_VERSION := 0.37.1
