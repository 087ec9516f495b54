package org.agoraconformance;

import io.agora.apaas.ApaasTokenBuilder;
import io.agora.chat.ChatTokenBuilder2;
import io.agora.education.EducationTokenBuilder2;
import io.agora.media.FpaTokenBuilder;
import io.agora.media.RtcTokenBuilder;
import io.agora.media.RtcTokenBuilder2;
import io.agora.rtm.RtmTokenBuilder;
import io.agora.rtm.RtmTokenBuilder2;

/**
 * Builders mode: the package's public builders, called as a Java application would call them.
 * They read the clock and a random salt themselves, so every builder here is declared in
 * verify_mode. Numeric uids are passed as the Java int they become (signed above 2^31 - 1).
 */
final class Builders {
    static final String[] BUILDERS = {
        "rtc2.build_token_with_uid", "rtc2.build_token_with_user_account",
        "rtc2.build_token_with_uid_and_privilege", "rtc2.build_token_with_user_account_and_privilege",
        "rtc2.build_token_with_rtm", "rtc2.build_token_with_rtm2",
        "rtm2.build_token", "chat2.build_user_token", "chat2.build_app_token", "fpa2.build_token",
        "apaas2.build_room_user_token", "apaas2.build_user_token", "apaas2.build_app_token",
        "education2.build_room_user_token", "education2.build_user_token", "education2.build_app_token",
        "rtc.build_token_with_uid", "rtc.build_token_with_user_account", "rtm.build_token",
    };

    private Builders() {}

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
            case "rtc.build_token_with_uid":
                return new RtcTokenBuilder().buildTokenWithUid(id, cert, a.str("channel_name"), a.u32("uid"),
                        role006(a), a.u32("privilege_expired_ts"));
            case "rtc.build_token_with_user_account":
                return new RtcTokenBuilder().buildTokenWithUserAccount(id, cert, a.str("channel_name"),
                        a.str("account"), role006(a), a.u32("privilege_expired_ts"));
            case "rtm.build_token":
                return new RtmTokenBuilder().buildToken(id, cert, a.str("user_account"),
                        RtmTokenBuilder.Role.Rtm_User, a.u32("privilege_expired_ts"));
            default:
                throw Args.Refusal.unsupported("builder " + builder + " is not offered by this package");
        }
    }

    private static RtcTokenBuilder2.Role role2(Args a, String name) {
        return a.publisher(name) ? RtcTokenBuilder2.Role.ROLE_PUBLISHER : RtcTokenBuilder2.Role.ROLE_SUBSCRIBER;
    }

    private static RtcTokenBuilder.Role role006(Args a) {
        String role = a.str("role");
        switch (role) {
            case "attendee":
                return RtcTokenBuilder.Role.Role_Attendee;
            case "publisher":
                return RtcTokenBuilder.Role.Role_Publisher;
            case "subscriber":
                return RtcTokenBuilder.Role.Role_Subscriber;
            case "admin":
                return RtcTokenBuilder.Role.Role_Admin;
            default:
                throw Args.Refusal.invalid("role", "unknown role " + role);
        }
    }
}
