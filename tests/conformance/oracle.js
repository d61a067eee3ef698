'use strict';
// Node trace oracle: runs one conformance spec on Node's own streams and prints the trace,
// one JSON object per line, in the format fixed by /work/shared/conformance/README.md.
// Where that protocol is silent, the choices made here are listed in ./README.md.
//
//   node oracle.js SPEC.json      (or the spec on stdin)
//
// Ops that are not `tick` run back to back, synchronously: whatever Node defers (next tick,
// microtasks) runs only at the next `tick` op or in the final flush, and is printed there
// with phase "tick".
const fs = require('fs');
const { Readable, Writable, Transform, PassThrough, pipeline } = require('stream');
const streamPromises = require('stream/promises');

// ---- output -------------------------------------------------------------------------------

let seq = 0;
let curOp = 'setup';
let curPhase = 'sync';
let silenced = false;

function emit(ev, fields = {}) {
  if (silenced) return;
  const line = { seq: seq++, op: curOp, phase: curPhase, ev, ...fields };
  process.stdout.write(JSON.stringify(line) + '\n');
}

// An error as the protocol prints it; null/undefined (no error) print as null.
function fmtErr(e) {
  if (e === null || e === undefined) return null;
  return { code: e.code === undefined ? null : e.code, message: e.message };
}

// What a `complete*` op prints about the error it hands to the held callback.
function fmtGiven(msg) {
  return msg === undefined ? null : { message: msg };
}

// Calls `then` from inside the n-th setImmediate from now (at once when n is 0). Every
// pending next-tick and microtask runs before each boundary.
function boundaries(n, then) {
  if (n <= 0) then();
  else setImmediate(() => boundaries(n - 1, then));
}

function boundary() {
  return new Promise((resolve) => setImmediate(resolve));
}

// Runs the op list, then the final flush (five boundaries). Ops other than `tick` run back
// to back; a `tick` op waits its boundaries and the following ops then run inside the last
// setImmediate callback, so each stretch of ops runs as a macrotask of its own.
function runOps(ops, handlers) {
  return new Promise((resolve) => {
    let i = 0;
    function step() {
      for (; i < ops.length; i++) {
        const op = ops[i];
        curOp = i;
        if (op.op === 'tick') {
          const count = op.count === undefined ? 1 : op.count;
          if (count <= 0) continue;
          curPhase = 'tick';
          i++;
          boundaries(count, step);
          return;
        }
        curPhase = 'sync';
        const fn = handlers[op.op];
        if (!fn) { emit('unknown_op', { name: op.op }); continue; }
        try {
          fn(op);
        } catch (e) {
          emit('throw', { error: fmtErr(e) });
        }
      }
      curOp = 'final';
      curPhase = 'tick';
      boundaries(5, resolve);
    }
    step();
  });
}

// ---- mode writable ------------------------------------------------------------------------

