package org.agoraconformance;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.agora.media.AccessToken;
import io.agora.media.RtmTokenBuilder;
import io.agora.media.SimpleTokenBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Testee for the upstream Java tree @ 55f8354 (2019: SimpleTokenBuilder, its RtmTokenBuilder,
 * DynamicKey v1/v3/v4/v5, SignalingToken), compiled in place by pom.xml. The builders read the
 * clock and salt through io.agora.media.Utils, pinned by {@link Pinning}. SimpleTokenBuilder's
 * role presets are shared static maps that setPrivilege mutates for every later builder (S-xx
 * "shared mutable state"); each script starts from the presets as loaded, as in a fresh JVM.
 * Usage: java -jar target/55f8354/upstream-java.jar UPSTREAM/java
 */
public final class Upstream implements Protocol.Testee {
    private static final String[] BUILDERS = {"simple_token_builder.script", "access_token.build", "rtm.build_token"};
    private static final List<TreeMap<Short, Integer>> PRESETS = List.of(SimpleTokenBuilder.attendeePrivileges,
            SimpleTokenBuilder.publisherPrivileges, SimpleTokenBuilder.subscriberPrivileges,
            SimpleTokenBuilder.adminPrivileges);

    private final UpstreamTree tree;
    private final List<TreeMap<Short, Integer>> loaded = new ArrayList<>();

    private Upstream(UpstreamTree tree) {
        this.tree = tree;
        PRESETS.forEach(p -> loaded.add(new TreeMap<>(p)));
    }

    public static void main(String[] argv) throws Exception {
        Protocol.serve(new Upstream(UpstreamTree.check(argv)));
    }

    @Override
    public JsonObject hello() {
        List<String> builders = new ArrayList<>(List.of(BUILDERS));
        builders.addAll(List.of(Legacy.BUILDERS));
        return Protocol.hello(tree.implementation("upstream-stb-java", "java",
                        "SimpleTokenBuilder scripts with Utils.getTimestamp/randomInt pinned"),
                builders, List.of("build", "decode", "verify"), List.of());
    }

    @Override
    public JsonObject build(String builder, Args a, Long salt, Long now) throws Exception {
        String legacy = Legacy.build(builder, a);
        if (legacy != null) {
            return Protocol.token(legacy);
        }
        switch (builder) {
            case "simple_token_builder.script":
                return Pinning.call(salt, now, () -> script(a));
            case "access_token.build":
                return Protocol.token(Pinning.call(salt, now, () -> Legacy006.accessToken(a)));
            case "rtm.build_token":
                return Protocol.token(Pinning.call(salt, now, () -> {
                    RtmTokenBuilder b = new RtmTokenBuilder(a.str("app_id"), a.str("app_certificate"), a.str("user_account"));
                    b.setPrivilege(AccessToken.Privileges.kRtmLogin, a.u32("privilege_expired_ts"));
                    return b.buildToken();
                }));
            default:
                throw Args.Refusal.unsupported("builder " + builder + " is not offered by this tree");
        }
    }

    /** Runs the steps on one SimpleTokenBuilder (docs/architecture.md "SimpleTokenBuilder steps"). */
    private JsonObject script(Args a) throws Exception {
        for (int i = 0; i < PRESETS.size(); i++) {
            PRESETS.get(i).clear();
            PRESETS.get(i).putAll(loaded.get(i));
        }
        JsonElement uid = a.get("uid");
        SimpleTokenBuilder b = uid.isJsonPrimitive() && uid.getAsJsonPrimitive().isString()
                ? new SimpleTokenBuilder(a.str("app_id"), a.str("app_certificate"), a.str("channel_name"), a.str("uid"))
                : new SimpleTokenBuilder(a.str("app_id"), a.str("app_certificate"), a.str("channel_name"), a.u32("uid"));
        JsonArray results = new JsonArray();
        String token = "";
        for (JsonElement e : a.get("steps").getAsJsonArray()) {
            Args step = a.sub(e, "steps");
            try {
                token = step(b, step, results, token);
            } catch (RuntimeException ex) {
                throw Args.Refusal.invalid("steps", "step " + results.size() + ": upstream threw " + ex);
            }
        }
        JsonObject out = Protocol.token(token);
        out.add("results", results);
        return out;
    }

    /** One step: appends its result and returns the script's token so far. */
    private static String step(SimpleTokenBuilder b, Args step, JsonArray results, String token) throws Exception {
        Map.Entry<String, JsonElement> only = step.json.entrySet().iterator().next();
        switch (only.getKey()) {
            case "init_privileges":
                b.initPrivileges(role(step.str("init_privileges")));
                results.add(JsonNull.INSTANCE);
                break;
            case "set_privilege": {
                JsonArray pair = only.getValue().getAsJsonArray();
                b.setPrivilege(privilege(pair.get(0).getAsInt()), (int) pair.get(1).getAsLong());
                results.add(JsonNull.INSTANCE);
                break;
            }
            case "remove_privilege":
                b.removePrivilege(privilege(only.getValue().getAsInt()));
                results.add(JsonNull.INSTANCE);
                break;
            case "init_token_builder":
                results.add(b.initTokenBuilder(step.str("init_token_builder")));
                break;
            case "build_token":
                token = b.buildToken();
                results.add(token);
                break;
            default:
                throw Args.Refusal.invalid("steps", "unknown step " + only.getKey());
        }
        return token;
    }

    private static SimpleTokenBuilder.Role role(String name) {
        switch (name) {
            case "attendee":
                return SimpleTokenBuilder.Role.Role_Attendee;
            case "publisher":
                return SimpleTokenBuilder.Role.Role_Publisher;
            case "subscriber":
                return SimpleTokenBuilder.Role.Role_Subscriber;
            case "admin":
                return SimpleTokenBuilder.Role.Role_Admin;
            default:
                throw Args.Refusal.invalid("init_privileges", "unknown role " + name);
        }
    }

    /** The AccessToken.Privileges constant with this id: the Java API takes only those. */
    private static AccessToken.Privileges privilege(int id) {
        for (AccessToken.Privileges p : AccessToken.Privileges.values()) {
            if ((p.intValue & 0xFFFF) == id) {
                return p;
            }
        }
        throw Args.Refusal.unsupported("privilege id " + id + " has no AccessToken.Privileges constant in this tree");
    }

    @Override
    public JsonObject decode(String token) throws Exception {
        if (token.startsWith("005")) {
            return Legacy006.decode005(token);
        }
        requireParser(token);
        return Legacy006.decode006(token);
    }

    @Override
    public JsonObject verify(JsonObject req) throws Exception {
        requireParser(req.get("token").getAsString());
        return Legacy006.verify006(req);
    }

    private static void requireParser(String token) {
        if (!token.startsWith("006")) {
            throw Args.Refusal.unsupported("the tree has no parser for this token (only 006 and 005)");
        }
    }
}
