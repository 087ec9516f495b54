'use strict'
// Baseline for bench_protocol_overhead.py: the suite's requests (builds, and the decode and
// verify cases) called directly on the npm agora-token adapter's functions in a plain loop:
// no protocol, no runner. Usage: node bench/node_build_loop.js REQUESTS.jsonl SECONDS;
// prints {"rate": ...} (requests per second).
const fs = require('fs')
const impl = require('../adapters/node-agora-token/adapter.js')

const [file, seconds] = [process.argv[2], Number(process.argv[3] || 2)]
const requests = fs.readFileSync(file, 'utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l))
const calls = requests.map(r => {
    if (r.op === 'build') {
        const fn = impl.builders[r.builder]
        return () => fn(r.args, r.salt, r.now)
    }
    return r.op === 'decode' ? () => impl.decode(r.token) : () => impl.verify(r)
})

function pass() {
    for (const call of calls) {
        try {
            call()
        } catch (err) {
            // refusals count as work done, as they do in the suite
        }
    }
    return calls.length
}

pass()  // warm-up (JIT, per-salt 006 module copies)
const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9))
const start = process.hrtime.bigint()
let done = 0
while (process.hrtime.bigint() < deadline) {
    done += pass()
}
const elapsed = Number(process.hrtime.bigint() - start) / 1e9
process.stdout.write(JSON.stringify({ rate: done / elapsed, cases: done, seconds: elapsed }) + '\n')