async function runWritable(spec) {
  const objectMode = spec.objectMode === true;
  let writeMode = spec.writeMode || 'hold';
  const finalMode = spec.final || 'none';
  const destroyMode = spec.destroyImpl || 'sync';

  const ids = new WeakMap(); // chunk object -> write id (strings have none)
  const heldWrites = []; // {kind, cb}
  let heldFinal = null;
  let heldDestroy = null;
  let nextId = 0;

  const idOf = (chunk) => (typeof chunk === 'object' && chunk !== null && ids.has(chunk) ? ids.get(chunk) : null);
  const lenOf = (chunk) => (objectMode ? 1 : typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);

  function completeWrite(kind, cb) {
    if (writeMode === 'sync') cb();
    else if (writeMode === 'sync-error') cb(new Error('sync write error'));
    else heldWrites.push({ kind, cb });
  }

  const opts = {
    objectMode,
    decodeStrings: spec.decodeStrings !== false,
    autoDestroy: spec.autoDestroy !== false,
    emitClose: spec.emitClose !== false,
    write(chunk, enc, cb) {
      emit('_write', { id: idOf(chunk), len: lenOf(chunk) });
      completeWrite('write', cb);
    },
    destroy(err, cb) {
      emit('_destroy', { error: fmtErr(err) });
      if (destroyMode === 'hold') heldDestroy = cb;
      else cb(err);
    },
  };
  if (spec.hwm !== undefined) opts.highWaterMark = spec.hwm;
  if (spec.writev) {
    opts.writev = (chunks, cb) => {
      emit('_writev', { ids: chunks.map((c) => idOf(c.chunk)), lens: chunks.map((c) => lenOf(c.chunk)) });
      completeWrite('writev', cb);
    };
  }
  if (finalMode !== 'none') {
    opts.final = (cb) => {
      emit('_final');
      if (finalMode === 'sync') cb();
      else if (finalMode === 'error') cb(new Error('final error'));
      else heldFinal = cb;
    };
  }

  const w = new Writable(opts);
  for (const ev of ['drain', 'prefinish', 'finish', 'close', 'pipe', 'unpipe']) w.on(ev, () => emit(ev));
  w.on('error', (e) => emit('error', { error: fmtErr(e) }));

  const state = () => ({
    writableLength: w.writableLength,
    writableNeedDrain: w.writableNeedDrain,
    writableHighWaterMark: w.writableHighWaterMark,
    buffered: w.writableBuffer.length,
    corked: w.writableCorked,
    writable: w.writable,
    writableEnded: w.writableEnded,
    writableFinished: w.writableFinished,
    destroyed: w.destroyed,
    closed: w.closed,
    errored: fmtErr(w.errored),
  });

  // The chunk a write/end op carries, registered under a fresh id.
  function makeChunk(op) {
    const id = nextId++;
    let chunk;
    if (op.chunk !== undefined) chunk = op.chunk;
    else if (objectMode) chunk = { id };
    else chunk = Buffer.alloc(op.size === undefined ? 1 : op.size);
    if (typeof chunk === 'object' && chunk !== null) ids.set(chunk, id);
    return { id, chunk };
  }

  function release(cb, msg) {
    if (msg === undefined) cb();
    else cb(new Error(msg));
  }

  emit('created', { state: state() });
  await runOps(spec.ops || [], {
    write(op) {
      const { id, chunk } = makeChunk(op);
      const ret = op.cb === false
        ? w.write(chunk)
        : w.write(chunk, (err) => emit('write_cb', { id, error: fmtErr(err) }));
      emit('write_ret', { id, ret, writableLength: w.writableLength, writableNeedDrain: w.writableNeedDrain });
    },
    complete(op) {
      const held = heldWrites.shift();
      if (!held) { emit('complete_none'); return; }
      emit('complete', { kind: held.kind, error: fmtGiven(op.error) });
      release(held.cb, op.error);
    },
    complete_final(op) {
      const cb = heldFinal;
      if (!cb) { emit('complete_none'); return; }
      heldFinal = null;
      emit('complete_final', { error: fmtGiven(op.error) });
      release(cb, op.error);
    },
    complete_destroy(op) {
      const cb = heldDestroy;
      if (!cb) { emit('complete_none'); return; }
      heldDestroy = null;
      emit('complete_destroy', { error: fmtGiven(op.error) });
      release(cb, op.error);
    },
    set_write_mode(op) {
      writeMode = op.mode;
      emit('write_mode', { mode: op.mode });
    },
    cork() {
      w.cork();
      emit('cork_ret', { corked: w.writableCorked });
    },
    uncork() {
      w.uncork();
      emit('uncork_ret', { corked: w.writableCorked });
    },
    end(op) {
      const args = [];
      if (op.size !== undefined || op.chunk !== undefined) args.push(makeChunk(op).chunk);
      if (op.cb !== false) args.push((err) => emit('end_cb', { error: fmtErr(err) }));
      w.end(...args);
      emit('end_ret', { writableLength: w.writableLength, writableEnded: w.writableEnded });
    },
    destroy(op) {
      w.destroy(op.error === undefined ? undefined : new Error(op.error));
      emit('destroy_ret', { destroyed: w.destroyed, closed: w.closed });
    },
    state() {
      emit('state', { state: state() });
    },
  });
  emit('done', { pending_write_callbacks: heldWrites.length, state: state() });
}

// ---- mode readable ------------------------------------------------------------------------

