package org.agoraconformance;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Testee for the upstream Java tree @ da06bfb (AgoraIO/Tools DynamicKey/AgoraDynamicKey/java,
 * compiled in place by pom.xml). Every builder is upstream's public one; the clock and salt they
 * read through io.agora.media.Utils are pinned by {@link Pinning}, so all run in exact mode.
 * Usage: java -jar target/da06bfb/upstream-java.jar UPSTREAM/java
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
        List<String> builders = new ArrayList<>(List.of(Builders2.BUILDERS));
        builders.addAll(List.of(Builders006.BUILDERS));
        builders.addAll(List.of(Legacy.BUILDERS));
        return Protocol.hello(tree.implementation("upstream-java", "java",
                        "public builders with Utils.getTimestamp/randomInt pinned; AccessToken2/AccessToken for the low-level ids"),
                builders, List.of("build", "decode", "verify"), List.of());
    }

    @Override
    public JsonObject build(String builder, Args args, Long salt, Long now) throws Exception {
        String legacy = Legacy.build(builder, args);
        return Protocol.token(legacy != null ? legacy : Pinning.call(salt, now, () -> {
            String token = Builders006.build(builder, args);
            return token != null ? token : Builders2.build(builder, args);
        }));
    }

    @Override
    public JsonObject decode(String token) throws Exception {
        return Parse2.decode(token);
    }

    @Override
    public JsonObject verify(JsonObject req) throws Exception {
        return Parse2.verify(req);
    }
}
