package org.agoraconformance;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigInteger;
import java.util.TreeMap;

/** Typed access to a build request's named arguments; bad values raise {@link Refusal}. */
public final class Args {
    private static final BigInteger U32_MAX = BigInteger.valueOf(0xFFFFFFFFL);

    /** A build or decode refusal, reported with a protocol error kind. */
    public static final class Refusal extends RuntimeException {
        final String kind;
        final String reason;

        Refusal(String kind, String message) {
            this(kind, null, message);
        }

        Refusal(String kind, String reason, String message) {
            super(message);
            this.kind = kind;
            this.reason = reason;
        }

        static Refusal invalid(String field, String message) {
            return new Refusal("invalid_input", field + ": " + message);
        }

        static Refusal unsupported(String message) {
            return new Refusal("unsupported", message);
        }
    }

    final JsonObject json;

    Args(JsonObject json) {
        this.json = json == null ? new JsonObject() : json;
    }

    boolean has(String name) {
        return json.has(name) && !json.get(name).isJsonNull();
    }

    JsonElement get(String name) {
        if (!has(name)) {
            throw Refusal.invalid(name, "missing");
        }
        return json.get(name);
    }

    String str(String name) {
        JsonElement e = get(name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw Refusal.invalid(name, "expected text, got " + e);
        }
        return e.getAsString();
    }

    BigInteger integer(String name) {
        JsonElement e = get(name);
        try {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                return e.getAsBigDecimal().toBigIntegerExact();
            }
        } catch (ArithmeticException | NumberFormatException ex) {
            // fall through
        }
        throw Refusal.invalid(name, "expected an integer, got " + e);
    }

    /** An unsigned 32-bit argument, reinterpreted as the signed Java int the package takes. */
    int u32(String name) {
        BigInteger v = integer(name);
        if (v.signum() < 0 || v.compareTo(U32_MAX) > 0) {
            throw Refusal.invalid(name, v + " is outside 0..2^32-1");
        }
        return (int) v.longValue();
    }

    int u32Or(String name, int def) {
        return has(name) ? u32(name) : def;
    }

    short i16(String name) {
        BigInteger v = integer(name);
        if (v.compareTo(BigInteger.valueOf(Short.MIN_VALUE)) < 0
                || v.compareTo(BigInteger.valueOf(Short.MAX_VALUE)) > 0) {
            throw Refusal.invalid(name, v + " is outside the i16 range");
        }
        return v.shortValue();
    }

    /** 007 RTC role: "publisher" -> true, "subscriber" -> false. */
    boolean publisher(String name) {
        String role = str(name);
        switch (role) {
            case "publisher":
                return true;
            case "subscriber":
                return false;
            default:
                throw Refusal.invalid(name, "unknown role " + role);
        }
    }

    /** A privilege map argument {"id": expiry}: u16 ids, u32 values (empty when absent). */
    TreeMap<Short, Integer> privileges(String name) {
        TreeMap<Short, Integer> out = new TreeMap<>();
        if (!has(name)) {
            return out;
        }
        Args p = sub(get(name), name);
        for (String key : p.json.keySet()) {
            int id;
            try {
                id = Integer.parseInt(key);
            } catch (NumberFormatException ex) {
                id = -1;
            }
            if (id < 0 || id > 0xFFFF) {
                throw Refusal.invalid(name, "privilege id " + key + " is not a u16");
            }
            out.put((short) id, p.u32(key));
        }
        return out;
    }

    Args sub(JsonElement e, String where) {
        if (!e.isJsonObject()) {
            throw Refusal.invalid(where, "expected a mapping");
        }
        return new Args(e.getAsJsonObject());
    }
}
