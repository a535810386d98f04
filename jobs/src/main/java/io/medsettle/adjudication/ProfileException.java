package io.medsettle.adjudication;

/** A policy profile that cannot be used: the message names the file, the key and the reason. */
public class ProfileException extends RuntimeException {

    public ProfileException(String message) {
        super(message);
    }
}
