package org.agoraconformance;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The JSON-lines testee protocol v1 (docs/testee-protocol.md), shared by the JVM adapters: the
 * read-dispatch-answer loop, the hello answer and the mapping of exceptions to error answers.
 * A {@link Testee} supplies the implementation-specific part.
 */
public final class Protocol {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    /** One implementation behind the protocol. */
    public interface Testee {
        JsonObject hello();

        /** The answer's fields for a build request: "token" (and "results" for scripts). */
        JsonObject build(String builder, Args args, Long salt, Long now) throws Exception;

        /** Decoded fields (docs/architecture.md); refusals raise {@link Args.Refusal}. */
        default JsonObject decode(String token) throws Exception {
            throw Args.Refusal.unsupported("decode is not offered");
        }

        /** {"valid": bool, "reason": ...} for a verify request. */
        default JsonObject verify(JsonObject req) throws Exception {
            throw Args.Refusal.unsupported("verify is not offered");
        }
    }

    private Protocol() {}

    /** Answer requests from stdin until "stop" or end of input, one flushed line each. */
    static void serve(Testee testee) throws Exception {
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
            JsonObject answer = op.equals("hello") ? testee.hello() : handle(testee, req, op);
            out.println(GSON.toJson(answer));
            out.flush();
        }
    }

    private static JsonObject handle(Testee testee, JsonObject req, String op) {
        JsonObject out = new JsonObject();
        out.addProperty("id", req.has("id") ? req.get("id").getAsString() : "");
        try {
            JsonObject body;
            switch (op) {
                case "build":
                    body = testee.build(req.get("builder").getAsString(),
                            new Args(req.has("args") ? req.getAsJsonObject("args") : null),
                            optionalLong(req, "salt"), optionalLong(req, "now"));
                    break;
                case "decode": {
                    body = new JsonObject();
                    body.add("fields", testee.decode(req.get("token").getAsString()));
                    break;
                }
                case "verify":
                    body = testee.verify(req);
                    break;
                default:
                    throw Args.Refusal.unsupported("unknown op " + op);
            }
            body.entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
        } catch (Args.Refusal r) {
            out.add("error", error(r.kind, r.getMessage(), r.reason));
        } catch (Exception | Error e) {
            e.printStackTrace(System.err);
            out.add("error", error("internal", e.toString(), null));
        }
        return out;
    }

    /** The hello answer. */
    static JsonObject hello(JsonObject implementation, List<String> builders, List<String> operations,
            List<String> verifyMode) {
        JsonObject h = new JsonObject();
        h.addProperty("op", "hello");
        h.addProperty("protocol", 1);
        h.add("implementation", implementation);
        h.add("builders", strings(builders));
        h.add("operations", strings(operations));
        h.add("verify_mode", strings(verifyMode));
        return h;
    }

    static JsonObject implementation(String name, String language, String version, String homepage,
            String notes) {
        JsonObject impl = new JsonObject();
        impl.addProperty("name", name);
        impl.addProperty("language", language);
        impl.addProperty("version", version);
        impl.addProperty("homepage", homepage);
        impl.addProperty("notes", notes);
        return impl;
    }

    /** A build answer body holding only the token. */
    static JsonObject token(String token) {
        JsonObject o = new JsonObject();
        o.addProperty("token", token);
        return o;
    }

    /** A verify answer: invalid with {@code failure}, else expired when the request's now is past
     *  {@code expiry}, else valid. */
    static JsonObject verdict(String failure, long expiry, JsonObject req) {
        Long now = optionalLong(req, "now");
        String reason = failure != null ? failure : now != null && now > expiry ? "expired" : null;
        JsonObject out = new JsonObject();
        out.addProperty("valid", reason == null);
        if (reason != null) {
            out.addProperty("reason", reason);
        }
        return out;
    }

    static JsonArray strings(List<String> items) {
        JsonArray a = new JsonArray();
        items.forEach(a::add);
        return a;
    }

    /** A privilege map keyed by the decimal id, values unsigned. */
    static JsonObject privileges(Map<Short, Integer> m) {
        JsonObject o = new JsonObject();
        for (Map.Entry<Short, Integer> e : m.entrySet()) {
            o.add(Integer.toString(e.getKey() & 0xFFFF), new JsonPrimitive(Integer.toUnsignedLong(e.getValue())));
        }
        return o;
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
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
