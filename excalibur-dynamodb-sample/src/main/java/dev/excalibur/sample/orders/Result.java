package dev.excalibur.sample.orders;

/**
 * What an order command did, in HTTP terms: a status, the body on success, the document's new
 * ETag when there is one, and why it failed otherwise.
 */
public record Result<T>(int status, T body, String etag, String problem) {

    static <T> Result<T> ok(int status, T body, String etag) {
        return new Result<>(status, body, etag, null);
    }

    static <T> Result<T> failed(int status, String problem) {
        return new Result<>(status, null, null, problem);
    }

    /** Whether the command did what was asked. */
    public boolean succeeded() {
        return problem == null;
    }
}
