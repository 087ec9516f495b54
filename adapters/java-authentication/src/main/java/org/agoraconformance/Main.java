package org.agoraconformance;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Conformance testee (JSON-lines protocol v1, loop in jvm-common's Protocol) for the Maven
 * artifact io.agora:authentication. Default "exact" mode builds on the low-level classes with the
 * fixed salt and clock; "--builders" calls the public builders and declares them all in verify_mode.
 */
public final class Main implements Protocol.Testee {
    private static final String VERSION = Main.class.getPackage().getImplementationVersion();

    private final boolean builders;

    private Main(boolean builders) {
        this.builders = builders;
    }

    public static void main(String[] argv) throws Exception {
        Protocol.serve(new Main(argv.length > 0 && argv[0].equals("--builders")));
    }

    @Override
    public JsonObject hello() {
        JsonObject impl = Protocol.implementation(
                builders ? "java-authentication-builders" : "java-authentication", "java",
                VERSION == null ? "unknown" : VERSION,
                "https://central.sonatype.com/artifact/io.agora/authentication",
                builders ? "public builders (Utils.getTimestamp, randomInt): verify mode"
                        : "exact mode: AccessToken2/AccessToken with fixed issueTs/salt (006 message.salt/ts)");
        List<String> ids = List.of(builders ? Builders.BUILDERS : Exact.BUILDERS);
        List<String> all = new ArrayList<>(ids);
        all.addAll(List.of(Legacy.BUILDERS));
        return Protocol.hello(impl, all, List.of("build", "decode", "verify"), builders ? ids : List.of());
    }

    @Override
    public JsonObject build(String builder, Args args, Long salt, Long now) throws Exception {
        String token = Legacy.build(builder, args);
        if (token == null) {
            token = builders ? Builders.build(builder, args) : Exact.build(builder, args, salt, now);
        }
        return Protocol.token(token);
    }

    @Override
    public JsonObject decode(String token) throws Exception {
        return Parse.decode(token);
    }

    @Override
    public JsonObject verify(JsonObject req) throws Exception {
        return Parse.verify(req);
    }
}
