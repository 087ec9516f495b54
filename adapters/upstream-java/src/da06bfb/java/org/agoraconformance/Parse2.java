package org.agoraconformance;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.agora.media.AccessToken2;
import io.agora.media.Utils;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;

/**
 * decode and verify with the da06bfb tree's parsers: AccessToken2.parse / verifySignature (007),
 * AccessToken.fromString (006, re-signed to verify), DynamicKey5.fromString (005, decode only).
 * The 007 signature, which the parser keeps in a private field, is read by reflection.
 */
final class Parse2 {
    private Parse2() {}

    static JsonObject decode(String token) throws Exception {
        if (token.startsWith("006")) {
            return Legacy006.decode006(token);
        }
        if (token.startsWith("005")) {
            return Legacy006.decode005(token);
        }
        requireParser(token);
        AccessToken2 t = parse007(token);
        JsonObject f = new JsonObject();
        f.addProperty("version", "007");
        f.addProperty("signature", Protocol.hex(signature(t)));
        f.addProperty("app_id", t.appId);
        f.addProperty("issue_ts", Integer.toUnsignedLong(t.issueTs));
        f.addProperty("expire", Integer.toUnsignedLong(t.expire));
        f.addProperty("salt", Integer.toUnsignedLong(t.salt));
        JsonArray services = new JsonArray();
        for (AccessToken2.Service s : t.services) {
            services.add(service(s));
        }
        f.add("services", services);
        return f;
    }

    static JsonObject verify(JsonObject req) throws Exception {
        String token = req.get("token").getAsString();
        if (token.startsWith("006")) {
            return Legacy006.verify006(req);
        }
        requireParser(token);
        AccessToken2 t;
        try {
            t = parse007(token);
        } catch (Args.Refusal e) {
            return Protocol.verdict(e.reason, 0, req);
        }
        boolean ok = t.verifySignature(req.get("app_certificate").getAsString());
        return Protocol.verdict(ok ? null : "bad_signature",
                Integer.toUnsignedLong(t.issueTs) + Integer.toUnsignedLong(t.expire), req);
    }

    /** Only 007, 006 and 005 have parsers in the tree. */
    private static void requireParser(String token) {
        for (String prefix : new String[] {"005", "004", "003", "1:"}) {
            if (token.startsWith(prefix)) {
                throw Args.Refusal.unsupported("the tree has no parser for " + prefix + " tokens");
            }
        }
    }

    private static AccessToken2 parse007(String token) {
        AccessToken2 t = new AccessToken2();
        if (!t.parse(token)) {
            throw new Args.Refusal("decode_error", classify(token), "AccessToken2.parse refused the token");
        }
        return t;
    }

    /** Why the parser refused a token: only used for the decode_error reason. */
    private static String classify(String token) {
        if (!token.startsWith("007")) {
            return "bad_version";
        }
        byte[] content = Utils.decompress(Utils.base64Decode(token.substring(3)));
        return content.length == 0 ? "bad_zlib" : "truncated";
    }

    private static byte[] signature(AccessToken2 t) throws ReflectiveOperationException {
        Field f = AccessToken2.class.getDeclaredField("signature");
        f.setAccessible(true);
        return (byte[]) f.get(t);
    }

    private static JsonObject service(AccessToken2.Service s) {
        JsonObject o = new JsonObject();
        o.addProperty("type", s.getServiceType() & 0xFFFF);
        o.add("privileges", Protocol.privileges(s.privileges));
        if (s instanceof AccessToken2.ServiceRtc) {
            o.addProperty("channel_name", ((AccessToken2.ServiceRtc) s).channelName);
            o.addProperty("account", ((AccessToken2.ServiceRtc) s).uid);
        } else if (s instanceof AccessToken2.ServiceStreaming) {
            o.addProperty("channel_name", ((AccessToken2.ServiceStreaming) s).channelName);
            o.addProperty("account", ((AccessToken2.ServiceStreaming) s).account);
        } else if (s instanceof AccessToken2.ServiceFCdn) {
            o.addProperty("channel_name", ((AccessToken2.ServiceFCdn) s).channelName);
            o.addProperty("account", ((AccessToken2.ServiceFCdn) s).account);
        } else if (s instanceof AccessToken2.ServiceRtm) {
            o.addProperty("user_id", ((AccessToken2.ServiceRtm) s).userId);
        } else if (s instanceof AccessToken2.ServiceChat) {
            o.addProperty("user_id", ((AccessToken2.ServiceChat) s).userId);
        } else if (s instanceof AccessToken2.ServiceApaas) {
            AccessToken2.ServiceApaas ap = (AccessToken2.ServiceApaas) s;
            o.addProperty("room_uuid", ap.roomUuid);
            o.addProperty("user_uuid", ap.userUuid);
            o.addProperty("role", ap.role);
        } else if (s instanceof AccessToken2.ServiceRtm2) {
            AccessToken2.ServiceRtm2 r = (AccessToken2.ServiceRtm2) s;
            o.addProperty("user_id", r.userId);
            o.add("permissions", permissions(r.permissions.details));
        }
        return o;
    }

    private static JsonArray permissions(Map<Short, ? extends Map<Short, List<String>>> details) {
        JsonArray out = new JsonArray();
        details.forEach((resource, byPermission) -> byPermission.forEach((permission, resources) -> {
            JsonObject p = new JsonObject();
            p.addProperty("resource_type", resource & 0xFFFF);
            p.addProperty("permission_type", permission & 0xFFFF);
            p.add("resources", Protocol.strings(resources));
            out.add(p);
        }));
        return out;
    }
}
