package gather.cli;

/** Written by Maven (templating-maven-plugin) from pom.xml: the project's version, a constant. */
final class BuildInfo {
    static final String VERSION = "${project.version}";

    private BuildInfo() { }
}
