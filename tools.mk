# Pinned tool versions: the one place the Makefile and CI read them from.
# Trunk.toml's [tools] must name the same wasm-bindgen and binaryen releases.
TRUNK_VERSION := 0.21.14
WASM_BINDGEN_VERSION := 0.2.130
BINARYEN_VERSION := 132.0.0
GECKODRIVER_VERSION := 0.37.1
