'use strict'
// The 007 (AccessToken2) half of the agora-token code, shared by the adapters of npm agora-token
// and of the upstream AgoraDynamicKey/nodejs tree it is published from: the public builders with
// the case's salt and clock reaching them through Math.random and Date (docs/implementations.md
// section 2.1), access_token2.build on the low-level objects (public salt, issueTs as constructor
// argument), and decode / verify through AccessToken2.from_string / verifySignature.
const { Refusal, text, privilegeMap, withFixed, random007 } = require('./testee')

// A2: the AccessToken2 module; index: the package's index.js exports (builders it lacks, such as
// ConvoAI and STT in older trees, are left out); name: for messages.
function make007(A2, index, name) {
    const {
        ApaasTokenBuilder, ChatTokenBuilder, ConvoAITokenBuilder, EducationTokenBuilder, FpaTokenBuilder,
        RtcRole, RtcTokenBuilder, RtmTokenBuilder, Rtm2Permissions, SttTokenBuilder
    } = index

    const ROLE2 = { publisher: RtcRole.PUBLISHER, subscriber: RtcRole.SUBSCRIBER }
    const role2 = value => (typeof value === 'string' && ROLE2[value] !== undefined ? ROLE2[value] : value)

    function permissions(list) {
        const p = new Rtm2Permissions()
        for (const entry of list || []) {
            p.add(entry.resource_type, entry.permission_type, entry.resources || [])
        }
        return p
    }

    // ------------------------------------------------------------------ low-level 007 services
    const SERVICE_FACTORIES = {
        1: s => new A2.ServiceRtc(s.channel_name, s.account),
        2: s => new A2.ServiceRtm(s.user_id),
        3: s => new A2.ServiceStreaming(s.channel_name, s.account),
        4: () => new A2.ServiceFpa(),
        5: s => new A2.ServiceChat(s.user_id),
        6: s => new A2.ServiceFCdn(s.channel_name, s.account),
        7: s => new A2.ServiceApaas(s.room_uuid, s.user_uuid, s.role),
        8: s => new A2.ServiceRtm2(s.user_id, permissions(s.permissions)),
        9: A2.ServiceConvoAI && (() => new A2.ServiceConvoAI()),
        10: A2.ServiceStt && (() => new A2.ServiceStt())
    }

    function buildLowLevel(a, salt, now) {
        // The constructor takes issueTs 0 to mean "read the clock": construct under the case's clock
        // so that now = 0 gives issue_ts 0 as a caller whose clock reads 0 would get.
        const t = withFixed(now, null, () => new A2.AccessToken2(a.app_id, a.app_certificate, now, a.expire))
        if (salt !== null && salt !== undefined) {
            t.salt = salt
        }
        for (const s of a.services || []) {
            const factory = SERVICE_FACTORIES[s.type]
            if (!factory) {
                throw new Refusal('unsupported', `${name} has no service type ${s.type}`)
            }
            const service = factory(s)
            for (const [id, value] of Object.entries(s.privileges || {})) {
                service.add_privilege(Number(id), value)
            }
            t.add_service(service)
        }
        return t.build()
    }

    // ------------------------------------------------------------------ public 007 builders
    // Each entry calls the package's public builder with the case's clock and salt in effect.
    const pinned = fn => (a, salt, now) => withFixed(now, random007(salt), () => fn(a))

    const rtm2Args = a => [
        a.app_id, a.app_certificate, a.channel_name, a.rtc_account, role2(a.rtc_role), a.rtc_token_expire,
        a.join_channel_privilege_expire, a.pub_audio_privilege_expire, a.pub_video_privilege_expire,
        a.pub_data_privilege_expire, a.rtm_user_id, a.rtm_token_expire
    ]
    const privilegeArgs = (a, who) => [
        a.app_id, a.app_certificate, a.channel_name, who, a.token_expire, a.join_channel_privilege_expire,
        a.pub_audio_privilege_expire, a.pub_video_privilege_expire, a.pub_data_privilege_expire
    ]
    const withDefault = (value, fallback) => (value === undefined || value === null ? fallback : value)

    const apaas = (prefix, B) => ({
        [`${prefix}.build_room_user_token`]: pinned(a => B.buildRoomUserToken(
            a.app_id, a.app_certificate, a.room_uuid, a.user_uuid, a.role, a.expire)),
        [`${prefix}.build_user_token`]: pinned(a => B.buildUserToken(a.app_id, a.app_certificate, a.user_uuid, a.expire)),
        [`${prefix}.build_app_token`]: pinned(a => B.buildAppToken(a.app_id, a.app_certificate, a.expire))
    })

    const BUILDERS007 = {
        'access_token2.build': buildLowLevel,
        'rtc2.build_token_with_uid': pinned(a => RtcTokenBuilder.buildTokenWithUid(
            a.app_id, a.app_certificate, a.channel_name, a.uid, role2(a.role), a.token_expire,
            withDefault(a.privilege_expire, 0))),
        'rtc2.build_token_with_user_account': pinned(a => RtcTokenBuilder.buildTokenWithUserAccount(
            a.app_id, a.app_certificate, a.channel_name, a.account, role2(a.role), a.token_expire,
            withDefault(a.privilege_expire, 0))),
        'rtc2.build_token_with_uid_and_privilege': pinned(a => RtcTokenBuilder.buildTokenWithUidAndPrivilege(
            ...privilegeArgs(a, a.uid))),
        'rtc2.build_token_with_user_account_and_privilege': pinned(a => RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(
            ...privilegeArgs(a, a.account))),
        'rtc2.build_token_with_rtm': pinned(a => RtcTokenBuilder.buildTokenWithRtm(
            a.app_id, a.app_certificate, a.channel_name, a.account, role2(a.role), a.token_expire,
            withDefault(a.privilege_expire, 0))),
        'rtc2.build_token_with_rtm2': pinned(a => RtcTokenBuilder.buildTokenWithRtm2(...rtm2Args(a))),
        'rtm2.build_token': pinned(a => RtmTokenBuilder.buildToken(a.app_id, a.app_certificate, a.user_id, a.expire)),
        'rtm2.build_token_with_permissions': pinned(a => RtmTokenBuilder.buildTokenWithPermissions(
            a.app_id, a.app_certificate, a.user_id, permissions(a.permissions), a.expire)),
        'chat2.build_user_token': pinned(a => ChatTokenBuilder.buildUserToken(a.app_id, a.app_certificate, a.user_id, a.expire)),
        'chat2.build_app_token': pinned(a => ChatTokenBuilder.buildAppToken(a.app_id, a.app_certificate, a.expire)),
        'fpa2.build_token': pinned(a => FpaTokenBuilder.buildToken(a.app_id, a.app_certificate)),
        ...apaas('apaas2', ApaasTokenBuilder),
        ...apaas('education2', EducationTokenBuilder),
        ...(ConvoAITokenBuilder ? { 'convoai2.build_token': pinned(a => ConvoAITokenBuilder.buildToken(...rtm2Args(a))) } : {}),
        ...(SttTokenBuilder ? { 'stt2.build_token': pinned(a => SttTokenBuilder.buildToken(...rtm2Args(a))) } : {})
    }

    // ------------------------------------------------------------------ decode / verify (007)
    function serviceFields(s) {
        const type = s.service_type()
        const out = { type, privileges: privilegeMap(s.__privileges) }
        if (type === 1) {
            Object.assign(out, { channel_name: text(s.__channel_name), account: text(s.__uid) })
        } else if (type === 3 || type === 6) {
            Object.assign(out, { channel_name: text(s.__channel_name), account: text(s.__account) })
        } else if (type === 2 || type === 5) {
            out.user_id = text(s.__user_id)
        } else if (type === 7) {
            Object.assign(out, { room_uuid: text(s.__room_uuid), user_uuid: text(s.__user_uuid), role: s.__role })
        } else if (type === 8) {
            out.user_id = text(s.__user_id)
            out.permissions = []
            const details = s.__permissions.details
            for (const rt of Object.keys(details).map(Number).sort((x, y) => x - y)) {
                for (const pt of Object.keys(details[rt]).map(Number).sort((x, y) => x - y)) {
                    out.permissions.push({ resource_type: rt, permission_type: pt, resources: details[rt][pt].map(text) })
                }
            }
        }
        return out
    }

    function parse007(token) {
        const t = new A2.AccessToken2()
        return t.from_string(token) ? t : null
    }

    function decode(token) {
        const t = parse007(token)
        if (t === null) {
            const reason = typeof token === 'string' && token.startsWith('007') ? 'bad_field' : 'bad_version'
            return { error: { kind: 'decode_error', reason, message: 'AccessToken2.from_string returned false' } }
        }
        return {
            fields: {
                version: '007',
                signature: t.__signature.toString('hex'),
                app_id: text(t.appId),
                issue_ts: t.issueTs,
                expire: t.expire,
                salt: t.salt,
                services: t.services.map(serviceFields)
            }
        }
    }

    function verify(req) {
        const t = parse007(req.token)
        if (t === null) {
            return { valid: false, reason: 'bad_field' }
        }
        return t.verifySignature(req.app_certificate) ? { valid: true } : { valid: false, reason: 'bad_signature' }
    }

    return { builders: BUILDERS007, decode, verify }
}

module.exports = { make007 }
