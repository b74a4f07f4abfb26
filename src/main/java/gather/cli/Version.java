package gather.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into gather/version.properties. */
public final class Version implements IVersionProvider {
    public static final String VERSION = load();

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/gather/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "0.0.0");
            return v.startsWith("$") ? "0.0.0" : v;
        } catch (IOException e) {
            return "0.0.0";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"gather " + VERSION};
    }
}
