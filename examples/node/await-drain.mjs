// Upper-cases stdin to stdout, and when write() answers false waits for 'drain' before reading
// on: the reading slows to the pace of stdout. bpharness: bounded.
import { once } from 'node:events';
import { upper } from './upper.mjs';

for await (const chunk of process.stdin) {
  if (!process.stdout.write(upper(chunk))) await once(process.stdout, 'drain');
}