async function runReadable(spec) {
  const objectMode = spec.objectMode === true;
  const auto = spec.readMode === 'auto';
  const autoCount = spec.autoCount === undefined ? 0 : spec.autoCount;
  const autoSize = spec.autoSize === undefined ? 1 : spec.autoSize;
  let autoPushed = 0;

  const makeChunk = (size) => (objectMode ? { size } : Buffer.alloc(size));
  const lenOf = (chunk) => (objectMode ? 1 : chunk.length);

  const opts = {
    objectMode,
    autoDestroy: spec.autoDestroy !== false,
    emitClose: spec.emitClose !== false,
    read(n) {
      emit('_read', { n, readableLength: this.readableLength });
      if (!auto) return;
      if (autoPushed < autoCount) {
        autoPushed++;
        const ret = this.push(makeChunk(autoSize));
        emit('auto_push_ret', { ret, readableLength: this.readableLength });
      } else {
        this.push(null);
        emit('auto_push_eof');
      }
    },
    destroy(err, cb) {
      emit('_destroy', { error: fmtErr(err) });
      cb(err);
    },
  };
  if (spec.hwm !== undefined) opts.highWaterMark = spec.hwm;

  const r = new Readable(opts);
  for (const ev of ['end', 'close', 'pause', 'resume']) r.on(ev, () => emit(ev));
  r.on('error', (e) => emit('error', { error: fmtErr(e) }));

  const state = () => ({
    readableLength: r.readableLength,
    readableFlowing: r.readableFlowing,
    readableEnded: r.readableEnded,
    destroyed: r.destroyed,
    closed: r.closed,
    errored: fmtErr(r.errored),
  });

  emit('created', { state: state() });
  await runOps(spec.ops || [], {
    push(op) {
      const eof = op.eof === true;
      const ret = r.push(eof ? null : makeChunk(op.size === undefined ? 1 : op.size));
      emit('push_ret', { eof, ret, readableLength: r.readableLength });
    },
    read(op) {
      const got = op.n === undefined ? r.read() : r.read(op.n);
      emit('read_ret', { len: got === null ? null : lenOf(got), readableLength: r.readableLength });
    },
    on_data() {
      r.on('data', (chunk) => emit('data', { len: lenOf(chunk), readableLength: r.readableLength }));
      emit('listening', { what: 'data' });
    },
    on_readable() {
      r.on('readable', () => emit('readable', { readableLength: r.readableLength }));
      emit('listening', { what: 'readable' });
    },
    pause() {
      r.pause();
      emit('pause_ret', { readableFlowing: r.readableFlowing });
    },
    resume() {
      r.resume();
      emit('resume_ret', { readableFlowing: r.readableFlowing });
    },
    destroy(op) {
      r.destroy(op.error === undefined ? undefined : new Error(op.error));
      emit('destroy_ret', { destroyed: r.destroyed });
    },
    state() {
      emit('state', { state: state() });
    },
  });
  emit('done', { state: state() });
}

// ---- mode pipeline ------------------------------------------------------------------------

