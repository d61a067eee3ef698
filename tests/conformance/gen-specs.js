'use strict';
// Seeded generator of random conformance specs (writable, readable and pipeline modes).
//
//   node gen-specs.js [--seed N] [--writable N] [--readable N] [--pipeline N] [--out DIR]
//
// Defaults: seed 20, 120 writable, 70 readable, 70 pipeline specs, written to specs/random/
// as w000.json, r000.json, p000.json, ... The same seed always gives the same files.
// Every candidate is run twice through oracle.js; it is kept only if both runs print the
// same trace, exit cleanly with nothing on stderr, and end with the closing line
// (`done` / `summary`). Rejected candidates are skipped, and the next one is drawn.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const seed = Number(opt('seed', 20));
const counts = { w: Number(opt('writable', 120)), r: Number(opt('readable', 70)), p: Number(opt('pipeline', 70)) };
const outDir = path.resolve(opt('out', path.join(__dirname, 'specs', 'random')));
const oracle = path.join(__dirname, 'oracle.js');

// mulberry32: small, fast, deterministic.
function rng(s) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(seed);
const chance = (p) => rand() < p;
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
// weights: {name: weight}
function weighted(weights) {
  const entries = Object.entries(weights).filter(([, w]) => w > 0);
  let x = rand() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [name, w] of entries) if ((x -= w) < 0) return name;
  return entries[entries.length - 1][0];
}

const SIZES = [0, 1, 1, 2, 3, 4, 5, 9, 10, 17, 64, 200];
const STRINGS = ['', 'a', 'abc', '€€', null];

// ---- writable -----------------------------------------------------------------------------

function genWritable() {
  const spec = { mode: 'writable' };
  if (chance(0.8)) spec.hwm = pick([0, 1, 2, 3, 4, 10, 16, 64, 100]);
  if (chance(0.3)) spec.objectMode = true;
  if (chance(0.2)) spec.decodeStrings = false;
  if (chance(0.3)) spec.autoDestroy = false;
  if (chance(0.15)) spec.emitClose = false;
  if (chance(0.3)) spec.writev = true;
  if (chance(0.5)) spec.final = pick(['none', 'sync', 'hold', 'error']);
  if (chance(0.25)) spec.destroyImpl = pick(['sync', 'hold']);
  if (chance(0.5)) spec.writeMode = pick(['hold', 'hold', 'sync', 'sync-error']);
  const ops = [];
  const n = int(5, 25);
  for (let i = 0; i < n; i++) {
    const kind = weighted({
      write: 30, complete: 18, tick: 10, end: 5, state: 4, cork: 4, uncork: 4, destroy: 3,
      complete_final: spec.final === 'hold' ? 4 : 1, complete_destroy: spec.destroyImpl === 'hold' ? 4 : 1,
      set_write_mode: 3,
    });
    const op = { op: kind };
    if (kind === 'write' || (kind === 'end' && chance(0.3))) {
      if (chance(0.15)) op.chunk = pick(STRINGS);
      else op.size = pick(SIZES);
      if (op.chunk === null && kind === 'end') op.chunk = 'z';
    }
    if ((kind === 'write' || kind === 'end') && chance(0.15)) op.cb = false;
    if (kind === 'complete' && chance(0.15)) op.error = `werr${i}`;
    if ((kind === 'complete_final' || kind === 'complete_destroy') && chance(0.4)) op.error = `cerr${i}`;
    if (kind === 'destroy' && chance(0.5)) op.error = `derr${i}`;
    if (kind === 'set_write_mode') op.mode = pick(['hold', 'sync', 'sync-error']);
    if (kind === 'tick' && chance(0.2)) op.count = int(2, 3);
    ops.push(op);
  }
  spec.ops = ops;
  return spec;
}

// ---- readable -----------------------------------------------------------------------------

