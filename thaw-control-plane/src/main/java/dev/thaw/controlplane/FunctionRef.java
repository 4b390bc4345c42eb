package dev.thaw.controlplane;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as a request names it: a bare name, a partial ARN ({@code 123456789012:function:name}) or a full ARN,
 * each optionally followed by {@code :qualifier}.
 *
 * @param name      the function name
 * @param qualifier the version or alias from the name, or null
 */
public record FunctionRef(String name, String qualifier) {

    private static final Pattern FORM = Pattern.compile(
            "(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:" + Arns.REGION_FORM + ":)?(?:" + Arns.ACCOUNT_FORM + ":)?"
                    + "(?:function:)?([a-zA-Z0-9_-]+)(?::(\\$LATEST|[a-zA-Z0-9_-]+))?");
    private static final int MAX_NAME_LENGTH = 64;
    private static final int MAX_REFERENCE_LENGTH = 170;

    public static FunctionRef parse(String reference) {
        if (reference == null || reference.isEmpty()) {
            throw LambdaException.constraint("functionName", null, "Member must not be null");
        }
        if (reference.length() > MAX_REFERENCE_LENGTH) {
            throw LambdaException.constraint("functionName", reference, "Member must have length less than or equal "
                    + "to " + MAX_REFERENCE_LENGTH);
        }
        Matcher matcher = FORM.matcher(reference);
        if (!matcher.matches()) {
            throw LambdaException.constraint("functionName", reference, "Member must satisfy regular expression "
                    + "pattern: " + FORM.pattern());
        }
        String name = matcher.group(1);
        if (name.length() > MAX_NAME_LENGTH) {
            throw LambdaException.constraint("functionName", name, "Member must have length less than or equal to "
                    + MAX_NAME_LENGTH);
        }
        return new FunctionRef(name, matcher.group(2));
    }

    /**
     * Combines the qualifier from the name with the Qualifier query parameter; Lambda rejects the two when they
     * disagree.
     */
    public FunctionRef withQualifier(String queryQualifier) {
        if (queryQualifier == null || queryQualifier.isEmpty()) {
            return this;
        }
        if (qualifier != null && !qualifier.equals(queryQualifier)) {
            throw LambdaException.invalidParameter(
                    "The derived qualifier from the function name does not match the specified qualifier.");
        }
        return new FunctionRef(name, queryQualifier);
    }

    /** The alias the qualifier names, if it names one rather than a version. */
    public Optional<String> alias() {
        boolean version = qualifier == null || FunctionConfig.LATEST.equals(qualifier)
                || VersionResolver.isVersionNumber(qualifier);
        return version ? Optional.empty() : Optional.of(qualifier);
    }

    /** Rejects a qualifier where the operation addresses the whole function. */
    public FunctionRef unqualified() {
        if (qualifier != null) {
            throw LambdaException.invalidParameter("Unsupported qualifier '" + qualifier
                    + "': this operation applies to the unqualified function name.");
        }
        return this;
    }
}