// One pipeline stage: a Node stream, or an async generator / async function.
function makeStage(index, def, spec, inject) {
  const type = def.type;
  const streamOpts = { objectMode: true };
  if (spec.hwm !== undefined) streamOpts.highWaterMark = spec.hwm;
  streamOpts.destroy = (err, cb) => {
    emit('_destroy', { stage: index, error: fmtErr(err) });
    cb(err);
  };
  const injErr = () => new Error(`inject@${index}`);
  let count = 0;
  // True when this stage's count has just reached the injection point.
  const due = () => inject !== null && inject.stage === index && inject.at === count;
  // Destroy-from-outside kinds (and `error` on a passthrough, which has no hook of its own).
  const destroysFromOutside = (how) => how === 'destroy' || how === 'destroy-no-error' ||
    (type === 'passthrough' && how !== 'destroy-no-error');
  const outsideErr = (how) => (how === 'destroy-no-error' ? undefined : injErr());

  if (type === 'asyncgen' || type === 'asyncfn') {
    const fail = () => {
      emit('inject', { stage: index, how: inject.how });
      throw injErr();
    };
    if (type === 'asyncgen') {
      return {
        type,
        body: async function* (source) {
          try {
            for await (const item of source) {
              count++;
              if (due()) fail();
              yield item;
            }
          } finally {
            emit('generator_finally', { stage: index });
          }
        },
      };
    }
    return {
      type,
      body: async function (source) {
        for await (const item of source) { // eslint-disable-line no-unused-vars
          count++;
          if (due()) fail();
        }
        return count;
      },
    };
  }

  let stream;
  // Runs the injection inside a hook. Returns true when the hook must stop (stage failed).
  function injectInHook(failSelf) {
    if (!due()) return false;
    emit('inject', { stage: index, how: inject.how });
    if (destroysFromOutside(inject.how)) stream.destroy(outsideErr(inject.how));
    else failSelf(injErr());
    return true;
  }

  if (type === 'readable') {
    const items = def.items === undefined ? 5 : def.items;
    stream = new Readable({
      ...streamOpts,
      read() {
        count++;
        if (injectInHook((e) => this.destroy(e))) return;
        this.push(count <= items ? count : null);
      },
    });
  } else if (type === 'transform') {
    stream = new Transform({
      ...streamOpts,
      transform(chunk, enc, cb) {
        count++;
        if (injectInHook((e) => cb(e))) return;
        cb(null, chunk);
      },
    });
  } else if (type === 'passthrough') {
    stream = new PassThrough(streamOpts);
    const passOn = stream._transform;
    stream._transform = function (chunk, enc, cb) {
      count++;
      if (injectInHook(() => {})) return;
      passOn.call(this, chunk, enc, cb);
    };
  } else if (type === 'writable') {
    stream = new Writable({
      ...streamOpts,
      write(chunk, enc, cb) {
        count++;
        if (injectInHook((e) => cb(e))) return;
        cb();
      },
    });
  } else {
    throw new Error(`unknown stage type ${type}`);
  }
  for (const ev of ['finish', 'end', 'close']) stream.on(ev, () => emit(ev, { stage: index }));
  stream.on('error', (e) => emit('error', { stage: index, error: fmtErr(e) }));
  return { type, stream, body: stream };
}

async function runPipeline(spec) {
  const inject = spec.inject || null;
  const maxTicks = spec.maxTicks === undefined ? 50 : spec.maxTicks;
  const stages = (spec.stages || []).map((def, i) => makeStage(i, def, spec, inject));
  let calls = 0;
  const onDone = (err, value) => {
    calls++;
    emit('pipeline_cb', {
      call: calls,
      error: err === undefined ? 'undefined' : fmtErr(err),
      value: value === undefined ? 'undefined' : value,
    });
  };

  const bodies = stages.map((s) => s.body);
  if (spec.api === 'promise') {
    streamPromises.pipeline(...bodies).then((v) => onDone(undefined, v), (e) => onDone(e));
  } else {
    pipeline(...bodies, onDone);
  }

  // at:0 — destroy from outside right after pipeline() returns.
  if (inject && inject.at === 0 && stages[inject.stage] && stages[inject.stage].stream &&
      (inject.how === 'destroy' || inject.how === 'destroy-no-error')) {
    emit('inject', { stage: inject.stage, how: inject.how });
    stages[inject.stage].stream.destroy(inject.how === 'destroy' ? new Error(`inject@${inject.stage}`) : undefined);
  }

  curOp = 'run';
  curPhase = 'tick';
  for (let i = 0; i < maxTicks && calls === 0; i++) await boundary();
  for (let i = 0; i < 3; i++) await boundary();
  curOp = 'final';
  emit('summary', {
    callback_calls: calls,
    stages: stages.map((s, i) => (s.stream
      ? { stage: i, type: s.type, destroyed: s.stream.destroyed, closed: s.stream.closed, errored: fmtErr(s.stream.errored) }
      : { stage: i, type: s.type })),
  });
}

// ---- main ---------------------------------------------------------------------------------

async function main() {
  const text = fs.readFileSync(process.argv[2] || 0, 'utf8');
  const spec = JSON.parse(text);
  const mode = spec.mode || 'writable';
  emit('node', { version: process.version, mode });
  if (mode === 'writable') await runWritable(spec);
  else if (mode === 'readable') await runReadable(spec);
  else if (mode === 'pipeline') await runPipeline(spec);
  else throw new Error(`unknown mode ${mode}`);
  silenced = true; // anything Node does after the trace's last line is not part of it
}

main().catch((e) => {
  process.stderr.write(`oracle: ${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 2;
});
