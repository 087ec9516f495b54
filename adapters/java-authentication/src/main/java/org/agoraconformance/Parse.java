package org.agoraconformance;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.agora.media.AccessToken;
import io.agora.media.AccessToken2;
import io.agora.media.Utils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * decode and verify through the package's parsers (AccessToken2.parse, AccessToken.fromString).
 * The package has no verify function, so a token is re-signed through its own build() with the
 * candidate certificate and the signatures are compared. The signature bytes, which the 007
 * parser does not keep, are read with the package's Utils.base64Decode/decompress.
 */
final class Parse {
    private Parse() {}

    /** Legacy keys: the package builds some of them but has no parser. */
    static void requireParser(String token) {
        for (String prefix : new String[] {"005", "004", "003", "1:"}) {
            if (token.startsWith(prefix)) {
                throw Args.Refusal.unsupported("the package has no parser for " + prefix + " tokens");
            }
        }
    }

    static JsonObject decode(String token) throws Exception {
        requireParser(token);
        if (token.startsWith("006")) {
            AccessToken t = parse006(token);
            JsonObject f = new JsonObject();
            f.addProperty("version", "006");
            f.addProperty("signature", Protocol.hex(t.signature));
            f.addProperty("app_id", token.substring(3, 35));
            f.addProperty("crc_channel_name", Integer.toUnsignedLong(t.crcChannelName));
            f.addProperty("crc_uid", Integer.toUnsignedLong(t.crcUid));
            f.addProperty("salt", Integer.toUnsignedLong(t.message.salt));
            f.addProperty("ts", Integer.toUnsignedLong(t.message.ts));
            f.add("privileges", Protocol.privileges(t.message.messages));
            return f;
        }
        AccessToken2 t = parse007(token);
        JsonObject f = new JsonObject();
        f.addProperty("version", "007");
        f.addProperty("signature", Protocol.hex(signature007(token)));
        f.addProperty("app_id", t.appId);
        f.addProperty("issue_ts", Integer.toUnsignedLong(t.issueTs));
        f.addProperty("expire", Integer.toUnsignedLong(t.expire));
        f.addProperty("salt", Integer.toUnsignedLong(t.salt));
        JsonArray services = new JsonArray();
        for (AccessToken2.Service s : t.services.values()) {  // keyed by type
            services.add(service(s));
        }
        f.add("services", services);
        return f;
    }

    static JsonObject verify(JsonObject req) throws Exception {
        String token = req.get("token").getAsString();
        requireParser(token);
        String cert = req.get("app_certificate").getAsString();
        Long now = req.has("now") && !req.get("now").isJsonNull() ? req.get("now").getAsLong() : null;
        boolean ok;
        long expiry;
        String failure = "bad_signature";
        try {
            if (token.startsWith("006")) {
                AccessToken parsed = parse006(token);
                AccessToken t = new AccessToken(token.substring(3, 35), cert, text(req, "channel_name"), text(req, "uid"));
                t.message.salt = parsed.message.salt;
                t.message.ts = parsed.message.ts;
                t.message.messages.putAll(parsed.message.messages);
                ok = t.build().equals(token);
                expiry = Integer.toUnsignedLong(parsed.message.ts);
            } else {
                AccessToken2 t = parse007(token);
                t.appCert = cert;
                ok = Arrays.equals(signature007(token), signature007(t.build()));
                expiry = Integer.toUnsignedLong(t.issueTs) + Integer.toUnsignedLong(t.expire);
            }
        } catch (Args.Refusal e) {
            ok = false;
            expiry = Long.MAX_VALUE;
            failure = e.reason != null ? e.reason : failure;
        } catch (IllegalArgumentException e) {
            ok = false;
            expiry = Long.MAX_VALUE;
        }
        JsonObject out = new JsonObject();
        String reason = !ok ? failure : (now != null && now > expiry ? "expired" : null);
        out.addProperty("valid", reason == null);
        if (reason != null) {
            out.addProperty("reason", reason);
        }
        return out;
    }

    private static String text(JsonObject req, String name) {
        return req.has(name) && !req.get(name).isJsonNull() ? req.get(name).getAsString() : "";
    }

    private static AccessToken parse006(String token) {
        AccessToken t = new AccessToken("", "", "", "");
        if (token.length() < 35 || !t.fromString(token)) {
            throw new Args.Refusal("decode_error", "truncated", "AccessToken.fromString refused the token");
        }
        return t;
    }

    private static AccessToken2 parse007(String token) {
        AccessToken2 t = new AccessToken2();
        if (!t.parse(token)) {
            throw new Args.Refusal("decode_error", classify(token), "AccessToken2.parse refused the token");
        }
        return t;
    }

    /** Why the parser refused a token: used only for the decode_error reason. */
    private static String classify(String token) {
        if (!token.startsWith("007")) {
            return "bad_version";
        }
        try {
            signature007(token);
        } catch (Args.Refusal e) {
            return e.reason;
        }
        return "truncated";
    }

    static byte[] signature007(String token) {
        byte[] content;
        try {
            content = Utils.decompress(Utils.base64Decode(token.substring(3)));
        } catch (RuntimeException e) {
            throw new Args.Refusal("decode_error", "bad_zlib", "cannot inflate: " + e);
        }
        if (content == null || content.length < 2) {
            throw new Args.Refusal("decode_error", "bad_zlib", "cannot inflate the token");
        }
        int n = ByteBuffer.wrap(content, 0, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
        if (content.length < 2 + n) {
            throw new Args.Refusal("decode_error", "truncated", "signature cut short");
        }
        return Arrays.copyOfRange(content, 2, 2 + n);
    }

    private static JsonObject service(AccessToken2.Service s) {
        JsonObject o = new JsonObject();
        int type = s.getServiceType() & 0xFFFF;
        o.addProperty("type", type);
        o.add("privileges", Protocol.privileges(s.privileges));
        if (s instanceof AccessToken2.ServiceRtc) {
            o.addProperty("channel_name", ((AccessToken2.ServiceRtc) s).channelName);
            o.addProperty("account", ((AccessToken2.ServiceRtc) s).uid);
        } else if (s instanceof AccessToken2.ServiceRtm) {
            o.addProperty("user_id", ((AccessToken2.ServiceRtm) s).userId);
        } else if (s instanceof AccessToken2.ServiceChat) {
            o.addProperty("user_id", ((AccessToken2.ServiceChat) s).userId);
        } else if (s instanceof AccessToken2.ServiceApaas) {
            AccessToken2.ServiceApaas ap = (AccessToken2.ServiceApaas) s;
            o.addProperty("room_uuid", ap.roomUuid);
            o.addProperty("user_uuid", ap.userUuid);
            o.addProperty("role", ap.role);
        }
        return o;
    }
}
