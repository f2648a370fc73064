package dev.attentionqa.cli;

/** Exit statuses of every command, so that scripts can tell a refused request from a timeout or a crash. */
public final class ExitCodes {

    /** Answered (or the command did its job). */
    public static final int OK = 0;
    /** An unexpected error (picocli's default for an exception). */
    public static final int ERROR = 1;
    /** A usage error: unknown option, missing argument (picocli's default). */
    public static final int USAGE = 2;
    /** The request was refused: invalid input, reported with its dead-letter code. */
    public static final int REFUSED = 3;
    /** No answer within the timeout. */
    public static final int TIMEOUT = 4;

    private ExitCodes() {
    }
}
