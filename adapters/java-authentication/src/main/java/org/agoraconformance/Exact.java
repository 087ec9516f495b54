package org.agoraconformance;

import com.google.gson.JsonElement;
import io.agora.media.AccessToken;
import io.agora.media.AccessToken2;
import io.agora.media.Utils;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact mode: tokens built on the package's low-level classes with the case's fixed salt and clock
 * (public fields issueTs/salt, 006 message.salt/ts). The builders' service composition is
 * re-stated here as thinly as possible; uids go through the package's own conversions (007
 * AccessToken2.getUidStr(int); 006 the signed String.valueOf(int) of RtcTokenBuilder), so a uid
 * of 2^31 or more reaches the package as the negative int a Java caller would pass.
 */
final class Exact {
    static final String[] BUILDERS = {
        "access_token2.build",
        "rtc2.build_token_with_uid", "rtc2.build_token_with_user_account",
        "rtc2.build_token_with_uid_and_privilege", "rtc2.build_token_with_user_account_and_privilege",
        "rtc2.build_token_with_rtm", "rtc2.build_token_with_rtm2",
        "rtm2.build_token", "chat2.build_user_token", "chat2.build_app_token", "fpa2.build_token",
        "apaas2.build_room_user_token", "apaas2.build_user_token", "apaas2.build_app_token",
        "education2.build_room_user_token", "education2.build_user_token", "education2.build_app_token",
        "access_token.build", "rtc.build_token_with_uid", "rtc.build_token_with_user_account",
        "rtm.build_token",
    };

    private Exact() {}

    static String build(String builder, Args a, Long salt, Long now) throws Exception {
        if (builder.startsWith("rtc.") || builder.startsWith("rtm.") || builder.equals("access_token.build")) {
            return build006(builder, a, salt, now);
        }
        AccessToken2 t;
        switch (builder) {
            case "rtc2.build_token_with_uid":
            case "rtc2.build_token_with_user_account": {
                t = token(a, a.u32("token_expire"), salt, now);
                int p = a.u32Or("privilege_expire", 0);
                t.addService(rtc(a.str("channel_name"), account(a), a.publisher("role"), p, p, p, p));
                break;
            }
            case "rtc2.build_token_with_uid_and_privilege":
            case "rtc2.build_token_with_user_account_and_privilege":
                t = token(a, a.u32("token_expire"), salt, now);
                t.addService(rtc(a.str("channel_name"), account(a), true, a.u32("join_channel_privilege_expire"),
                        a.u32("pub_audio_privilege_expire"), a.u32("pub_video_privilege_expire"),
                        a.u32("pub_data_privilege_expire")));
                break;
            case "rtc2.build_token_with_rtm": {
                int expire = a.u32("token_expire");
                int p = a.u32Or("privilege_expire", 0);
                t = token(a, expire, salt, now);
                t.addService(rtc(a.str("channel_name"), a.str("account"), a.publisher("role"), p, p, p, p));
                t.addService(privileged(new AccessToken2.ServiceRtm(a.str("account")), 1, expire));
                break;
            }
            case "rtc2.build_token_with_rtm2":
                t = token(a, a.u32("rtc_token_expire"), salt, now);
                t.addService(rtc(a.str("channel_name"), a.str("rtc_account"), a.publisher("rtc_role"),
                        a.u32("join_channel_privilege_expire"), a.u32("pub_audio_privilege_expire"),
                        a.u32("pub_video_privilege_expire"), a.u32("pub_data_privilege_expire")));
                t.addService(privileged(new AccessToken2.ServiceRtm(a.str("rtm_user_id")), 1, a.u32("rtm_token_expire")));
                break;
            case "rtm2.build_token":
                t = token(a, a.u32("expire"), salt, now);
                t.addService(privileged(new AccessToken2.ServiceRtm(a.str("user_id")), 1, a.u32("expire")));
                break;
            case "chat2.build_user_token":
                t = token(a, a.u32("expire"), salt, now);
                t.addService(privileged(new AccessToken2.ServiceChat(a.str("user_id")), 1, a.u32("expire")));
                break;
            case "chat2.build_app_token":
                t = token(a, a.u32("expire"), salt, now);
                t.addService(privileged(new AccessToken2.ServiceChat(""), 2, a.u32("expire")));
                break;
            case "fpa2.build_token":
                t = token(a, 86400, salt, now);
                t.addService(privileged(new AccessToken2.ServiceFpa(), 1, 0));
                break;
            case "apaas2.build_room_user_token":
            case "education2.build_room_user_token": {
                int expire = a.u32("expire");
                String user = a.str("user_uuid");
                t = token(a, expire, salt, now);
                t.addService(privileged(new AccessToken2.ServiceApaas(a.str("room_uuid"), user, a.i16("role")), 1, expire));
                t.addService(privileged(new AccessToken2.ServiceRtm(user), 1, expire));
                t.addService(privileged(new AccessToken2.ServiceChat(Utils.md5(user)), 1, expire));
                break;
            }
            case "apaas2.build_user_token":
            case "education2.build_user_token":
                t = token(a, a.u32("expire"), salt, now);
                t.addService(privileged(new AccessToken2.ServiceApaas("", a.str("user_uuid"), (short) -1), 2, a.u32("expire")));
                break;
            case "apaas2.build_app_token":
            case "education2.build_app_token":
                t = token(a, a.u32("expire"), salt, now);
                t.addService(privileged(new AccessToken2.ServiceApaas("", "", (short) -1), 3, a.u32("expire")));
                break;
            case "access_token2.build":
                t = token(a, a.u32("expire"), salt, now);
                for (JsonElement e : a.get("services").getAsJsonArray()) {
                    t.addService(service(a.sub(e, "services")));  // keyed by type: last one wins
                }
                break;
            default:
                throw Args.Refusal.unsupported("builder " + builder + " is not offered by this package");
        }
        return t.build();
    }

