#!/usr/bin/env node
'use strict'
// JSON-lines testee (protocol v1) driving npm agora-access-token (006 only, deprecated upstream
// in favour of agora-token), pinned in package-lock.json. Same 006 recipes as node-agora-token:
// a private copy of AccessToken.js per salt (its salt is drawn at load) and a pinned Date.
const common = require('../node-common/testee')
const version = require('agora-access-token/package.json').version

const v006 = common.make006(require, 'agora-access-token')
const builders = { ...v006.builders, ...common.makeLegacy(require, 'agora-access-token') }

common.serve({
    hello: {
        op: 'hello',
        protocol: 1,
        implementation: {
            name: 'agora-access-token',
            language: 'javascript',
            version,
            homepage: 'https://www.npmjs.com/package/agora-access-token',
            notes: `Node ${process.version}; 006 only; public builders with Math.random/Date pinned`
        },
        builders: Object.keys(builders),
        operations: ['build', 'decode', 'verify'],
        verify_mode: []
    },
    builders,
    parsers: ['006'],
    decode: token => {
        const fields = v006.decode(token)
        if (fields) {
            return { fields }
        }
        const reason = typeof token === 'string' && token.startsWith('006') ? 'bad_field' : 'bad_version'
        return { error: { kind: 'decode_error', reason, message: 'AccessToken.fromString returned false' } }
    },
    verify: req => v006.verify(req)
})