function genReadable() {
  const spec = { mode: 'readable' };
  if (chance(0.8)) spec.hwm = pick([0, 1, 2, 4, 6, 10, 16]);
  if (chance(0.35)) spec.objectMode = true;
  if (chance(0.2)) spec.autoDestroy = false;
  if (chance(0.15)) spec.emitClose = false;
  if (chance(0.5)) {
    spec.readMode = 'auto';
    spec.autoCount = int(0, 6);
    spec.autoSize = int(1, 7);
  }
  const ops = [];
  const n = int(5, 25);
  let listeners = 0;
  for (let i = 0; i < n; i++) {
    const kind = weighted({
      push: 25, read: 15, tick: 14, state: 5, pause: 5, resume: 5, destroy: 2,
      on_data: listeners < 2 ? 4 : 0, on_readable: listeners < 2 ? 4 : 0,
    });
    const op = { op: kind };
    if (kind === 'on_data' || kind === 'on_readable') listeners++;
    if (kind === 'push') {
      if (chance(0.1)) op.eof = true;
      else op.size = pick([0, 1, 2, 3, 5, 8]);
    }
    if (kind === 'read' && chance(0.4)) op.n = pick([0, 1, 2, 5, 20]);
    if (kind === 'destroy' && chance(0.5)) op.error = `rerr${i}`;
    if (kind === 'tick' && chance(0.2)) op.count = int(2, 3);
    ops.push(op);
  }
  spec.ops = ops;
  return spec;
}

// ---- pipeline -----------------------------------------------------------------------------

function genPipeline() {
  const spec = { mode: 'pipeline', api: pick(['callback', 'promise']) };
  const n = int(2, 6);
  const items = pick([0, 1, 2, 3, 5, 20]);
  const stages = [{ type: 'readable', items }];
  for (let i = 1; i < n - 1; i++) stages.push({ type: pick(['transform', 'passthrough', 'asyncgen']) });
  stages.push({ type: chance(0.7) ? 'writable' : 'asyncfn' });
  spec.stages = stages;
  if (chance(0.4)) spec.hwm = pick([0, 1, 2, 4]);
  if (chance(0.75)) {
    const stage = int(0, n - 1);
    const type = stages[stage].type;
    const generated = type === 'asyncgen' || type === 'asyncfn';
    const how = generated ? 'throw' : pick(['error', 'destroy', 'destroy-no-error']);
    const at = !generated && how !== 'error' && chance(0.2) ? 0 : int(1, Math.max(1, items + 2));
    spec.inject = { stage, at, how };
  }
  return spec;
}

// ---- keep only clean, deterministic candidates --------------------------------------------

function runOracle(spec) {
  const r = spawnSync(process.execPath, [oracle], { input: JSON.stringify(spec), encoding: 'utf8', timeout: 30000 });
  return { ok: r.status === 0 && r.stderr === '', out: r.stdout };
}

function acceptable(spec) {
  const a = runOracle(spec);
  if (!a.ok) return false;
  const lines = a.out.trim().split('\n');
  const last = JSON.parse(lines[lines.length - 1]);
  if (last.ev !== 'done' && last.ev !== 'summary') return false;
  const b = runOracle(spec);
  return b.ok && b.out === a.out;
}

// One spec per line of JSON, with the op list one op per line, like the shared examples.
function format(spec) {
  if (!spec.ops) return JSON.stringify(spec) + '\n';
  const head = JSON.stringify({ ...spec, ops: [] }).replace(/"ops":\[\]\}$/, '"ops":[');
  return `${head}\n${spec.ops.map((o) => ` ${JSON.stringify(o)}`).join(',\n')}\n]}\n`;
}

fs.mkdirSync(outDir, { recursive: true });
const makers = { w: genWritable, r: genReadable, p: genPipeline };
let rejected = 0;
for (const prefix of ['w', 'r', 'p']) {
  for (let i = 0; i < counts[prefix];) {
    const spec = makers[prefix]();
    if (!acceptable(spec)) { rejected++; continue; }
    const name = `${prefix}${String(i).padStart(3, '0')}.json`;
    fs.writeFileSync(path.join(outDir, name), format(spec));
    i++;
  }
}
process.stderr.write(`gen-specs: seed ${seed}: ${counts.w} writable, ${counts.r} readable, ${counts.p} pipeline` +
  ` specs in ${outDir} (${rejected} candidates rejected)\n`);
