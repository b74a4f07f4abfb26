package gather.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from pom.xml, compiled in (see BuildInfo): no resource to read at start-up. */
public final class Version implements IVersionProvider {
    public static final String VERSION = BuildInfo.VERSION;

    @Override
    public String[] getVersion() {
        return new String[] {"gather " + VERSION};
    }
}
