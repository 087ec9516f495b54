package org.agoraconformance;

import com.google.gson.JsonElement;
import io.agora.apaas.ApaasTokenBuilder;
import io.agora.chat.ChatTokenBuilder2;
import io.agora.education.EducationTokenBuilder2;
import io.agora.media.AccessToken2;
import io.agora.media.FpaTokenBuilder;
import io.agora.media.RtcTokenBuilder2;
import io.agora.rtm.RtmTokenBuilder2;
import java.util.ArrayList;
import java.util.List;

/**
 * The da06bfb tree's 007 builders (006: Builders006), called as a Java application calls them
 * (numeric uids as the Java int they become), inside Pinning.call. access_token2.build uses
 * AccessToken2 directly: its constructor reads the pinned clock and salt.
 */
final class Builders2 {
    static final String[] BUILDERS = {
        "access_token2.build",
        "rtc2.build_token_with_uid", "rtc2.build_token_with_user_account",
        "rtc2.build_token_with_uid_and_privilege", "rtc2.build_token_with_user_account_and_privilege",
        "rtc2.build_token_with_rtm", "rtc2.build_token_with_rtm2",
        "rtm2.build_token", "rtm2.build_token_with_permissions",
        "chat2.build_user_token", "chat2.build_app_token", "fpa2.build_token",
        "apaas2.build_room_user_token", "apaas2.build_user_token", "apaas2.build_app_token",
        "education2.build_room_user_token", "education2.build_user_token", "education2.build_app_token",
    };

    private Builders2() {}

    static String build(String builder, Args a) throws Exception {
        RtcTokenBuilder2 rtc = new RtcTokenBuilder2();
        String id = a.str("app_id");
        String cert = a.str("app_certificate");
        switch (builder) {
            case "rtc2.build_token_with_uid":
                return rtc.buildTokenWithUid(id, cert, a.str("channel_name"), a.u32("uid"), role2(a, "role"),
                        a.u32("token_expire"), a.u32Or("privilege_expire", 0));
            case "rtc2.build_token_with_user_account":
                return rtc.buildTokenWithUserAccount(id, cert, a.str("channel_name"), a.str("account"),
                        role2(a, "role"), a.u32("token_expire"), a.u32Or("privilege_expire", 0));
            case "rtc2.build_token_with_uid_and_privilege":
                return rtc.buildTokenWithUid(id, cert, a.str("channel_name"), a.u32("uid"), a.u32("token_expire"),
                        a.u32("join_channel_privilege_expire"), a.u32("pub_audio_privilege_expire"),
                        a.u32("pub_video_privilege_expire"), a.u32("pub_data_privilege_expire"));
            case "rtc2.build_token_with_user_account_and_privilege":
                return rtc.buildTokenWithUserAccount(id, cert, a.str("channel_name"), a.str("account"),
                        a.u32("token_expire"), a.u32("join_channel_privilege_expire"),
                        a.u32("pub_audio_privilege_expire"), a.u32("pub_video_privilege_expire"),
                        a.u32("pub_data_privilege_expire"));
            case "rtc2.build_token_with_rtm":
                return rtc.buildTokenWithRtm(id, cert, a.str("channel_name"), a.str("account"), role2(a, "role"),
                        a.u32("token_expire"), a.u32Or("privilege_expire", 0));
            case "rtc2.build_token_with_rtm2":
                return rtc.buildTokenWithRtm2(id, cert, a.str("channel_name"), a.str("rtc_account"),
                        role2(a, "rtc_role"), a.u32("rtc_token_expire"), a.u32("join_channel_privilege_expire"),
                        a.u32("pub_audio_privilege_expire"), a.u32("pub_video_privilege_expire"),
                        a.u32("pub_data_privilege_expire"), a.str("rtm_user_id"), a.u32("rtm_token_expire"));
            case "rtm2.build_token":
                return new RtmTokenBuilder2().buildToken(id, cert, a.str("user_id"), a.u32("expire"));
            case "rtm2.build_token_with_permissions":
                return new RtmTokenBuilder2().buildTokenWithPermissions(id, cert, a.str("user_id"),
                        permissions(a), a.u32("expire"));
            case "chat2.build_user_token":
                return new ChatTokenBuilder2().buildUserToken(id, cert, a.str("user_id"), a.u32("expire"));
            case "chat2.build_app_token":
                return new ChatTokenBuilder2().buildAppToken(id, cert, a.u32("expire"));
            case "fpa2.build_token":
                return new FpaTokenBuilder().buildToken(id, cert);
            case "apaas2.build_room_user_token":
                return new ApaasTokenBuilder().buildRoomUserToken(id, cert, a.str("room_uuid"), a.str("user_uuid"),
                        a.i16("role"), a.u32("expire"));
            case "apaas2.build_user_token":
                return new ApaasTokenBuilder().buildUserToken(id, cert, a.str("user_uuid"), a.u32("expire"));
            case "apaas2.build_app_token":
                return new ApaasTokenBuilder().buildAppToken(id, cert, a.u32("expire"));
            case "education2.build_room_user_token":
                return new EducationTokenBuilder2().buildRoomUserToken(id, cert, a.str("room_uuid"),
                        a.str("user_uuid"), a.i16("role"), a.u32("expire"));
            case "education2.build_user_token":
                return new EducationTokenBuilder2().buildUserToken(id, cert, a.str("user_uuid"), a.u32("expire"));
            case "education2.build_app_token":
                return new EducationTokenBuilder2().buildAppToken(id, cert, a.u32("expire"));
            case "access_token2.build":
                return accessToken2(a);
            default:
                throw Args.Refusal.unsupported("builder " + builder + " is not offered by this tree");
        }
    }

