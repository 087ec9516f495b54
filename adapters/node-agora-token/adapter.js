#!/usr/bin/env node
'use strict'
// JSON-lines testee (protocol v1) driving npm agora-token, pinned in package-lock.json.
// The public builders are called as published; the case's salt and clock reach them through
// Math.random and Date (docs/implementations.md section 2.1). access_token2.build and
// access_token.build use the low-level objects with their public salt / issueTs / ts fields.
const common = require('../node-common/testee')
const version = require('agora-token/package.json').version
const { make007 } = require('../node-common/agora-token')

const v007 = make007(require('agora-token/src/AccessToken2'), require('agora-token'), 'agora-token')
const v006 = common.make006(require, 'agora-token')

function decode(token) {
    return typeof token === 'string' && token.startsWith('006') ? v006.decode(token) : v007.decode(token)
}

function verify(req) {
    return typeof req.token === 'string' && req.token.startsWith('006') ? v006.verify(req) : v007.verify(req)
}

const builders = { ...v007.builders, ...v006.builders, ...common.makeLegacy(require, 'agora-token') }

const impl = {
    hello: common.helloFor('agora-token', version, 'public builders with Math.random/Date pinned per call', builders),
    builders,
    parsers: ['006', '007'],
    decode,
    verify
}

module.exports = impl
if (require.main === module) {
    common.serve(impl)
}
