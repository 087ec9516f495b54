package org.agoraconformance;

import io.agora.media.DynamicKey;
import io.agora.media.DynamicKey3;
import io.agora.media.DynamicKey4;
import io.agora.media.DynamicKey5;
import io.agora.signal.SignalingToken;

/**
 * The package's DynamicKey v1/v3/v4/v5 and SignalingToken generators. They take their timestamps
 * and random values as arguments (no clock, no salt), so they are called directly in both modes.
 * Numbers go in as the Java types the methods take: int timestamps and random values, long uid.
 */
final class Legacy {
    static final String[] BUILDERS = {
        "dynamic_key1.generate", "dynamic_key3.generate",
        "dynamic_key4.generate_public_sharing_key", "dynamic_key4.generate_recording_key",
        "dynamic_key4.generate_media_channel_key",
        "dynamic_key5.generate_public_sharing_key", "dynamic_key5.generate_recording_key",
        "dynamic_key5.generate_media_channel_key", "dynamic_key5.generate_in_channel_permission_key",
        "signaling_token.generate",
    };

    private Legacy() {}

    /** The token, or null when the builder is not a legacy key. */
    static String build(String builder, Args a) throws Exception {
        if (builder.equals("signaling_token.generate")) {
            return SignalingToken.getToken(a.str("app_id"), a.str("app_certificate"), a.str("account"),
                    a.u32("expired_ts"));
        }
        if (!builder.startsWith("dynamic_key")) {
            return null;
        }
        String id = a.str("app_id");
        String cert = a.str("app_certificate");
        String ch = a.str("channel_name");
        int ts = a.u32("unix_ts");
        int rnd = a.u32("random_int");
        if (builder.equals("dynamic_key1.generate")) {
            return DynamicKey.generate(id, cert, ch, ts, rnd);
        }
        long uid = Integer.toUnsignedLong(a.u32("uid"));
        int exp = a.u32("expired_ts");
        switch (builder) {
            case "dynamic_key3.generate":
                return DynamicKey3.generate(id, cert, ch, ts, rnd, uid, exp);
            case "dynamic_key4.generate_public_sharing_key":
                return DynamicKey4.generatePublicSharingKey(id, cert, ch, ts, rnd, uid, exp);
            case "dynamic_key4.generate_recording_key":
                return DynamicKey4.generateRecordingKey(id, cert, ch, ts, rnd, uid, exp);
            case "dynamic_key4.generate_media_channel_key":
                return DynamicKey4.generateMediaChannelKey(id, cert, ch, ts, rnd, uid, exp);
            case "dynamic_key5.generate_public_sharing_key":
                return DynamicKey5.generatePublicSharingKey(id, cert, ch, ts, rnd, uid, exp);
            case "dynamic_key5.generate_recording_key":
                return DynamicKey5.generateRecordingKey(id, cert, ch, ts, rnd, uid, exp);
            case "dynamic_key5.generate_media_channel_key":
                return DynamicKey5.generateMediaChannelKey(id, cert, ch, ts, rnd, uid, exp);
            case "dynamic_key5.generate_in_channel_permission_key":
                return DynamicKey5.generateInChannelPermissionKey(id, cert, ch, ts, rnd, uid, exp,
                        a.str("permission"));
            default:
                throw Args.Refusal.unsupported("builder " + builder + " is not offered by this package");
        }
    }
}