    private static String accessToken2(Args a) throws Exception {
        AccessToken2 t = new AccessToken2(a.str("app_id"), a.str("app_certificate"), a.u32("expire"));
        for (JsonElement e : a.get("services").getAsJsonArray()) {
            t.addService(service(a.sub(e, "services")));
        }
        return t.build();
    }

    private static AccessToken2.Service service(Args s) {
        short type = (short) s.u32("type");
        AccessToken2.Service out;
        switch (type) {
            case AccessToken2.SERVICE_TYPE_RTC:
                out = new AccessToken2.ServiceRtc(opt(s, "channel_name"), opt(s, "account"));
                break;
            case AccessToken2.SERVICE_TYPE_RTM:
                out = new AccessToken2.ServiceRtm(opt(s, "user_id"));
                break;
            case AccessToken2.SERVICE_TYPE_STREAMING:
                out = new AccessToken2.ServiceStreaming(opt(s, "channel_name"), opt(s, "account"));
                break;
            case AccessToken2.SERVICE_TYPE_FPA:
                out = new AccessToken2.ServiceFpa();
                break;
            case AccessToken2.SERVICE_TYPE_CHAT:
                out = new AccessToken2.ServiceChat(opt(s, "user_id"));
                break;
            case AccessToken2.SERVICE_TYPE_FCDN:
                out = new AccessToken2.ServiceFCdn(opt(s, "channel_name"), opt(s, "account"));
                break;
            case AccessToken2.SERVICE_TYPE_APAAS:
                out = new AccessToken2.ServiceApaas(opt(s, "room_uuid"), opt(s, "user_uuid"),
                        s.has("role") ? s.i16("role") : (short) -1);
                break;
            case AccessToken2.SERVICE_TYPE_RTM2:
                out = new AccessToken2.ServiceRtm2(opt(s, "user_id"), permissions(s));
                break;
            default:
                throw Args.Refusal.unsupported("the tree has no class for 007 service type " + type + " (1-8)");
        }
        out.privileges.putAll(s.privileges("privileges"));
        return out;
    }

    private static AccessToken2.ServiceRtm2.Permissions permissions(Args a) {
        AccessToken2.ServiceRtm2.Permissions p = new AccessToken2.ServiceRtm2.Permissions();
        if (!a.has("permissions")) {
            return p;
        }
        for (JsonElement e : a.get("permissions").getAsJsonArray()) {
            Args entry = a.sub(e, "permissions");
            List<String> resources = new ArrayList<>();
            for (JsonElement r : entry.get("resources").getAsJsonArray()) {
                resources.add(r.getAsString());
            }
            p.add(entry.i16("resource_type"), entry.i16("permission_type"), resources);
        }
        return p;
    }

    private static String opt(Args s, String name) {
        return s.has(name) ? s.str(name) : "";
    }

    private static RtcTokenBuilder2.Role role2(Args a, String name) {
        return a.publisher(name) ? RtcTokenBuilder2.Role.ROLE_PUBLISHER : RtcTokenBuilder2.Role.ROLE_SUBSCRIBER;
    }
}
