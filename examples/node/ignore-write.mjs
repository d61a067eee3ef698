// Upper-cases stdin to stdout, ignoring what write() answers: the leak bpharness looks for.
// When stdout is slower than stdin, every chunk is still read at once and queued in memory
// behind the slow pipe, so memory grows with the gap. bpharness: grows.
import { upper } from './upper.mjs';

for await (const chunk of process.stdin) process.stdout.write(upper(chunk));
