'use strict'
// Shared plumbing for the Node adapters: the JSON-lines testee loop (protocol v1), a switchable
// clock and random source (the packages read `new Date()` and `Math.random()`), and the 006 /
// legacy mappings that npm agora-token and npm agora-access-token share (same code upstream).

// Packages print parse errors (with stack traces) through console.log; stdout belongs to the
// protocol, so keep the first line of each message on stderr (the runner keeps its tail).
console.log = (...args) => {
    process.stderr.write(args.map(a => String(a && a.stack ? a.message : a).split('\n')[0]).join(' ') + '\n')
}

// ---------------------------------------------------------------- clock and random source
const RealDate = Date
const realRandom = Math.random
let fixedMs = null
let fixedRandom = null

class FixedDate extends RealDate {
    constructor(...args) {
        if (args.length === 0 && fixedMs !== null) {
            super(fixedMs)
        } else {
            super(...args)
        }
    }

    static now() {
        return fixedMs !== null ? fixedMs : RealDate.now()
    }
}
globalThis.Date = FixedDate
Math.random = () => (fixedRandom !== null ? fixedRandom : realRandom())

// Run fn with `new Date()` at `seconds` (unless null) and Math.random() returning `random`.
function withFixed(seconds, random, fn) {
    fixedMs = seconds === null || seconds === undefined ? null : seconds * 1000
    fixedRandom = random === undefined ? null : random
    try {
        return fn()
    } finally {
        fixedMs = null
        fixedRandom = null
    }
}

// The Math.random() value that makes `Math.floor(r * 99999999) + 1` equal salt (007 builders).
const random007 = salt => (salt === null || salt === undefined ? null : (salt - 0.5) / 99999999)
// ... and `Math.floor(r * 0xffffffff)` equal salt (006 AccessToken.js, evaluated at load time).
const random006 = salt => (salt === null || salt === undefined ? null : (salt + 0.5) / 0xffffffff)

// ---------------------------------------------------------------- decoded-field helpers
const utf8 = new TextDecoder('utf-8', { fatal: true })

// A text field: the string if the bytes are UTF-8, else {hex} (docs/architecture.md).
function text(value) {
    if (typeof value === 'string') {
        return value
    }
    const buf = Buffer.from(value)
    try {
        return utf8.decode(buf)
    } catch (err) {
        return { hex: buf.toString('hex') }
    }
}

function privilegeMap(map) {
    const out = {}
    for (const key of Object.keys(map || {})) {
        out[String(Number(key))] = map[key]
    }
    return out
}

// A token of an Agora format the package has no parser for (a legacy DynamicKey "003"-"005",
// a SignalingToken "1:...", or 006/007 for a package without that version): answered as
// `unsupported`, not as a decode failure. Anything else is decoded (or refused) by the package.
const FORMATS = [['003', /^003/], ['004', /^004/], ['005', /^005/], ['signaling', /^1:/],
    ['006', /^006/], ['007', /^007/]]

function foreignFormat(token, parsers) {
    if (typeof token !== 'string') {
        return null
    }
    const found = FORMATS.find(([, re]) => re.test(token))
    return found && !parsers.includes(found[0]) ? `this package has no parser for ${found[0]} tokens` : null
}

class Refusal extends Error {
    constructor(kind, message) {
        super(message)
        this.kind = kind
    }
}

// ---------------------------------------------------------------- 006 (AccessToken.js family)
const RTC_ROLE_NAMES = { attendee: 'ATTENDEE', publisher: 'PUBLISHER', subscriber: 'SUBSCRIBER', admin: 'ADMIN' }

function mapRole(roles, value, names) {
    if (typeof value === 'string' && names[value] !== undefined && roles[names[value]] !== undefined) {
        return roles[names[value]]
    }
    return value
}

