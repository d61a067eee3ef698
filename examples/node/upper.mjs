// The transform the three example programs apply to each chunk: ASCII letters upper-cased,
// every other byte as it was. A new buffer per chunk, as a real transform makes.
export function upper(chunk) {
  return Buffer.from(chunk.toString('latin1').toUpperCase(), 'latin1');
}
