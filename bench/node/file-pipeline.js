// Node's side of bench/file-pipelines.sh: the same pipelines as examples/file_pipeline.cc.
//   node file-pipeline.js gzip|copy IN OUT
'use strict';
const fs = require('fs');
const zlib = require('zlib');
const { pipeline } = require('stream');

const [mode, input, output] = process.argv.slice(2);
const stages = [fs.createReadStream(input)];
if (mode === 'gzip') stages.push(zlib.createGzip({ level: 6 }));
stages.push(fs.createWriteStream(output));
pipeline(...stages, (err) => {
  if (err) {
    console.error(`file-pipeline.js: ${err.message}`);
    process.exitCode = 1;
  }
});
