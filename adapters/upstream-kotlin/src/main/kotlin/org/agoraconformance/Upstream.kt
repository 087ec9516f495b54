package org.agoraconformance

import com.google.gson.JsonArray
import com.google.gson.JsonObject
import io.agora.media.AccessToken2
import io.agora.media.ApaasTokenBuilder
import io.agora.media.ChatTokenBuilder2
import io.agora.media.EducationTokenBuilder2
import io.agora.media.FpaTokenBuilder
import io.agora.media.RtcTokenBuilder2
import io.agora.media.RtmTokenBuilder2

/**
 * Testee for the upstream Kotlin tree @ da06bfb (AgoraIO/Tools DynamicKey/AgoraDynamicKey/kotlin,
 * compiled in place by pom.xml): its 007 builders and AccessToken2 parser. The builders read the
 * clock and salt through `object Utils` (getTimestamp, randomInt), pinned by [Pinning] (launcher
 * agent), so every builder runs in exact mode. The protocol loop is jvm-common's [Protocol].
 * Usage: java -jar target/upstream-kotlin.jar UPSTREAM/kotlin
 */
class Upstream private constructor(private val tree: UpstreamTree) : Protocol.Testee {
    override fun hello(): JsonObject = Protocol.hello(
        tree.implementation("upstream-kotlin", "kotlin",
            "public builders with Utils.getTimestamp/randomInt pinned; AccessToken2 for access_token2.build"),
        BUILDERS, listOf("build", "decode", "verify"), listOf())

    override fun build(builder: String, args: Args, salt: Long?, now: Long?): JsonObject =
        Protocol.token(Pinning.call(salt, now) { build(builder, args) })

    override fun decode(token: String): JsonObject {
        val t = parse(token)
        return JsonObject().apply {
            addProperty("version", "007")
            addProperty("signature", Protocol.hex(signature(t)))
            addProperty("app_id", t.appId)
            addProperty("issue_ts", Integer.toUnsignedLong(t.issueTs))
            addProperty("expire", Integer.toUnsignedLong(t.expire))
            addProperty("salt", Integer.toUnsignedLong(t.salt))
            add("services", JsonArray().apply { t.services.forEach { add(service(it)) } })
        }
    }

    override fun verify(req: JsonObject): JsonObject {
        val t = try {
            parse(req["token"].asString)
        } catch (e: Args.Refusal) {
            if (e.reason == null) throw e
            return Protocol.verdict(e.reason, 0, req)
        }
        val ok = t.verifySignature(req["app_certificate"].asString)
        return Protocol.verdict(if (ok) null else "bad_signature",
            Integer.toUnsignedLong(t.issueTs) + Integer.toUnsignedLong(t.expire), req)
    }

