#!/bin/sh
# Not Node: an awk program that keeps every line it reads and writes them all at the end, as a
# program that loads its whole input before answering does. Its memory grows with its input,
# however slowly stdout is read. bpharness: grows.
exec awk '{ lines[NR] = $0 } END { for (i = 1; i <= NR; i++) print lines[i] }'
