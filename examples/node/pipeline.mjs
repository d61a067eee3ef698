// Upper-cases stdin to stdout with stream.pipeline, which carries backpressure through every
// stage. bpharness: bounded.
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { upper } from './upper.mjs';

await pipeline(
  process.stdin,
  new Transform({ transform(chunk, _encoding, callback) { callback(null, upper(chunk)); } }),
  process.stdout,
);