// `req` is the adapter's require (resolves its own node_modules); `pkg` the package name.
function make006(req, pkg) {
    const paths = ['AccessToken', 'RtcTokenBuilder', 'RtmTokenBuilder'].map(m => req.resolve(`${pkg}/src/${m}`))
    const base = req(`${pkg}/src/AccessToken`)
    const bySalt = new Map()
    // AccessToken.js draws the 006 salt once, when the module loads: load a private copy per salt
    // with Math.random patched so the real public builders use the case's salt.
    function modules(salt) {
        const key = salt === null || salt === undefined ? 'random' : salt
        let mods = bySalt.get(key)
        if (mods === undefined) {
            const saved = paths.map(p => req.cache[p])
            paths.forEach(p => delete req.cache[p])
            try {
                mods = withFixed(null, random006(salt), () => ({
                    rtc: req(`${pkg}/src/RtcTokenBuilder`),
                    rtm: req(`${pkg}/src/RtmTokenBuilder`)
                }))
            } finally {
                paths.forEach((p, i) => {
                    if (saved[i] !== undefined) {
                        req.cache[p] = saved[i]
                    } else {
                        delete req.cache[p]
                    }
                })
            }
            bySalt.set(key, mods)
        }
        return mods
    }
    // RtcTokenBuilder.method(app id, certificate, channel, a[who], role, privilege_expired_ts)
    const rtc = (method, who) => (a, salt, now) => {
        const m = modules(salt)
        return withFixed(now, null, () => m.rtc.RtcTokenBuilder[method](
            a.app_id, a.app_certificate, a.channel_name, a[who],
            mapRole(m.rtc.Role, a.role, RTC_ROLE_NAMES), a.privilege_expired_ts))
    }
    const builders = {
        'access_token.build': (a, salt) => {
            const k = new base.AccessToken(a.app_id, a.app_certificate, a.channel_name, a.uid)
            if (salt !== null && salt !== undefined) {
                k.salt = salt
            }
            k.ts = a.ts
            for (const [id, value] of Object.entries(a.privileges || {})) {
                k.addPriviledge(Number(id), value)
            }
            return k.build()
        },
        'rtc.build_token_with_uid': rtc('buildTokenWithUid', 'uid'),
        'rtc.build_token_with_user_account': rtc('buildTokenWithAccount', 'account'),
        'rtm.build_token': (a, salt, now) => {
            const m = modules(salt)
            const role = mapRole(m.rtm.Role, a.role === undefined ? 'rtm_user' : a.role, { rtm_user: 'Rtm_User' })
            return withFixed(now, null, () => m.rtm.RtmTokenBuilder.buildToken(
                a.app_id, a.app_certificate, a.user_account, role, a.privilege_expired_ts))
        }
    }

    // The decode answer: {fields}, or a decode_error when fromString refuses the token.
    function decode(token) {
        const k = new base.AccessToken('', '', '', '')
        if (!k.fromString(token)) {
            const reason = typeof token === 'string' && token.startsWith('006') ? 'bad_field' : 'bad_version'
            return { error: { kind: 'decode_error', reason, message: 'AccessToken.fromString returned false' } }
        }
        return { fields: {
            version: '006',
            signature: Buffer.from(k.signature).toString('hex'),
            app_id: k.appID,
            crc_channel_name: k.crc_channel_name,
            crc_uid: k.crc_uid,
            salt: k.salt,
            ts: k.ts,
            privileges: privilegeMap(k.messages)
        } }
    }

    // The package has no 006 verifier: re-sign the parsed message with its own AccessToken,
    // and (as the reference does) require the CRC32s the token carries to be those of the
    // given channel and uid, which the signature does not cover.
    function verify(req006) {
        const parsed = new base.AccessToken('', '', '', '')
        if (!parsed.fromString(req006.token)) {
            return { valid: false, reason: 'bad_field' }
        }
        const uid = req006.uid === undefined || req006.uid === null ? '' : req006.uid
        // The app id is plain text after the version (agora-access-token's fromString drops it).
        const appId = req006.token.substr(3, 32)
        const k = new base.AccessToken(appId, req006.app_certificate, req006.channel_name || '', uid)
        k.salt = parsed.salt
        k.ts = parsed.ts
        k.messages = parsed.messages
        const again = new base.AccessToken('', '', '', '')
        again.fromString(k.build())
        const same = Buffer.compare(Buffer.from(again.signature), Buffer.from(parsed.signature)) === 0 &&
            again.crc_channel_name === parsed.crc_channel_name && again.crc_uid === parsed.crc_uid
        return same ? { valid: true } : { valid: false, reason: 'bad_signature' }
    }
    return { builders, decode, verify }
}

