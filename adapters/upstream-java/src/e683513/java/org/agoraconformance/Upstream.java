package org.agoraconformance;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Testee for the upstream Java tree @ e683513 (2020: 006 RtcTokenBuilder / RtmTokenBuilder,
 * DynamicKey v1/v3/v4/v5, SignalingToken), compiled in place by pom.xml. The 006 builders read the
 * clock and salt through io.agora.media.Utils, pinned by {@link Pinning}: all run in exact mode.
 * Usage: java -jar target/e683513/upstream-java.jar UPSTREAM/java
 */
public final class Upstream implements Protocol.Testee {
    private final UpstreamTree tree;

    private Upstream(UpstreamTree tree) {
        this.tree = tree;
    }

    public static void main(String[] argv) throws Exception {
        Protocol.serve(new Upstream(UpstreamTree.check(argv)));
    }

    @Override
    public JsonObject hello() {
        List<String> builders = new ArrayList<>(List.of(Builders006.BUILDERS));
        builders.addAll(List.of(Legacy.BUILDERS));
        return Protocol.hello(tree.implementation("upstream-2020-java", "java",
                        "006 RtcTokenBuilder/RtmTokenBuilder with Utils.getTimestamp/randomInt pinned"),
                builders, List.of("build", "decode", "verify"), List.of());
    }

    @Override
    public JsonObject build(String builder, Args args, Long salt, Long now) throws Exception {
        String token = Legacy.build(builder, args);
        if (token == null) {
            token = Pinning.call(salt, now, () -> Builders006.build(builder, args));
        }
        if (token == null) {
            throw Args.Refusal.unsupported("builder " + builder + " is not offered by this tree");
        }
        return Protocol.token(token);
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

    /** The tree parses 006 (and 005, decode only); a 007 or older key is not its business. */
    private static void requireParser(String token) {
        if (!token.startsWith("006")) {
            throw Args.Refusal.unsupported("the tree has no parser for this token (only 006 and 005)");
        }
    }
}
