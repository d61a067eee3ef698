#!/usr/bin/env node
// pipeline-bench.js: chunks per second through stream.pipeline(source, k × PassThrough, sink)
// in Node, the same shapes as bench/streams_bench.cc, so the two run side by side.
//
//   node bench/node/pipeline-bench.js [--runs N] [--warmup N] [--chunks N] [--k K] [--chunk BYTES]
//                                     [--json]
//
// --k and --chunk restrict the run to one shape (run-all.sh alternates shapes with the C++).
//
// - source: a Readable (objectMode false) whose read() pushes one preallocated Buffer (the same
//   Buffer every time) until push() returns false or `chunks` are out, then push(null);
// - k PassThrough stages with default options (16 KiB high-water marks);
// - sink: a Writable whose write() calls its callback at once (synchronously);
// - one run is one whole pipeline, from the pipeline() call until its callback.
// Each shape gets `warmup` untimed runs (3 by default: V8 is still speeding up in the second
// and third run of a shape, by up to 2x at k = 0), then `runs` timed runs; prints the median
// chunks/s and every run's rate, per second of CPU time of the whole process (user + system,
// GC threads included: robust on a shared machine) and per second of wall time.
'use strict';

const { Readable, PassThrough, Writable, pipeline } = require('node:stream');

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? Number(process.argv[i + 1]) : fallback;
}

const RUNS = arg('--runs', 5);
const WARMUP = arg('--warmup', 3);
const CHUNKS = arg('--chunks', 1000000); // same as kChunks in streams_bench.cc
const JSON_OUT = process.argv.includes('--json');

function runOnce(k, size) {
  return new Promise((resolve, reject) => {
    const buf = Buffer.alloc(size, 'a');
    let left = CHUNKS;
    const source = new Readable({
      read() {
        while (left > 0) {
          left--;
          if (!this.push(buf)) return;
        }
        this.push(null);
      },
    });
    let received = 0;
    const sink = new Writable({
      write(chunk, encoding, cb) {
        received++;
        cb();
      },
    });
    const streams = [source];
    for (let i = 0; i < k; i++) streams.push(new PassThrough());
    streams.push(sink);
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    pipeline(...streams, (err) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const c = process.cpuUsage(c0);
      const cpuSeconds = (c.user + c.system) / 1e6;
      if (err) reject(err);
      else if (received !== CHUNKS) reject(new Error(`sink received ${received} of ${CHUNKS} chunks`));
      else resolve({ wall: CHUNKS / seconds, cpu: CHUNKS / cpuSeconds });
    });
  });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

async function main() {
  const onlyK = arg('--k', null);
  const onlySize = arg('--chunk', null);
  const shapes = [];
  for (const size of [64, 64 * 1024]) {
    for (const k of [0, 1, 4]) {
      if ((onlyK === null || k === onlyK) && (onlySize === null || size === onlySize)) shapes.push({ k, size });
    }
  }
  const results = [];
  if (!JSON_OUT) {
    console.log(`node ${process.version}, ${CHUNKS} chunks per run, ${WARMUP} warm-up and ${RUNS} ` +
                `timed runs per shape (median)`);
  }
  for (const { k, size } of shapes) {
    for (let w = 0; w < WARMUP; w++) await runOnce(k, size);
    const runs = [];
    for (let r = 0; r < RUNS; r++) runs.push(await runOnce(k, size));
    const cpu = median(runs.map((x) => x.cpu));
    const wall = median(runs.map((x) => x.wall));
    results.push({ k, chunk: size, cpu_chunks_per_s: cpu, wall_chunks_per_s: wall, runs });
    if (!JSON_OUT) {
      const m = (x) => (x / 1e6).toFixed(2);
      console.log(`k=${k} chunk=${String(size).padStart(5)}B  ${m(cpu).padStart(6)}M chunks/cpu-s` +
                  `  ${m(wall).padStart(6)}M chunks/wall-s  (cpu runs: ${runs.map((x) => m(x.cpu)).join(' ')})`);
    }
  }
  if (JSON_OUT) console.log(JSON.stringify({ node: process.version, chunks: CHUNKS, results }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
