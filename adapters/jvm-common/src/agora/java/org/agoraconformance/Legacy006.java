package org.agoraconformance;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.agora.media.AccessToken;
import io.agora.media.DynamicKey5;
import java.util.Map;

/**
 * Decode and verify of the token formats every io.agora Java tree parses the same way: 006 with
 * AccessToken.fromString (verified by re-signing through its own build() with the candidate
 * certificate, channel and uid) and DynamicKey5 with DynamicKey5.fromString (decode only).
 */
final class Legacy006 {
    private Legacy006() {}

    /** access_token.build: the 006 token object with the case's ts and privileges (the salt is
     *  the constructor's, pinned or not). A numeric uid takes RtcTokenBuilder's int conversion. */
    static String accessToken(Args a) throws Exception {
        JsonElement uid = a.get("uid");
        String account = uid.isJsonPrimitive() && uid.getAsJsonPrimitive().isString() ? a.str("uid")
                : a.u32("uid") == 0 ? "" : String.valueOf(a.u32("uid"));
        AccessToken t = new AccessToken(a.str("app_id"), a.str("app_certificate"), a.str("channel_name"), account);
        if (a.has("ts")) {
            t.message.ts = a.u32("ts");
        }
        t.message.messages.putAll(a.privileges("privileges"));
        return t.build();
    }

    /** The verify answer for a 006 token (a token the parser refuses is invalid, with its reason). */
    static JsonObject verify006(JsonObject req) throws Exception {
        String token = req.get("token").getAsString();
        try {
            boolean ok = verify006(token, req.get("app_certificate").getAsString(), text(req, "channel_name"),
                    text(req, "uid"));
            return Protocol.verdict(ok ? null : "bad_signature", expiry006(token), req);
        } catch (Args.Refusal e) {
            if (e.reason == null) {
                throw e;
            }
            return Protocol.verdict(e.reason, 0, req);
        }
    }

    private static String text(JsonObject req, String name) {
        return req.has(name) && !req.get(name).isJsonNull() ? req.get(name).getAsString() : "";
    }

    static JsonObject decode006(String token) {
        AccessToken t = parse006(token);
        JsonObject f = new JsonObject();
        f.addProperty("version", "006");
        f.addProperty("signature", Protocol.hex(t.signature));
        f.addProperty("app_id", t.appId);
        f.addProperty("crc_channel_name", Integer.toUnsignedLong(t.crcChannelName));
        f.addProperty("crc_uid", Integer.toUnsignedLong(t.crcUid));
        f.addProperty("salt", Integer.toUnsignedLong(t.message.salt));
        f.addProperty("ts", Integer.toUnsignedLong(t.message.ts));
        f.add("privileges", Protocol.privileges(t.message.messages));
        return f;
    }

    /** Whether the signature matches the certificate, channel and uid (expiry: see expiry006). */
    static boolean verify006(String token, String cert, String channel, String uid) throws Exception {
        AccessToken parsed = parse006(token);
        AccessToken t = new AccessToken(parsed.appId, cert, channel, uid);
        t.message.salt = parsed.message.salt;
        t.message.ts = parsed.message.ts;
        t.message.messages.putAll(parsed.message.messages);
        return t.build().equals(token);
    }

    static long expiry006(String token) {
        return Integer.toUnsignedLong(parse006(token).message.ts);
    }

    static AccessToken parse006(String token) {
        AccessToken t = new AccessToken("", "", "", "");
        if (token.length() < 35 || !t.fromString(token)) {
            throw new Args.Refusal("decode_error", "truncated", "AccessToken.fromString refused the token");
        }
        return t;
    }

    static JsonObject decode005(String token) {
        DynamicKey5 k = new DynamicKey5();
        boolean ok;
        try {
            ok = k.fromString(token);
        } catch (RuntimeException e) {
            throw new Args.Refusal("decode_error", "truncated", "DynamicKey5.fromString failed: " + e);
        }
        if (!ok) {
            throw new Args.Refusal("decode_error", "bad_base64", "DynamicKey5.fromString refused the key");
        }
        DynamicKey5.DynamicKey5Content c = k.content;
        JsonObject f = new JsonObject();
        f.addProperty("version", "005");
        f.addProperty("service_type", c.serviceType & 0xFFFF);
        f.addProperty("signature", c.signature);
        f.addProperty("app_id", Protocol.hex(c.appID));
        f.addProperty("unix_ts", Integer.toUnsignedLong(c.unixTs));
        f.addProperty("random_int", Integer.toUnsignedLong(c.salt));
        f.addProperty("expired_ts", Integer.toUnsignedLong(c.expiredTs));
        JsonObject extra = new JsonObject();
        for (Map.Entry<Short, String> e : c.extra.entrySet()) {
            extra.addProperty(Integer.toString(e.getKey() & 0xFFFF), e.getValue());
        }
        f.add("extra", extra);
        return f;
    }
}
