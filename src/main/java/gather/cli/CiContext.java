package gather.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the run stands for the CI reports: GitHub mode ({@code GITHUB_ACTIONS=true} or --github:
 * annotations and the step summary), the step summary file ({@code $GITHUB_STEP_SUMMARY}), and the
 * input file's name (the JUnit class, the annotations' file), or null for URL arguments.
 */
record CiContext(boolean github, Path stepSummary, String inputName) {
    static final CiContext NONE = new CiContext(false, null, null);

    static CiContext of(boolean githubOption, Map<String, String> environment, String input) {
        boolean github = githubOption || "true".equals(environment.get("GITHUB_ACTIONS"));
        String summary = environment.get("GITHUB_STEP_SUMMARY");
        return new CiContext(github, github && summary != null && !summary.isBlank() ? Path.of(summary) : null,
                input == null ? null : input.equals("-") ? "stdin" : input);
    }
}
