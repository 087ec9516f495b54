package org.agoraconformance;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.Callable;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Pins the clock and the salt of the upstream AgoraDynamicKey JVM ports (Java and Kotlin). Every
 * builder reads them through {@code io.agora.media.Utils.getTimestamp()} and {@code randomInt()}
 * (Java static methods, Kotlin {@code object Utils} members); this launcher agent (manifest
 * {@code Launcher-Agent-Class}) adds exit advice to those two methods when the class loads, so
 * each returns the case's value while one is set here and its own result otherwise. The upstream
 * code runs unmodified otherwise, as with the Node adapters' pinned Date and Math.random.
 */
public final class Pinning {
    /** The case's clock and salt, or null for the method's own value; set around each call. */
    public static volatile Long now;
    public static volatile Long salt;
    private static volatile boolean installed;

    private Pinning() {}

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        new AgentBuilder.Default()
                .with(AgentBuilder.Listener.StreamWriting.toSystemError().withErrorsOnly())
                .type(ElementMatchers.named("io.agora.media.Utils"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(Clock.class).on(ElementMatchers.named("getTimestamp")
                                .and(ElementMatchers.takesArguments(0))))
                        .visit(Advice.to(Salt.class).on(ElementMatchers.named("randomInt")
                                .and(ElementMatchers.takesArguments(0)))))
                .installOn(instrumentation);
        installed = true;
    }

    /** Run {@code call} with the clock and salt pinned (null: left to upstream). */
    static <T> T call(Long pinnedSalt, Long pinnedNow, Callable<T> call) throws Exception {
        if (!installed) {
            throw new IllegalStateException("the pinning agent is not running: start the adapter with java -jar");
        }
        salt = pinnedSalt;
        now = pinnedNow;
        try {
            return call.call();
        } finally {
            salt = null;
            now = null;
        }
    }

    /** Exit advice of Utils.getTimestamp(). */
    public static final class Clock {
        private Clock() {}

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) int value) {
            Long pinned = Pinning.now;
            if (pinned != null) {
                value = (int) pinned.longValue();
            }
        }
    }

    /** Exit advice of Utils.randomInt(). */
    public static final class Salt {
        private Salt() {}

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) int value) {
            Long pinned = Pinning.salt;
            if (pinned != null) {
                value = (int) pinned.longValue();
            }
        }
    }
}