    private static AccessToken2 token(Args a, int expire, Long salt, Long now) {
        AccessToken2 t = new AccessToken2(a.str("app_id"), a.str("app_certificate"), expire);
        if (salt != null) {
            t.salt = (int) salt.longValue();
        }
        if (now != null) {
            t.issueTs = (int) now.longValue();
        }
        return t;
    }

    private static String account(Args a) {
        return a.has("uid") ? AccessToken2.getUidStr(a.u32("uid")) : a.str("account");
    }

    private static AccessToken2.Service rtc(String channel, String account, boolean publisher,
            int join, int audio, int video, int data) {
        AccessToken2.Service s = privileged(new AccessToken2.ServiceRtc(channel, account), 1, join);
        if (publisher) {
            s.privileges.put((short) 2, audio);
            s.privileges.put((short) 3, video);
            s.privileges.put((short) 4, data);
        }
        return s;
    }

    private static AccessToken2.Service privileged(AccessToken2.Service s, int id, int value) {
        s.privileges.put((short) id, value);
        return s;
    }

    private static AccessToken2.Service service(Args s) {
        short type = (short) s.u32("type");
        AccessToken2.Service out;
        switch (type) {
            case 1:
                out = new AccessToken2.ServiceRtc(opt(s, "channel_name"), opt(s, "account"));
                break;
            case 2:
                out = new AccessToken2.ServiceRtm(opt(s, "user_id"));
                break;
            case 4:
                out = new AccessToken2.ServiceFpa();
                break;
            case 5:
                out = new AccessToken2.ServiceChat(opt(s, "user_id"));
                break;
            case 7:
                out = new AccessToken2.ServiceApaas(opt(s, "room_uuid"), opt(s, "user_uuid"),
                        s.has("role") ? s.i16("role") : (short) -1);
                break;
            default:
                throw Args.Refusal.unsupported("the package has no class for 007 service type " + type + " (only 1, 2, 4, 5, 7)");
        }
        for (Map.Entry<Short, Integer> e : s.privileges("privileges").entrySet()) {
            out.privileges.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static String opt(Args s, String name) {
        return s.has(name) ? s.str(name) : "";
    }

    private static String build006(String builder, Args a, Long salt, Long now) throws Exception {
        String channel;
        String uid;
        TreeMap<Short, Integer> privs = new TreeMap<>();
        switch (builder) {
            case "access_token.build":
                channel = a.str("channel_name");
                uid = a.get("uid").isJsonPrimitive() && a.get("uid").getAsJsonPrimitive().isString()
                        ? a.str("uid") : uid006(a.u32("uid"));
                privs = a.privileges("privileges");
                break;
            case "rtc.build_token_with_uid":
            case "rtc.build_token_with_user_account": {
                channel = a.str("channel_name");
                uid = a.has("uid") ? uid006(a.u32("uid")) : a.str("account");
                int exp = a.u32("privilege_expired_ts");
                privs.put((short) 1, exp);
                String role = a.str("role");
                if (role.equals("attendee") || role.equals("publisher") || role.equals("admin")) {
                    privs.put((short) 2, exp);
                    privs.put((short) 3, exp);
                    privs.put((short) 4, exp);
                } else if (!role.equals("subscriber")) {
                    throw Args.Refusal.invalid("role", "unknown role " + role);
                }
                break;
            }
            case "rtm.build_token":
                channel = a.str("user_account");
                uid = "";
                privs.put((short) 1000, a.u32("privilege_expired_ts"));
                break;
            default:
                throw Args.Refusal.unsupported("builder " + builder + " is not offered by this package");
        }
        AccessToken t = new AccessToken(a.str("app_id"), a.str("app_certificate"), channel, uid);
        if (salt != null) {
            t.message.salt = (int) salt.longValue();
        }
        if (now != null) {
            t.message.ts = (int) (now + 86400);
        }
        if (builder.equals("access_token.build") && a.has("ts")) {
            t.message.ts = a.u32("ts");
        }
        t.message.messages.putAll(privs);
        return t.build();
    }

    /** The 006 RtcTokenBuilder.buildTokenWithUid conversion: 0 -> "", else the signed decimal. */
    private static String uid006(int uid) {
        return uid == 0 ? "" : String.valueOf(uid);
    }
}
