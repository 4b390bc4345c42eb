package dev.thaw.api.auth;

import java.util.regex.Pattern;

/** The Credential of a signature: {@code <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request}. */
record CredentialScope(String accessKeyId, String date, String region, String service) {

    private static final Pattern DATE = Pattern.compile("\\d{8}");

    static CredentialScope parse(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || parts[0].isEmpty() || !DATE.matcher(parts[1]).matches() || parts[2].isEmpty()
                || parts[3].isEmpty() || !parts[4].equals(SigV4.TERMINATOR)) {
            throw new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, "Credential must have the form "
                    + "<access key id>/<yyyyMMdd>/<region>/<service>/" + SigV4.TERMINATOR + ", not '" + credential
                    + "'.");
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
    }

    /** The scope without the key id, as the string to sign carries it. */
    String scope() {
        return date + "/" + region + "/" + service + "/" + SigV4.TERMINATOR;
    }

    String credential() {
        return accessKeyId + "/" + scope();
    }
}
