package dev.thaw.controlplane;

import java.util.Map;
import java.util.regex.Pattern;

/** A resource-based policy document, or one statement of it, as Lambda answers them, with the policy's revision. */
public record PolicyText(String text, String revisionId) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    /**
     * A statement's {@code Principal} as Lambda writes it: everyone ({@code *}), an account as its root, another ARN,
     * or a service ({@code sns.amazonaws.com}).
     */
    public static Object principal(String principal) {
        if (principal.equals("*")) {
            return "*";
        }
        if (ACCOUNT.matcher(principal).matches()) {
            return Map.of("AWS", "arn:aws:iam::" + principal + ":root");
        }
        return Map.of(principal.startsWith("arn:") ? "AWS" : "Service", principal);
    }
}
