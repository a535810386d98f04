package io.medsettle.files;

/** The file cannot be read as a whole: nothing of it is loaded. */
public class FileRejectedException extends RuntimeException {

    private final transient Problem problem;

    public FileRejectedException(Problem problem) {
        super(problem.describe());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
