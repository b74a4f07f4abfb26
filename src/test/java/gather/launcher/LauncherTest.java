package gather.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The POSIX launcher (src/main/sh/gather) with a fake JDK whose "java" prints the arguments it
 * was given: which Java it picks, the JVM options, and which AOT cache it passes.
 */
class LauncherTest {
    @TempDir
    Path dir;
    Path app;
    Path jdk25;

    @BeforeEach
    void setUp() throws IOException {
        app = Files.createDirectories(dir.resolve("app"));
        Files.copy(Path.of("src/main/sh/gather"), app.resolve("gather"));
        executable(app.resolve("gather"));
        Files.writeString(app.resolve("gather.jar"), "not really a jar");
        Files.copy(Path.of("src/main/sh/gather-c2.json"), app.resolve("gather-c2.json"));
        jdk25 = fakeJdk("jdk-25", "25.0.3");
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name).resolve("bin"));
        Files.writeString(home.getParent().resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Path java = home.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        executable(java);
        return home.getParent();
    }

    private static void executable(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The cache, newer than the jar, made by Java 25. */
    private void caches() throws IOException {
        Files.writeString(app.resolve("gather.aot"), "cache");
        Files.writeString(app.resolve("gather.aot.version"), "25.0.3\n");
        Files.setLastModifiedTime(app.resolve("gather.aot"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    }

    private record Result(int code, List<String> args, String err) { }

    /** A PATH with the few tools the launcher may use (wrappers) and no java (the machine's own stays out). */
    private String toolsPath() throws IOException {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String t : List.of("readlink", "ls")) {
            for (String d : List.of("/usr/bin/", "/bin/")) {
                Path real = Path.of(d + t);
                if (Files.isExecutable(real) && !Files.exists(tools.resolve(t))) {
                    Files.writeString(tools.resolve(t), "#!/bin/sh\nexec " + real + " \"$@\"\n");
                    executable(tools.resolve(t));
                }
            }
        }
        return tools.toString();
    }

    private Result launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", app.resolve("gather").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().put("PATH", toolsPath());
        pb.environment().put("HOME", dir.toString());
        pb.environment().putAll(env);
        Path errFile = dir.resolve("err.txt");
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out.lines().toList(), Files.readString(errFile));
    }

    private Map<String, String> java25() {
        return javaAt(jdk25);
    }

    /** This JDK and no other: GATHER_JAVA set, no install folders searched. */
    private static Map<String, String> javaAt(Path jdk) {
        return Map.of("GATHER_JAVA", jdk.toString(), "GATHER_JDK_SEARCH_PATH", "");
    }

    /** The JVM options: everything before -jar. */
    private static List<String> jvmOptions(Result r) {
        return r.args.subList(0, r.args.indexOf("-jar"));
    }

    /** The arguments gather.jar gets: everything after -jar JAR. */
    private static List<String> gatherArgs(Result r) {
        return r.args.subList(r.args.indexOf("-jar") + 2, r.args.size());
    }

    @Test
    void runsTheJarWithTheFixedJvmOptionsAndTheCache() throws Exception {
        caches();
        Result r = launch(java25(), "-j", "5", "http://example.test/");
        assertThat(r.code).as(r.err).isZero();
        assertThat(jvmOptions(r)).containsExactly("-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:-UsePerfData",
                "-XX:+UseSerialGC", "-Xms32m", "-XX:MaxNewSize=32m", "-Xmx512m", "-XX:+UnlockDiagnosticVMOptions",
                "-XX:CompilerDirectivesFile=" + app.resolve("gather-c2.json"), "-XX:-DisplayVMOutput",
                "-XX:Tier4InvocationThreshold=300", "-XX:Tier4MinInvocationThreshold=100",
                "-XX:Tier4CompileThreshold=500", "-XX:Tier4BackEdgeThreshold=2000",
                "-XX:UserThreadWaitAttemptsAtExit=0", "-XX:AOTCache=" + app.resolve("gather.aot"),
                "-Xlog:aot*=off,cds*=off:stderr");
        assertThat(r.args.subList(r.args.indexOf("-jar"), r.args.size()))
                .containsExactly("-jar", app.resolve("gather.jar").toString(), "-j", "5", "http://example.test/");
    }

    @Test
    void passesTheArgumentsThroughUntouched() throws Exception {
        caches();
        Path big = dir.resolve("big.txt");
        Files.writeString(big, "https://a.test/\n".repeat(1000));
        List<List<String>> cases = List.of(
                List.of("-qi", big.toString()),
                List.of("-H", "Referer: https://x", "http://a.test/"),
                List.of("-d", "@" + big, "--", "http://a.test/ with space", ""),
                List.of("demo", "--serve", "--pages", "3"),
                List.of("-i", "-", "*", "$HOME", "a\\b", "'quoted'", "\"double\""),
                List.of());
        for (List<String> args : cases) {
            Result r = launch(java25(), args.toArray(String[]::new));
            assertThat(r.code).as(r.err).isZero();
            assertThat(gatherArgs(r)).as("%s", args).containsExactlyElementsOf(args);
        }
    }

    @Test
    void theJvmOptionsAreTheSameWhateverTheArgumentsOrTheInputFileSay() throws Exception {
        caches();
        Path few = dir.resolve("few.txt");
        Files.writeString(few, "http://a.test/\n");
        Path https = dir.resolve("https.txt");
        Files.writeString(https, "https://a.test/page\n".repeat(200_000));
        List<String> expected = jvmOptions(launch(java25(), "http://a.test/"));
        List<List<String>> cases = List.of(
                List.of("HTTPS://example.test/"),
                List.of("-H", "Referer: https://x", "http://a.test/"),
                List.of("-qi", https.toString()),
                List.of("-i", https.toString()),
                List.of("--input=" + few),
                List.of("-i", few.toString()),
                List.of("-i", "-"),
                List.of("-i", dir.resolve("missing.txt").toString()),
                List.of("demo"),
                List.of("--version"),
                List.of());
        for (List<String> args : cases) {
            assertThat(jvmOptions(launch(java25(), args.toArray(String[]::new)))).as("%s", args)
                    .isEqualTo(expected);
        }
        assertThat(expected).noneMatch(a -> a.contains("AOTReplayTraining"))
                .contains("-XX:CompilerDirectivesFile=" + app.resolve("gather-c2.json"));
    }

    @Test
    void gatherJitChoosesTheJitForEveryRunAndNothingElseDoes() throws Exception {
        caches();
        List<String> quick = jvmOptions(launch(java25(), "http://a.test/"));
        Map<String, String> env = new java.util.HashMap<>(java25());
        env.put("GATHER_JIT", "quick");
        assertThat(jvmOptions(launch(env, "http://a.test/"))).as("quick is the default").isEqualTo(quick);
        env.put("GATHER_JIT", "");
        assertThat(jvmOptions(launch(env, "http://a.test/"))).as("empty: the default").isEqualTo(quick);
        env.put("GATHER_JIT", "full");
        List<String> full = jvmOptions(launch(env, "-i", "big.txt"));
        assertThat(full).as("full: C2 for everything, as a plain JVM").noneMatch(a -> a.contains("CompilerDirectives")
                || a.contains("UnlockDiagnostic") || a.contains("DisplayVMOutput") || a.contains("Tier4"));
        assertThat(quick).containsSubsequence("-XX:+UnlockDiagnosticVMOptions",
                "-XX:CompilerDirectivesFile=" + app.resolve("gather-c2.json"), "-XX:-DisplayVMOutput",
                "-XX:Tier4InvocationThreshold=300");
        assertThat(new java.util.ArrayList<>(quick)).as("the rest is the same").containsAll(full);

        env.put("GATHER_JIT", "fast");
        Result bad = launch(env, "http://a.test/");
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.args).isEmpty();
        assertThat(bad.err).contains("GATHER_JIT=fast").contains("quick").contains("full");

        env.put("GATHER_JIT", "quick");
        env.put("GATHER_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        assertThat(jvmOptions(launch(env, "http://a.test/"))).as("a JIT option of the user's replaces it")
                .noneMatch(a -> a.contains("CompilerDirectives")).endsWith("-XX:TieredStopAtLevel=1");
        env.put("GATHER_JAVA_OPTS", "");
        env.put("GATHER_AOT_OUTPUT", dir.resolve("train.aot").toString());
        assertThat(jvmOptions(launch(env, "http://a.test/"))).as("a training run: the plain JIT's profiles")
                .noneMatch(a -> a.contains("CompilerDirectives"));
    }

    @Test
    void userOptionsComeLastAndReplaceTheLaunchersHeapGcAndCache() throws Exception {
        assertThat(jvmOptionsWithCachesAnd("-Xmx2g -Xms64m -XX:+UseParallelGC -Xshare:off")).endsWith("-Xmx2g", "-Xms64m", "-XX:+UseParallelGC", "-Xshare:off")
                .doesNotContain("-Xmx512m", "-Xms32m", "-XX:MaxNewSize=32m", "-XX:+UseSerialGC")
                .noneMatch(a -> a.startsWith("-XX:AOTCache"));
    }

    @Test
    void aUserOptionThatOnlyNamesTheCacheKeepsTheLaunchersCache() throws Exception {
        assertThat(jvmOptionsWithCachesAnd("-XX:+UnlockDiagnosticVMOptions -XX:-AOTCacheParallelRelocation"))
                .contains("-XX:AOTCache=" + app.resolve("gather.aot"))
                .endsWith("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTCacheParallelRelocation");
    }

    /** The JVM options of a run on Java 25 with the caches in place and {@code opts} as GATHER_JAVA_OPTS. */
    private List<String> jvmOptionsWithCachesAnd(String opts) throws Exception {
        caches();
        Result r = launch(Map.of("GATHER_JAVA", jdk25.toString(), "GATHER_JDK_SEARCH_PATH", "",
                "GATHER_JAVA_OPTS", opts), "http://a.test/");
        assertThat(r.code).as(r.err).isZero();
        return jvmOptions(r);
    }

    @Test
    void gatherWhichJavaPrintsTheChosenJavaAndRunsNothing() throws Exception {
        Result r = launch(Map.of("GATHER_JAVA", jdk25.toString(), "GATHER_JDK_SEARCH_PATH", "", "GATHER_WHICH_JAVA", "1"),
                "http://a.test/");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.args).containsExactly(jdk25.resolve("bin/java") + " 25.0.3");
    }

    @Test
    void aTrainingRunWritesTheCacheWithJava25AndRefusesOlderJavas() throws Exception {
        caches();
        Path out = dir.resolve("new.aot");
        Result r = launch(Map.of("GATHER_JAVA", jdk25.toString(), "GATHER_JDK_SEARCH_PATH", "",
                "GATHER_AOT_OUTPUT", out.toString()), "-j", "50", "-i", "urls");
        assertThat(r.code).as(r.err).isZero();
        assertThat(jvmOptions(r)).contains("-XX:AOTCacheOutput=" + out).noneMatch(a -> a.startsWith("-XX:AOTCache="));
        assertThat(gatherArgs(r)).containsExactly("-j", "50", "-i", "urls");
        assertThat(Files.readString(dir.resolve("new.aot.version"))).isEqualTo("25.0.3\n");
        Path jdk21 = fakeJdk("jdk-21", "21.0.5");
        Result old = launch(Map.of("GATHER_JAVA", jdk21.toString(), "GATHER_JDK_SEARCH_PATH", "",
                "GATHER_AOT_OUTPUT", out.toString()), "http://a.test/");
        assertThat(old.code).isEqualTo(2);
        assertThat(old.args).isEmpty();
        assertThat(old.err).contains("GATHER_AOT_OUTPUT").contains("needs 25 or newer");
    }

    @Test
    void noCacheWhenItIsOlderThanTheJarOrFromAnotherJava() throws Exception {
        caches();
        Files.writeString(app.resolve("gather.aot.version"), "26\n");
        assertThat(launch(java25(), "http://x.test/").args).noneMatch(a -> a.startsWith("-XX:AOTCache"));
        caches();
        Files.setLastModifiedTime(app.resolve("gather.jar"), FileTime.fromMillis(System.currentTimeMillis() + 120_000));
        assertThat(launch(java25(), "http://x.test/").args).noneMatch(a -> a.startsWith("-XX:AOTCache"));
    }

    @Test
    void java21RunsWithoutTheJdk25Options() throws Exception {
        Path jdk21 = fakeJdk("jdk-21", "21.0.5");
        caches();
        Result r = launch(Map.of("GATHER_JAVA", jdk21.resolve("bin/java").toString()), "http://x.test/");
        assertThat(r.code).isZero();
        assertThat(r.args).contains("-XX:+UseSerialGC", "-XX:CompilerDirectivesFile=" + app.resolve("gather-c2.json"))
                .noneMatch(a -> a.startsWith("-XX:AOTCache") || a.startsWith("-XX:UserThreadWaitAttemptsAtExit"));
        Path jdk26 = fakeJdk("jdk-26", "26.0.1");
        assertThat(launch(Map.of("GATHER_JAVA", jdk26.toString()), "http://x.test/").args)
                .as("diagnostic flags only on the Javas measured").noneMatch(a -> a.contains("CompilerDirectives")
                        || a.contains("UnlockDiagnostic"));
    }

    @Test
    void findsTheNewestJdkInTheInstallFoldersWhenNothingElseIsSet() throws Exception {
        fakeJdk("jdk-17", "17.0.9");
        fakeJdk("jdk-21", "21.0.5");
        Result r = launch(Map.of("GATHER_JDK_SEARCH_PATH", dir + "/jdk-*"), "--version");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.args).contains("-XX:UserThreadWaitAttemptsAtExit=0").endsWith("--version");
    }

    @Test
    void takesTheJavaOnPathThroughItsSymbolicLinks() throws Exception {
        caches();
        // PATH/java -> ../alt/java (relative) -> jdk-25/bin/java (absolute), as with update-alternatives
        Path pathBin = Files.createDirectories(dir.resolve("pathbin"));
        Path alt = Files.createDirectories(dir.resolve("alt"));
        Files.createSymbolicLink(alt.resolve("java"), jdk25.resolve("bin/java"));
        Files.createSymbolicLink(pathBin.resolve("java"), Path.of("../alt/java"));
        Map<String, String> env = Map.of("PATH", dir.resolve("empty") + ":" + pathBin + ":" + toolsPath(),
                "GATHER_JDK_SEARCH_PATH", "");
        Result r = launch(env, "http://x.test/");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.args).as("Java 25 read from the release file behind the links")
                .contains("-XX:UserThreadWaitAttemptsAtExit=0", "-XX:AOTCache=" + app.resolve("gather.aot"));
        // an older java first on PATH is skipped, with a note, for the install folders
        Path jdk17 = fakeJdk("jdk-17", "17.0.9");
        Path oldBin = Files.createDirectories(dir.resolve("oldbin"));
        Files.createSymbolicLink(oldBin.resolve("java"), jdk17.resolve("bin/java"));
        Result old = launch(Map.of("PATH", oldBin + ":" + pathBin + ":" + toolsPath(), "GATHER_JDK_SEARCH_PATH", ""),
                "--version");
        assertThat(old.code).isEqualTo(2);
        assertThat(old.err).contains("java on PATH").contains("Java 17.0.9, too old");
    }

    @Test
    void noJava21AnywhereIsAClearErrorWithExit2() throws Exception {
        Path jdk17 = fakeJdk("jdk-17", "17.0.9");
        Result r = launch(Map.of("JAVA_HOME", jdk17.toString(), "GATHER_JDK_SEARCH_PATH", dir + "/jdk-1*"), "--version");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.args).isEmpty();
        assertThat(r.err).contains("no Java 21 or newer found").contains("Java 17.0.9, too old").contains("JAVA_HOME").contains("java on PATH: none");
    }
}
