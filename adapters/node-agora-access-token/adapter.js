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
    hello: common.helloFor('agora-access-token', version,
        '006 only; public builders with Math.random/Date pinned', builders),
    builders,
    parsers: ['006'],
    decode: v006.decode,
    verify: v006.verify
})
