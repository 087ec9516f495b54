package org.agoraconformance;

import com.google.gson.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The upstream folder an adapter jar was compiled from (manifest Upstream-Source and
 * Upstream-Commit, written by the Maven build). The adapter's command line names the folder
 * under test; a jar built from another folder refuses to start rather than test the wrong code.
 */
final class UpstreamTree {
    final String commit;
    final String source;

    private UpstreamTree(String commit, String source) {
        this.commit = commit;
        this.source = source;
    }

    /** The tree of this jar, checked against the folder given as the first argument. */
    static UpstreamTree check(String[] argv) throws IOException {
        Attributes a;
        try (JarFile jar = new JarFile(new File(
                UpstreamTree.class.getProtectionDomain().getCodeSource().getLocation().toURI()))) {
            a = jar.getManifest().getMainAttributes();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        UpstreamTree tree = new UpstreamTree(a.getValue("Upstream-Commit"), a.getValue("Upstream-Source"));
        if (argv.length < 1) {
            fail("usage: java -jar ADAPTER.jar UPSTREAM_LANGUAGE_DIR (this jar was built from "
                    + tree.source + ")");
        }
        File given = new File(argv[0]);
        if (!given.getCanonicalFile().equals(new File(tree.source).getCanonicalFile())) {
            fail("this jar was compiled from " + tree.source + ", not " + argv[0]
                    + ": rebuild it with -Dupstream.src=" + argv[0] + " (see the adapter's install.sh)");
        }
        return tree;
    }

    JsonObject implementation(String name, String language, String notes) {
        return Protocol.implementation(name, language, commit,
                "https://github.com/AgoraIO/Tools/tree/" + commit + "/DynamicKey/AgoraDynamicKey/" + language,
                "compiled from " + source + "; " + notes);
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