// ---------------------------------------------------------------- legacy keys
function makeLegacy(req, pkg) {
    const dk5 = req(`${pkg}/src/DynamicKey5`)
    // Required lazily: agora-access-token's SignalingToken.js needs `md5`, which that package does
    // not declare, so the failure belongs to this builder's cases, not to the whole adapter.
    let st = null
    const signaling = () => (st === null ? (st = req(`${pkg}/src/SignalingToken`)) : st)
    const key5 = fn => a => dk5[fn](a.app_id, a.app_certificate, a.channel_name, a.unix_ts, a.random_int, a.uid, a.expired_ts)
    return {
        'dynamic_key5.generate_media_channel_key': key5('generateMediaChannelKey'),
        'dynamic_key5.generate_recording_key': key5('generateRecordingKey'),
        'dynamic_key5.generate_public_sharing_key': key5('generatePublicSharingKey'),
        'dynamic_key5.generate_in_channel_permission_key': a => dk5.generateInChannelPermissionKey(
            a.app_id, a.app_certificate, a.channel_name, a.unix_ts, a.random_int, a.uid, a.expired_ts, a.permission),
        // SignalingToken.get takes a validity in seconds from now: with the clock at 0 it is the
        // absolute expiry the vector names.
        'signaling_token.generate': a => withFixed(0, null, () => signaling().get(a.app_id, a.app_certificate, a.account, a.expired_ts))
    }
}

// ---------------------------------------------------------------- the protocol loop
// The hello answer of an adapter driving the installed npm package `pkg` (build, decode and
// verify; every builder in exact mode).
function helloFor(pkg, version, notes, builders) {
    return {
        op: 'hello',
        protocol: 1,
        implementation: {
            name: pkg,
            language: 'javascript',
            version,
            homepage: `https://www.npmjs.com/package/${pkg}`,
            notes: `Node ${process.version}; ${notes}`
        },
        builders: Object.keys(builders),
        operations: ['build', 'decode', 'verify'],
        verify_mode: []
    }
}

function errorAnswer(id, err) {
    const kind = err instanceof Refusal ? err.kind : 'internal'
    return { id, error: { kind, message: String(err && err.message ? err.message : err) } }
}

// impl: {hello, builders: {id: fn(args, salt, now) -> token or {token, results}}, parsers: ['006', ...], decode(token),
// verify(request)}
function handle(impl, req) {
    const id = req.id
    try {
        switch (req.op) {
        case 'hello':
            return impl.hello
        case 'build': {
            const fn = impl.builders[req.builder]
            if (fn === undefined) {
                return { id, error: { kind: 'unsupported', message: `builder ${req.builder} is not supported` } }
            }
            const token = fn(req.args || {}, req.salt, req.now)
            if (token !== null && typeof token === 'object') {
                return { id, ...token } // {token, results} of simple_token_builder.script
            }
            return { id, token: typeof token === 'string' ? token : String(token) }
        }
        case 'decode':
        case 'verify': {
            const foreign = foreignFormat(req.token, impl.parsers || [])
            if (foreign !== null) {
                return { id, error: { kind: 'unsupported', message: foreign } }
            }
            return { id, ...(req.op === 'decode' ? impl.decode(req.token) : impl.verify(req)) }
        }
        default:
            return { id, error: { kind: 'unsupported', message: `unknown op ${req.op}` } }
        }
    } catch (err) {
        return errorAnswer(id, err)
    }
}

// Answers every complete line of a chunk, written FLUSH answers at a time (one write call each):
// few system calls, and the runner gets answers to compare while later ones are being built.
const FLUSH = 16

function serve(impl) {
    let out = ''
    let count = 0
    const flush = () => {
        if (count > 0) {
            process.stdout.write(out)
            out = ''
            count = 0
        }
    }
    // False for the stop request.
    const answer = line => {
        if (line.length === 0 || line.trim() === '') {
            return true
        }
        let req
        try {
            req = JSON.parse(line)
        } catch (err) {
            out += JSON.stringify({ id: null, error: { kind: 'internal', message: `bad JSON: ${err.message}` } }) + '\n'
            count += 1
            return true
        }
        if (req.op === 'stop') {
            return false
        }
        out += JSON.stringify(handle(impl, req)) + '\n'
        if (++count >= FLUSH) {
            flush()
        }
        return true
    }
    // Lines are cut from the raw bytes and decoded one by one: each request is then parsed from
    // its own small string, not from a slice of a 64 KiB chunk (cheaper for V8 and the GC).
    let rest = null
    process.stdin.on('data', chunk => {
        const buf = rest === null ? chunk : Buffer.concat([rest, chunk])
        let start = 0
        let nl
        while ((nl = buf.indexOf(10, start)) !== -1) {
            const more = answer(buf.toString('utf8', start, nl))
            start = nl + 1
            if (!more) {
                flush()
                process.exit(0)
            }
        }
        rest = start < buf.length ? buf.subarray(start) : null
        flush()
    })
    process.stdin.on('end', () => {
        if (rest !== null) {
            answer(rest.toString('utf8'))
        }
        flush()
        process.exitCode = 0
    })
}

module.exports = { Refusal, handle, helloFor, make006, makeLegacy, privilegeMap, random007, serve, text, withFixed }