    companion object {
        private val BUILDERS = listOf(
            "access_token2.build",
            "rtc2.build_token_with_uid", "rtc2.build_token_with_user_account",
            "rtc2.build_token_with_uid_and_privilege", "rtc2.build_token_with_user_account_and_privilege",
            "rtc2.build_token_with_rtm", "rtc2.build_token_with_rtm2",
            "rtm2.build_token", "rtm2.build_token_with_permissions",
            "chat2.build_user_token", "chat2.build_app_token", "fpa2.build_token",
            "apaas2.build_room_user_token", "apaas2.build_user_token", "apaas2.build_app_token",
            "education2.build_room_user_token", "education2.build_user_token", "education2.build_app_token",
        )

        @JvmStatic
        fun main(argv: Array<String>) = Protocol.serve(Upstream(UpstreamTree.check(argv)))

        /** The public builder for [builder], called as a Kotlin application calls it. */
        private fun build(builder: String, a: Args): String {
            val id = a.str("app_id")
            val cert = a.str("app_certificate")
            val rtc = RtcTokenBuilder2()
            return when (builder) {
                "rtc2.build_token_with_uid" -> rtc.buildTokenWithUid(id, cert, a.str("channel_name"), a.u32("uid"),
                    role(a, "role"), a.u32("token_expire"), a.u32Or("privilege_expire", 0))
                "rtc2.build_token_with_user_account" -> rtc.buildTokenWithUserAccount(id, cert, a.str("channel_name"),
                    a.str("account"), role(a, "role"), a.u32("token_expire"), a.u32Or("privilege_expire", 0))
                "rtc2.build_token_with_uid_and_privilege" -> rtc.buildTokenWithUid(id, cert, a.str("channel_name"),
                    a.u32("uid"), a.u32("token_expire"), a.u32("join_channel_privilege_expire"),
                    a.u32("pub_audio_privilege_expire"), a.u32("pub_video_privilege_expire"),
                    a.u32("pub_data_privilege_expire"))
                "rtc2.build_token_with_user_account_and_privilege" -> rtc.buildTokenWithUserAccount(id, cert,
                    a.str("channel_name"), a.str("account"), a.u32("token_expire"),
                    a.u32("join_channel_privilege_expire"), a.u32("pub_audio_privilege_expire"),
                    a.u32("pub_video_privilege_expire"), a.u32("pub_data_privilege_expire"))
                "rtc2.build_token_with_rtm" -> rtc.buildTokenWithRtm(id, cert, a.str("channel_name"), a.str("account"),
                    role(a, "role"), a.u32("token_expire"), a.u32Or("privilege_expire", 0))
                "rtc2.build_token_with_rtm2" -> rtc.buildTokenWithRtm2(id, cert, a.str("channel_name"),
                    a.str("rtc_account"), role(a, "rtc_role"), a.u32("rtc_token_expire"),
                    a.u32("join_channel_privilege_expire"), a.u32("pub_audio_privilege_expire"),
                    a.u32("pub_video_privilege_expire"), a.u32("pub_data_privilege_expire"),
                    a.str("rtm_user_id"), a.u32("rtm_token_expire"))
                "rtm2.build_token" -> RtmTokenBuilder2().buildToken(id, cert, a.str("user_id"), a.u32("expire"))
                "rtm2.build_token_with_permissions" -> RtmTokenBuilder2().buildTokenWithPermissions(id, cert,
                    a.str("user_id"), permissions(a), a.u32("expire"))
                "chat2.build_user_token" -> ChatTokenBuilder2().buildUserToken(id, cert, a.str("user_id"), a.u32("expire"))
                "chat2.build_app_token" -> ChatTokenBuilder2().buildAppToken(id, cert, a.u32("expire"))
                "fpa2.build_token" -> FpaTokenBuilder().buildToken(id, cert)
                "apaas2.build_room_user_token" -> ApaasTokenBuilder().buildRoomUserToken(id, cert,
                    a.str("room_uuid"), a.str("user_uuid"), a.i16("role"), a.u32("expire"))
                "apaas2.build_user_token" -> ApaasTokenBuilder().buildUserToken(id, cert, a.str("user_uuid"), a.u32("expire"))
                "apaas2.build_app_token" -> ApaasTokenBuilder().buildAppToken(id, cert, a.u32("expire"))
                "education2.build_room_user_token" -> EducationTokenBuilder2().buildRoomUserToken(id, cert,
                    a.str("room_uuid"), a.str("user_uuid"), a.i16("role"), a.u32("expire"))
                "education2.build_user_token" ->
                    EducationTokenBuilder2().buildUserToken(id, cert, a.str("user_uuid"), a.u32("expire"))
                "education2.build_app_token" -> EducationTokenBuilder2().buildAppToken(id, cert, a.u32("expire"))
                "access_token2.build" -> AccessToken2(id, cert, a.u32("expire")).apply {
                    a["services"].asJsonArray.forEach { addService(service(a.sub(it, "services"))) }
                }.build()
                else -> throw Args.Refusal.unsupported("builder $builder is not offered by this tree")
            }
        }

        private fun role(a: Args, name: String) =
            if (a.publisher(name)) RtcTokenBuilder2.Role.ROLE_PUBLISHER else RtcTokenBuilder2.Role.ROLE_SUBSCRIBER

        private fun opt(s: Args, name: String) = if (s.has(name)) s.str(name) else ""

        private fun service(s: Args): AccessToken2.Service {
            val service = when (val type = s.u32("type")) {
                1 -> AccessToken2.ServiceRtc(opt(s, "channel_name"), opt(s, "account"))
                2 -> AccessToken2.ServiceRtm(opt(s, "user_id"))
                3 -> AccessToken2.ServiceStreaming(opt(s, "channel_name"), opt(s, "account"))
                4 -> AccessToken2.ServiceFpa()
                5 -> AccessToken2.ServiceChat(opt(s, "user_id"))
                6 -> AccessToken2.ServiceFCdn(opt(s, "channel_name"), opt(s, "account"))
                7 -> AccessToken2.ServiceApaas(opt(s, "room_uuid"), opt(s, "user_uuid"),
                    if (s.has("role")) s.i16("role") else -1)
                8 -> AccessToken2.ServiceRtm2(opt(s, "user_id"), permissions(s))
                else -> throw Args.Refusal.unsupported("the tree has no class for 007 service type $type (1-8)")
            }
            service.privileges.putAll(s.privileges("privileges"))
            return service
        }

        private fun permissions(a: Args) = AccessToken2.ServiceRtm2.Permissions().apply {
            if (a.has("permissions")) {
                a["permissions"].asJsonArray.forEach {
                    val entry = a.sub(it, "permissions")
                    add(entry.i16("resource_type"), entry.i16("permission_type"),
                        entry["resources"].asJsonArray.map { r -> r.asString })
                }
            }
        }

        private fun parse(token: String): AccessToken2 {
            if (!token.startsWith("007")) {
                throw Args.Refusal.unsupported("the Kotlin tree parses only 007 tokens")
            }
            val t = AccessToken2()
            if (!t.parse(token)) {
                val content = try {
                    io.agora.media.Utils.decompress(io.agora.media.Utils.base64Decode(token.substring(3)))
                } catch (e: IllegalArgumentException) {
                    throw Args.Refusal("decode_error", "bad_base64", "AccessToken2.parse refused the token: $e")
                }
                val reason = if (content.isEmpty()) "bad_zlib" else "truncated"
                throw Args.Refusal("decode_error", reason, "AccessToken2.parse refused the token")
            }
            return t
        }

        /** The parsed signature, kept in a private property. */
        private fun signature(t: AccessToken2): ByteArray =
            AccessToken2::class.java.getDeclaredField("signature").apply { isAccessible = true }.get(t) as ByteArray

        private fun service(s: AccessToken2.Service) = JsonObject().apply {
            addProperty("type", s.serviceType.toInt() and 0xFFFF)
            add("privileges", Protocol.privileges(s.privileges))
            when (s) {
                is AccessToken2.ServiceRtc -> { addProperty("channel_name", s.channelName); addProperty("account", s.uid) }
                is AccessToken2.ServiceStreaming -> { addProperty("channel_name", s.channelName); addProperty("account", s.account) }
                is AccessToken2.ServiceFCdn -> { addProperty("channel_name", s.channelName); addProperty("account", s.account) }
                is AccessToken2.ServiceRtm -> addProperty("user_id", s.userId)
                is AccessToken2.ServiceChat -> addProperty("user_id", s.userId)
                is AccessToken2.ServiceApaas -> {
                    addProperty("room_uuid", s.roomUuid)
                    addProperty("user_uuid", s.userUuid)
                    addProperty("role", s.role)
                }
                is AccessToken2.ServiceRtm2 -> {
                    addProperty("user_id", s.userId)
                    add("permissions", JsonArray().apply {
                        s.permissions.details.forEach { (resource, byPermission) ->
                            byPermission.forEach { (permission, resources) ->
                                add(JsonObject().apply {
                                    addProperty("resource_type", resource.toInt() and 0xFFFF)
                                    addProperty("permission_type", permission.toInt() and 0xFFFF)
                                    add("resources", Protocol.strings(resources))
                                })
                            }
                        }
                    })
                }
                else -> {}
            }
        }
    }
}
