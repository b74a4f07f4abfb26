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

    /** Both caches, newer than the jar, made by Java 25. */
    private void caches() throws IOException {
        for (String c : List.of("gather.aot", "gather-tls.aot")) {
            Files.writeString(app.resolve(c), "cache");
            Files.writeString(app.resolve(c + ".version"), "25.0.3\n");
            Files.setLastModifiedTime(app.resolve(c), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        }
    }

    private record Result(int code, List<String> args, String err) { }

    /** A PATH with the few tools the launcher may use (wrappers) and no java (the machine's own stays out). */
    private String toolsPath() throws IOException {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String t : List.of("readlink", "ls", "head", "wc")) {
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

    @Test
    void runsTheJarWithTheJvmOptionsAndThePlainCacheForHttp() throws Exception {
        caches();
        Result r = launch(java25(), "-j", "5", "http://example.test/");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.args).contains("-XX:+UseSerialGC", "-XX:-UsePerfData", "-XX:UserThreadWaitAttemptsAtExit=0",
                "-XX:AOTCache=" + app.resolve("gather.aot"));
        assertThat(r.args.subList(r.args.indexOf("-jar"), r.args.size()))
                .containsExactly("-jar", app.resolve("gather.jar").toString(), "-j", "5", "http://example.test/");
    }

    @Test
    void takesTheTlsCacheWhenTheRunLooksLikeHttps() throws Exception {
        caches();
        String tls = "-XX:AOTCache=" + app.resolve("gather-tls.aot");
        assertThat(launch(java25(), "HTTPS://example.test/").args).contains(tls);
        assertThat(launch(java25(), "demo", "--pages", "3").args).contains(tls);
        Path list = dir.resolve("urls.txt");
        Files.writeString(list, "# a comment\nhttp://a.test/\nhttps://b.test/\n");
        assertThat(launch(java25(), "-i", list.toString()).args).contains(tls);
        assertThat(launch(java25(), "--input=" + list).args).contains(tls);
        Files.writeString(list, "http://a.test/\n");
        assertThat(launch(java25(), "-i", list.toString()).args).contains("-XX:AOTCache=" + app.resolve("gather.aot"));
        Files.writeString(list, "x".repeat(1 << 20) + " https://late.test/\n");
        assertThat(launch(java25(), "-i", list.toString()).args).as("only the first 4 KiB are looked at")
                .contains("-XX:AOTCache=" + app.resolve("gather.aot"));
        assertThat(launch(java25(), "-i", dir.resolve("missing.txt").toString()).args)
                .as("a missing file is gather's to report, not the launcher's")
                .contains("-XX:AOTCache=" + app.resolve("gather.aot"));
        Files.delete(app.resolve("gather-tls.aot"));
        assertThat(launch(java25(), "https://example.test/").args).as("no TLS cache: the plain one")
                .contains("-XX:AOTCache=" + app.resolve("gather.aot"));
    }

    @Test
    void aHandfulOfUrlsSkipsTheReplayOfTrainingProfiles() throws Exception {
        caches();
        List<String> args = launch(java25(), "http://a.test/").args;
        assertThat(args).contains("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining");
        assertThat(args.indexOf("-XX:+UnlockDiagnosticVMOptions")).as("unlocked first").isZero();
        assertThat(launch(java25(), "--version").args).contains("-XX:-AOTReplayTraining");
        assertThat(launch(java25(), "-j", "4", "https://a.test/", "https://b.test/").args).contains("-XX:-AOTReplayTraining")
                .contains("-XX:AOTCache=" + app.resolve("gather-tls.aot"));
        Path list = dir.resolve("few.txt");
        Files.writeString(list, "http://a.test/1\nhttp://a.test/2\n");
        assertThat(launch(java25(), "-i", list.toString()).args).contains("-XX:-AOTReplayTraining");
        // a batch keeps the replay: it compiles ahead what the training found hot
        Files.writeString(list, "http://a.test/page\n".repeat(100));
        assertThat(launch(java25(), "-i", list.toString()).args).doesNotContain("-XX:-AOTReplayTraining")
                .contains("-XX:AOTCache=" + app.resolve("gather.aot"));
        assertThat(launch(java25(), "-i", "-").args).as("stdin: a batch of unknown size").doesNotContain("-XX:-AOTReplayTraining");
        assertThat(launch(java25(), "demo").args).doesNotContain("-XX:-AOTReplayTraining");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add("http://a.test/" + i);
        }
        assertThat(launch(java25(), many.toArray(String[]::new)).args).doesNotContain("-XX:-AOTReplayTraining");
        // only for the Java it was measured on, and only with a cache
        Path jdk26 = fakeJdk("jdk-26", "26.0.1");
        for (String c : List.of("gather.aot", "gather-tls.aot")) {
            Files.writeString(app.resolve(c + ".version"), "26.0.1\n");
        }
        assertThat(launch(javaAt(jdk26), "http://a.test/").args)
                .contains("-XX:AOTCache=" + app.resolve("gather.aot")).doesNotContain("-XX:-AOTReplayTraining");
        Files.delete(app.resolve("gather.aot"));
        Files.delete(app.resolve("gather-tls.aot"));
        assertThat(launch(java25(), "http://a.test/").args).doesNotContain("-XX:-AOTReplayTraining", "-XX:+UnlockDiagnosticVMOptions");
    }

    @Test
    void runsOfUpToAboutNinetyThousandUrlsKeepC2ForTheCryptoOnly() throws Exception {
        Files.copy(Path.of("src/main/sh/gather-c2.json"), app.resolve("gather-c2.json"));
        String directives = "-XX:CompilerDirectivesFile=" + app.resolve("gather-c2.json");
        Result one = launch(java25(), "http://a.test/");
        assertThat(one.args).contains(directives, "-XX:-DisplayVMOutput");
        assertThat(one.args.indexOf("-XX:+UnlockDiagnosticVMOptions")).as("unlocked first: %s", one.args)
                .isNotNegative().isLessThan(one.args.indexOf(directives));
        assertThat(launch(java25(), "demo").args).contains(directives);
        Path list = dir.resolve("batch.txt");
        Files.writeString(list, "http://a.test/page-0000000\n".repeat(2_000)); // 54 KB
        assertThat(launch(java25(), "-i", list.toString()).args).contains(directives);
        Files.writeString(list, "http://a.test/page-0000000\n".repeat(160_000)); // 4.3 MB: a long batch
        assertThat(launch(java25(), "-i", list.toString()).args).doesNotContain(directives)
                .doesNotContain("-XX:+UnlockDiagnosticVMOptions");
        assertThat(launch(java25(), "-i", "-").args).as("stdin: unknown size").doesNotContain(directives);
        Path jdk26 = fakeJdk("jdk-26", "26.0.1");
        assertThat(launch(javaAt(jdk26), "http://a.test/").args)
                .as("not measured there").doesNotContain(directives);
        Path jdk21 = fakeJdk("jdk-21", "21.0.5");
        assertThat(launch(javaAt(jdk21), "http://a.test/").args)
                .contains(directives, "-XX:+UnlockDiagnosticVMOptions");
        Files.delete(app.resolve("gather-c2.json"));
        assertThat(launch(java25(), "http://a.test/").args).doesNotContain(directives);
    }

    @Test
    void theRealJvmTakesTheDirectivesFileSilently() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> base = List.of(java, "-XX:+UnlockDiagnosticVMOptions",
                "-XX:CompilerDirectivesFile=" + Path.of("src/main/sh/gather-c2.json").toAbsolutePath());
        for (boolean silent : List.of(true, false)) {
            List<String> cmd = new ArrayList<>(base);
            if (silent) {
                cmd.add("-XX:-DisplayVMOutput");
            }
            cmd.add("-version");
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("%s: %s", cmd, out).isZero();
            if (silent) {
                assertThat(out).as("nothing on stdout, which is gather's").isEmpty();
            } else {
                assertThat(out).as("both directives parsed").contains("2 compiler directives added");
            }
        }
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
        assertThat(r.args).contains("-XX:+UseSerialGC")
                .noneMatch(a -> a.startsWith("-XX:AOTCache") || a.startsWith("-XX:UserThreadWaitAttemptsAtExit"));
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
