package org.agoraconformance;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Conformance testee (JSON-lines protocol v1) for the Maven artifact io.agora:authentication.
 * Default "exact" mode builds on the low-level classes with the fixed salt and clock;
 * "--builders" calls the public builders and declares them all in verify_mode.
 */
public final class Main {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    private static final String VERSION = Main.class.getPackage().getImplementationVersion();

    private Main() {}

    public static void main(String[] argv) throws Exception {
        boolean builders = argv.length > 0 && argv[0].equals("--builders");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject req = JsonParser.parseString(line).getAsJsonObject();
            String op = req.has("op") ? req.get("op").getAsString() : "";
            if (op.equals("stop")) {
                break;
            }
            JsonObject answer = op.equals("hello") ? hello(builders) : handle(req, op, builders);
            out.println(GSON.toJson(answer));
            out.flush();
        }
    }

    private static JsonObject hello(boolean builders) {
        JsonObject impl = new JsonObject();
        impl.addProperty("name", builders ? "java-authentication-builders" : "java-authentication");
        impl.addProperty("language", "java");
        impl.addProperty("version", VERSION == null ? "unknown" : VERSION);
        impl.addProperty("homepage", "https://central.sonatype.com/artifact/io.agora/authentication");
        impl.addProperty("notes", builders
                ? "public builders (Utils.getTimestamp, randomInt): verify mode"
                : "exact mode: AccessToken2/AccessToken with fixed issueTs/salt (006 message.salt/ts)");
        JsonObject h = new JsonObject();
        h.addProperty("op", "hello");
        h.addProperty("protocol", 1);
        h.add("implementation", impl);
        JsonArray ids = new JsonArray();
        for (String id : builders ? Builders.BUILDERS : Exact.BUILDERS) {
            ids.add(id);
        }
        JsonArray all = ids.deepCopy();
        for (String id : Legacy.BUILDERS) {
            all.add(id);
        }
        h.add("builders", all);
        JsonArray ops = new JsonArray();
        ops.add("build");
        ops.add("decode");
        ops.add("verify");
        h.add("operations", ops);
        h.add("verify_mode", builders ? ids : new JsonArray());
        return h;
    }

    private static JsonObject handle(JsonObject req, String op, boolean builders) {
        JsonObject out = new JsonObject();
        String id = req.has("id") ? req.get("id").getAsString() : "";
        out.addProperty("id", id);
        try {
            switch (op) {
                case "build": {
                    Args args = new Args(req.has("args") ? req.getAsJsonObject("args") : null);
                    String builder = req.get("builder").getAsString();
                    String token = Legacy.build(builder, args);
                    if (token == null) {
                        token = builders ? Builders.build(builder, args)
                                : Exact.build(builder, args, optionalLong(req, "salt"), optionalLong(req, "now"));
                    }
                    out.addProperty("token", token);
                    break;
                }
                case "decode":
                    out.add("fields", Parse.decode(req.get("token").getAsString()));
                    break;
                case "verify":
                    JsonObject v = Parse.verify(req);
                    v.entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
                    break;
                default:
                    throw Args.Refusal.unsupported("unknown op " + op);
            }
        } catch (Args.Refusal r) {
            out.add("error", error(r.kind, r.getMessage(), r.reason));
        } catch (Exception | Error e) {
            e.printStackTrace(System.err);
            out.add("error", error("internal", e.toString(), null));
        }
        return out;
    }

    private static Long optionalLong(JsonObject req, String name) {
        return req.has(name) && !req.get(name).isJsonNull() ? req.get(name).getAsLong() : null;
    }

    private static JsonObject error(String kind, String message, String reason) {
        JsonObject e = new JsonObject();
        e.addProperty("kind", kind);
        e.addProperty("message", message);
        if (reason != null) {
            e.addProperty("reason", reason);
        }
        return e;
    }
}
