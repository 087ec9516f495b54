package org.agoraconformance;

import io.agora.media.RtcTokenBuilder;
import io.agora.rtm.RtmTokenBuilder;

/**
 * The 006 builders of the trees that have RtcTokenBuilder / io.agora.rtm.RtmTokenBuilder
 * (e683513 and da06bfb), called inside Pinning.call: the AccessToken they create reads the pinned
 * salt and clock (ts = now + 86400). Numeric uids go in as the Java int a caller passes.
 */
final class Builders006 {
    static final String[] BUILDERS = {
        "access_token.build", "rtc.build_token_with_uid", "rtc.build_token_with_user_account", "rtm.build_token",
    };

    private Builders006() {}

    /** The token, or null when the builder is not a 006 one. */
    static String build(String builder, Args a) throws Exception {
        switch (builder) {
            case "access_token.build":
                return Legacy006.accessToken(a);
            case "rtc.build_token_with_uid":
                return new RtcTokenBuilder().buildTokenWithUid(a.str("app_id"), a.str("app_certificate"),
                        a.str("channel_name"), a.u32("uid"), role(a), a.u32("privilege_expired_ts"));
            case "rtc.build_token_with_user_account":
                return new RtcTokenBuilder().buildTokenWithUserAccount(a.str("app_id"), a.str("app_certificate"),
                        a.str("channel_name"), a.str("account"), role(a), a.u32("privilege_expired_ts"));
            case "rtm.build_token":
                return new RtmTokenBuilder().buildToken(a.str("app_id"), a.str("app_certificate"),
                        a.str("user_account"), RtmTokenBuilder.Role.Rtm_User, a.u32("privilege_expired_ts"));
            default:
                return null;
        }
    }

    private static RtcTokenBuilder.Role role(Args a) {
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
