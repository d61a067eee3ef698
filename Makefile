# The two commands of the README. Each installs what is missing, configures, builds, then runs.
BUILD ?= build
JOBS ?= 2
CMAKE_FLAGS ?=

.PHONY: deps build run test bench clean

deps:
	./scripts/install-deps

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j$(JOBS)

run: build
	$(BUILD)/bpharness run scenarios/ --out $(BUILD)/reports

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

# Benchmarks: a Release build of their own (CI never builds them), then every measurement.
BENCH_BUILD ?= build-bench
bench: deps
	cmake -S . -B $(BENCH_BUILD) -DCMAKE_BUILD_TYPE=Release -DBP_BUILD_BENCH=ON -DBP_BUILD_TESTS=OFF $(CMAKE_FLAGS)
	cmake --build $(BENCH_BUILD) -j$(JOBS)
	BENCH_BUILD=$(BENCH_BUILD) bench/run-all.sh

clean:
	rm -rf $(BUILD)
