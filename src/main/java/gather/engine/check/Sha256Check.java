package gather.engine.check;

import gather.result.CheckFailure;

/** --expect-sha256: the decoded body's SHA-256 (the result's {@code sha256}) is this (lower-case hex). */
record Sha256Check(String hex) implements Check {
    @Override
    public String name() {
        return "expect-sha256";
    }

    @Override
    public CheckFailure evaluate(CheckContext c) {
        return hex.equals(c.sha256()) ? null : failure(hex, c.sha256());
    }
}
