#!/usr/bin/env node
'use strict'
// JSON-lines testee (protocol v1) driving an upstream AgoraDynamicKey/nodejs tree in place:
//   node adapter.js [--version LABEL] DIR     (DIR: AgoraIO/Tools DynamicKey/AgoraDynamicKey/nodejs)
// It answers whatever the tree holds: today's AccessToken2 (007) builders, the 006
// RtcTokenBuilder / RtmTokenBuilder, DynamicKey5 / SignalingToken, the 2019 SimpleTokenBuilder.
// The tree's npm dependencies come from this folder's node_modules (install.sh), put on the
// module search path through NODE_PATH, so nothing is written into DIR.
// Salt and clock: node-common pins Math.random and Date per call (007 builders); the 006 salt is
// drawn when src/AccessToken.js loads, so a private copy of the 006 modules is loaded per salt
// (node-common make006); SimpleTokenBuilder gets the case's salt and ts through the public
// fields of the AccessToken it wraps (`key.salt`, `key.ts`), as upstream's own test does.
const fs = require('fs')
const path = require('path')
const Module = require('module')

process.env.NODE_PATH = [path.join(__dirname, 'node_modules'), process.env.NODE_PATH]
    .filter(Boolean).join(path.delimiter)
Module._initPaths() // re-read NODE_PATH: the upstream files resolve crc-32, cuint, md5 from here

const common = require('../node-common/testee')
const { make007 } = require('../node-common/agora-token')

const { Refusal, withFixed } = common

function parseArgs(argv) {
    let label = 'unknown'
    if (argv[0] === '--version' && argv.length >= 2) {
        label = argv[1]
        argv = argv.slice(2)
    }
    if (argv.length !== 1) {
        process.stderr.write('usage: adapter.js [--version LABEL] DIR/nodejs\n')
        process.exit(2)
    }
    return { label, dir: path.resolve(argv[0]) }
}

const { label, dir } = parseArgs(process.argv.slice(2))
const has = name => fs.existsSync(path.join(dir, 'src', `${name}.js`))
const load = name => require(path.join(dir, name))

// ------------------------------------------------------------------ SimpleTokenBuilder (2019)
const STB_ROLES = { attendee: 'kRoleAttendee', publisher: 'kRolePublisher', subscriber: 'kRoleSubscriber', admin: 'kRoleAdmin' }

function makeScript() {
    const stb = load('src/SimpleTokenBuilder')
    return (a, salt, now) => {
        const builder = new stb.SimpleTokenBuilder(a.app_id, a.app_certificate, a.channel_name, a.uid)
        if (salt !== null && salt !== undefined) {
            builder.key.salt = salt
        }
        if (now !== null && now !== undefined) {
            builder.key.ts = now + 24 * 3600
        }
        const results = []
        let token = ''
        for (const step of a.steps || []) {
            const [[op, value]] = Object.entries(step)
            if (op === 'init_privileges') {
                const role = STB_ROLES[value] !== undefined ? stb.Role[STB_ROLES[value]] : value
                try {
                    builder.initPrivileges(role)
                } catch (err) { // how upstream refuses an unknown role (S-05)
                    throw new Refusal('invalid_input', `initPrivileges threw ${err.message}`)
                }
                results.push(null)
            } else if (op === 'set_privilege') {
                builder.setPrivilege(value[0], value[1])
                results.push(null)
            } else if (op === 'remove_privilege') {
                builder.removePrivilege(value)
                results.push(null)
            } else if (op === 'init_token_builder') {
                results.push(builder.initTokenBuilder(value))
            } else if (op === 'build_token') {
                token = withFixed(now, null, () => builder.buildToken())
                results.push(token)
            } else {
                throw new Refusal('unsupported', `unknown SimpleTokenBuilder step ${op}`)
            }
        }
        return { token, results }
    }
}

// ------------------------------------------------------------------ the tree's families
const builders = {}
const parsers = []
let v006 = null
let v007 = null
if (has('AccessToken2')) {
    v007 = make007(load('src/AccessToken2'), load(''), 'upstream nodejs')
    Object.assign(builders, v007.builders)
    parsers.push('007')
}
if (has('RtcTokenBuilder') && has('RtmTokenBuilder')) {
    v006 = common.make006(require, dir)
    Object.assign(builders, v006.builders)
    parsers.push('006')
}
if (has('DynamicKey5') && has('SignalingToken')) {
    Object.assign(builders, common.makeLegacy(require, dir))
}
if (has('SimpleTokenBuilder')) {
    builders['simple_token_builder.script'] = makeScript()
}

const pick = token => (typeof token === 'string' && token.startsWith('006') ? v006 : v007)
const hello = common.helloFor('upstream nodejs', label, `in place from ${dir}; Math.random/Date pinned per call`, builders)
Object.assign(hello.implementation, {
    name: 'AgoraIO/Tools AgoraDynamicKey/nodejs',
    homepage: 'https://github.com/AgoraIO/Tools/tree/master/DynamicKey/AgoraDynamicKey/nodejs'
})
if (parsers.length === 0) {
    hello.operations = ['build']
}

common.serve({
    hello,
    builders,
    parsers,
    decode: token => pick(token).decode(token),
    verify: req => pick(req.token).verify(req)
})
